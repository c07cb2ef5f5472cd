package io.crosswatch.core.http;

import io.crosswatch.api.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when the sleeper is called: virtual time for tests. */
final class FakeTime extends Clock implements Sleeper {

    private final AtomicReference<Instant> now;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    FakeTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    static FakeTime at(String iso) {
        return new FakeTime(Instant.parse(iso));
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        // Each sleeper wakes at its own start + duration; concurrent sleeps overlap, as in real time.
        Instant target = now.get().plus(duration);
        now.accumulateAndGet(target, (a, b) -> a.isAfter(b) ? a : b);
    }

    void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    Duration totalSlept() {
        return sleeps().stream().reduce(Duration.ZERO, Duration::plus);
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
