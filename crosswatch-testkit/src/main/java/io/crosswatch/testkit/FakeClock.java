package io.crosswatch.testkit;

import io.crosswatch.api.Api;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it. Hand it to a provider through the
 * {@link io.crosswatch.api.ProviderContext} so token expiry, polling and backoff run on virtual
 * time; {@link VirtualTime} pairs it with a sleeper that advances it.
 *
 * <p>Thread-safe. Clocks returned by {@link #withZone(ZoneId)} share this clock's instant.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class FakeClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * @param start the instant the clock shows until it is moved
     * @return a UTC clock at {@code start}
     */
    public static FakeClock at(Instant start) {
        return new FakeClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; must not be negative
     * @return the new instant
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward, got " + duration);
        }
        return now.updateAndGet(i -> i.plus(duration));
    }

    /**
     * Sets the clock, backwards too (to test clock skew).
     *
     * @param instant the new instant
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId value) {
        return zone.equals(Objects.requireNonNull(value, "zone")) ? this : new FakeClock(now, value);
    }

    /**
     * Clocks are equal when they read the same instant source in the same zone, as the JDK's
     * clocks are: a rate limiter registry keys budgets by the clock they are counted on.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FakeClock other && other.now == now && other.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(now) + zone.hashCode();
    }

    @Override
    public String toString() {
        return "FakeClock[" + now.get() + " " + zone + "]";
    }
}
