package io.crosswatch.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A cooperative cancellation signal shared by a run and everything it calls. Long operations
 * check {@link #throwIfCancelled()} between steps; waits registered with {@link
 * #onCancel(Runnable)} are woken promptly.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class CancellationToken {

    private static final CancellationToken NONE = new CancellationToken();

    private final List<Runnable> listeners = new ArrayList<>();
    private volatile String reason;

    /** @return a new token that is not cancelled */
    public static CancellationToken create() {
        return new CancellationToken();
    }

    /** @return a shared token that callers never cancel (cancelling it is refused) */
    public static CancellationToken none() {
        return NONE;
    }

    private CancellationToken() {
    }

    /**
     * Cancels the token. Idempotent; the first reason wins.
     *
     * @param why the reason reported in the resulting {@link CancelledException}
     */
    public void cancel(String why) {
        if (this == NONE) {
            throw new UnsupportedOperationException("the shared 'none' token cannot be cancelled");
        }
        List<Runnable> toRun;
        synchronized (listeners) {
            if (reason != null) {
                return;
            }
            reason = why == null ? "cancelled" : why;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** @return whether {@link #cancel(String)} was called */
    public boolean isCancelled() {
        return reason != null;
    }

    /** @throws CancelledException when the token was cancelled */
    public void throwIfCancelled() {
        String r = reason;
        if (r != null) {
            throw new CancelledException(r);
        }
    }

    /**
     * Registers a callback run once on cancellation (at once when already cancelled).
     *
     * @param listener the callback; must be quick and must not throw
     */
    public void onCancel(Runnable listener) {
        synchronized (listeners) {
            if (reason == null) {
                listeners.add(listener);
                return;
            }
        }
        listener.run();
    }
}
