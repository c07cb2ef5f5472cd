package io.crosswatch.testkit;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
import java.time.Clock;

/**
 * An author's context with only the cancellation token replaced. It delegates everything else,
 * {@code refreshCredentials()} included, so a rule about cancellation changes nothing but that.
 */
final class CancelledContext implements ProviderContext {

    private final ProviderContext delegate;
    private final CancellationToken token;

    CancelledContext(ProviderContext delegate, CancellationToken token) {
        this.delegate = delegate;
        this.token = token;
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
        return token;
    }

    @Override
    public ProviderConfig refreshCredentials() {
        return delegate.refreshCredentials();
    }

    @Override
    public String toString() {
        return "CancelledContext[" + delegate + "]";
    }
}
