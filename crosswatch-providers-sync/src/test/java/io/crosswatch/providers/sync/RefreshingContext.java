package io.crosswatch.providers.sync;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A test context whose credential refresh is supplied by the test (core's contexts call the
 * auth provider); everything else comes from the delegate, usually a testkit
 * {@link io.crosswatch.testkit.TestContext}.
 */
public final class RefreshingContext implements ProviderContext {

    private final ProviderContext delegate;
    private final Supplier<ProviderConfig> refresh;

    /**
     * @param delegate supplies config, store, clock, sleeper and cancellation
     * @param refresh  runs on {@link #refreshCredentials()} and returns the refreshed config
     */
    public RefreshingContext(ProviderContext delegate, Supplier<ProviderConfig> refresh) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    @Override
    public ProviderConfig config() {
        return delegate.config();
    }

    @Override
    public ProviderStore store() {
        return delegate.store();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public Sleeper sleeper() {
        return delegate.sleeper();
    }

    @Override
    public CancellationToken cancellation() {
        return delegate.cancellation();
    }

    @Override
    public ProviderConfig refreshCredentials() {
        return refresh.get();
    }

    @Override
    public String toString() {
        return "RefreshingContext[" + delegate + "]";
    }
}
