package io.crosswatch.testkit;

import io.crosswatch.api.Api;
import io.crosswatch.api.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Virtual time for provider tests: a {@link FakeClock} and a {@link Sleeper} that, instead of
 * waiting, advances that clock by the requested duration and records it. A provider polling a
 * device code every five seconds for ten minutes then finishes in microseconds, and the test
 * can assert how long it <em>would</em> have waited.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.create();
 * ProviderContext ctx = TestContext.of(RecordingProviderStore.of(config), time);
 * provider.finish(ctx, step.state());
 * assertEquals(Duration.ofSeconds(15), time.slept());
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class VirtualTime {

    /** Where {@link #create()} starts: a fixed instant so test output is reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeClock clock;
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper;

    private VirtualTime(Instant start) {
        this.clock = FakeClock.at(start);
        this.sleeper = duration -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted before a virtual sleep of " + duration);
            }
            Duration d = duration.isNegative() ? Duration.ZERO : duration;
            synchronized (sleeps) {
                sleeps.add(d);
            }
            clock.advance(d);
        };
    }

    /** @return virtual time starting at {@link #DEFAULT_START} */
    public static VirtualTime create() {
        return new VirtualTime(DEFAULT_START);
    }

    /**
     * @param start the first instant
     * @return virtual time starting at {@code start}
     */
    public static VirtualTime startingAt(Instant start) {
        return new VirtualTime(start);
    }

    /** @return the clock; every sleep moves it */
    public FakeClock clock() {
        return clock;
    }

    /** @return the sleeper that advances {@link #clock()} instead of waiting */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * Moves the clock without a sleep being recorded (time passing between two calls).
     *
     * @param duration how far
     * @return the new instant
     */
    public Instant advance(Duration duration) {
        return clock.advance(duration);
    }

    /** @return every sleep requested so far, in order */
    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    /** @return the total of every sleep requested so far */
    public Duration slept() {
        return sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return "VirtualTime[now=" + clock.instant() + ", sleeps=" + sleeps().size() + "]";
    }
}
