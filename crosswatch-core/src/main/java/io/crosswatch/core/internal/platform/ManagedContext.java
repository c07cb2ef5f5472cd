package io.crosswatch.core.internal.platform;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@link ProviderContext} core hands to providers: the live configuration of one instance
 * from its store, injected time, cancellation and, for connectors, a refresh hook that asks the
 * owning auth provider for new credentials.
 */
public final class ManagedContext implements ProviderContext {

    private final ProviderStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CancellationToken cancellation;
    private final Supplier<ProviderConfig> refresher;

    /**
     * @param store        the instance's store
     * @param clock        the clock
     * @param sleeper      the sleeper
     * @param cancellation the token of the surrounding operation
     * @param refresher    refreshes credentials and returns the new config; {@code null} when none is possible
     */
    public ManagedContext(ProviderStore store, Clock clock, Sleeper sleeper, CancellationToken cancellation,
                          Supplier<ProviderConfig> refresher) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.cancellation = cancellation == null ? CancellationToken.none() : cancellation;
        this.refresher = refresher;
    }

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

    @Override
    public CancellationToken cancellation() {
        return cancellation;
    }

    @Override
    public ProviderConfig refreshCredentials() {
        if (refresher == null) {
            return ProviderContext.super.refreshCredentials();
        }
        return refresher.get();
    }

    @Override
    public String toString() {
        return "ProviderContext[" + store + "]";
    }
}
