package io.crosswatch.core.sync;

import io.crosswatch.api.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when the sleeper is called, so backoff and Retry-After cost no real time. */
final class VirtualTime extends Clock implements Sleeper {

    private final AtomicReference<Instant> now;
    private volatile Duration slept = Duration.ZERO;

    VirtualTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public void sleep(Duration duration) {
        slept = slept.plus(duration);
        now.updateAndGet(i -> i.plus(duration));
    }

    Duration slept() {
        return slept;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
