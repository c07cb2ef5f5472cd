package io.crosswatch.core.internal.http;

import io.crosswatch.api.CancellationToken;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs registered actions when a {@link CancellationToken} fires: interrupting a waiting
 * thread, cancelling an in-flight call.
 *
 * <p>{@link CancellationToken} cannot remove a listener, so registering one per wait or call
 * would grow its list for the whole run. Instead one listener is registered per token, and
 * it runs whatever actions are registered here at that moment; actions are removed when
 * their wait or call ends.
 */
public final class CancelHooks {

    private static final Map<CancellationToken, Set<Runnable>> HOOKS = Collections.synchronizedMap(new WeakHashMap<>());

    private CancelHooks() {
    }

    /** Removes its action when closed. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param token  the token; {@link CancellationToken#none()} registers nothing
     * @param action run once if the token fires while registered (at once when it already has)
     * @return closes the registration
     */
    public static Registration register(CancellationToken token, Runnable action) {
        if (token == CancellationToken.none()) {
            return () -> { };
        }
        Set<Runnable> actions;
        synchronized (HOOKS) {
            actions = HOOKS.get(token);
            if (actions == null) {
                Set<Runnable> created = ConcurrentHashMap.newKeySet();
                HOOKS.put(token, created);
                token.onCancel(() -> {
                    synchronized (created) {
                        created.forEach(Runnable::run);
                    }
                });
                actions = created;
            }
        }
        Set<Runnable> registered = actions;
        synchronized (registered) {
            registered.add(action);
        }
        if (token.isCancelled()) {
            action.run();
        }
        return () -> {
            synchronized (registered) {
                registered.remove(action);
            }
        };
    }
}
