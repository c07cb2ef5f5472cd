package io.crosswatch.testkit;

import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
import java.time.Clock;
import java.util.Objects;

/**
 * A {@link ProviderContext} for tests: a store, {@link VirtualTime} and a cancellation token.
 * {@link #config()} always reads the store's current value, as core's contexts do, so what a
 * provider persisted in one call is visible in the next.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class TestContext implements ProviderContext {

    private final ProviderStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CancellationToken cancellation;

    private TestContext(ProviderStore store, Clock clock, Sleeper sleeper, CancellationToken cancellation) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * @param store the store to read and persist through
     * @param time  the virtual clock and sleeper
     * @return a context that is never cancelled
     */
    public static TestContext of(ProviderStore store, VirtualTime time) {
        return new TestContext(store, time.clock(), time.sleeper(), CancellationToken.none());
    }

    /**
     * @param config the configuration, kept in a fresh {@link RecordingProviderStore}
     * @param time   stepped time: sleeps block until the test advances the clock
     * @return a context that is never cancelled
     */
    public static TestContext of(ProviderConfig config, SteppedTime time) {
        return new TestContext(RecordingProviderStore.of(config), time.clock(), time.sleeper(), CancellationToken.none());
    }

    /**
     * @param config the configuration, kept in a fresh {@link RecordingProviderStore}
     * @param time   the virtual clock and sleeper
     * @return a context that is never cancelled
     */
    public static TestContext of(ProviderConfig config, VirtualTime time) {
        return of(RecordingProviderStore.of(config), time);
    }

    /**
     * Copies any context (an author's own, say) with another cancellation token: how the
     * contracts test that a provider honours cancellation.
     *
     * @param context the context to copy config, store, clock and sleeper from
     * @param token   the token to report
     * @return the copy
     */
    public static TestContext copyOf(ProviderContext context, CancellationToken token) {
        return new TestContext(context.store(), context.clock(), context.sleeper(), token);
    }

    /**
     * @param token the token to report
     * @return a copy of this context with {@code token}
     */
    public TestContext withCancellation(CancellationToken token) {
        return new TestContext(store, clock, sleeper, token);
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
    public String toString() {
        return "TestContext[" + store.current() + ", cancelled=" + cancellation.isCancelled() + "]";
    }
}
