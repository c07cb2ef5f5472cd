package io.crosswatch.api;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything a provider receives from core for one call: its configuration, a store to
 * persist into, injected time, cancellation and a hook to refresh credentials.
 *
 * <p>Providers hold no global or static state; whatever they need arrives here. The context
 * is narrow on purpose and grows only through default methods.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public interface ProviderContext {

    /** @return the provider instance's configuration as of this call */
    ProviderConfig config();

    /** @return the store that persists changes to this instance's configuration */
    ProviderStore store();

    /** @return the clock to read time from; never {@code System.currentTimeMillis()} */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** @return the sleeper to wait with; never {@code Thread.sleep} */
    default Sleeper sleeper() {
        return Sleeper.SYSTEM;
    }

    /** @return the cancellation token of the surrounding operation */
    default CancellationToken cancellation() {
        return CancellationToken.none();
    }

    /**
     * Asks the auth provider owning this instance to refresh its credentials (after a
     * {@code 401}) and returns the configuration with the new tokens.
     *
     * @return the refreshed configuration
     * @throws AuthException when no refresh is possible; the user must connect again
     */
    default ProviderConfig refreshCredentials() {
        throw new AuthException(config().provider(), "the credentials expired and cannot be refreshed; run 'crosswatch connect "
                + config().provider() + "'");
    }

    /**
     * A context over a fixed store, for tests and simple embedding.
     *
     * @param store   the store; its current config is the context's config
     * @param clock   the clock
     * @param sleeper the sleeper
     * @return a context whose {@link #config()} always reads the store's current value
     */
    static ProviderContext of(ProviderStore store, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        return new ProviderContext() {
            @Override
            public ProviderConfig config() {
                return store.current();
            }

            @Override
            public ProviderStore store() {
                return store;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Sleeper sleeper() {
                return sleeper;
            }
        };
    }
}
