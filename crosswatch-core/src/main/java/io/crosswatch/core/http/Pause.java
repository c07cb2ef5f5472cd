package io.crosswatch.core.http;

import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.core.internal.http.Waiter;

import java.time.Duration;
import java.util.Objects;

/**
 * A wait that is part of a provider's protocol rather than a retry: the pause between two polls
 * of a device-code, PIN or request-token approval. It waits through the context's
 * {@link io.crosswatch.api.Sleeper} (virtual time in tests) and, like the toolkit's own backoff,
 * wakes at once when the context's cancellation token is cancelled, so that a user who gives up
 * on a {@code connect} is not kept waiting for the next poll.
 *
 * @since 0.1
 */
public final class Pause {

    private Pause() {
    }

    /**
     * Waits for {@code duration}.
     *
     * @param context  supplies the clock, sleeper and cancellation token
     * @param duration the wait; zero or negative returns at once (after the cancellation check)
     * @param what     what is being waited for, for the message when the thread is interrupted
     *                 (e.g. {@code "simkl: the PIN to be approved"}); never a secret
     * @throws CancelledException when the token is cancelled before or during the wait, or the
     *                            thread is interrupted (its interrupt flag is then kept set)
     */
    public static void sleep(ProviderContext context, Duration duration, String what) {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(what, "what");
        try {
            new Waiter(context.clock(), context.sleeper()).sleep(duration, null, context.cancellation());
        } catch (Waiter.DeadlineExceeded e) {
            throw new IllegalStateException("a pause without a deadline cannot pass one", e);
        } catch (CancelledException e) {
            if (context.cancellation().isCancelled()) {
                throw e;
            }
            throw new CancelledException("interrupted while waiting for " + what);
        }
    }
}
