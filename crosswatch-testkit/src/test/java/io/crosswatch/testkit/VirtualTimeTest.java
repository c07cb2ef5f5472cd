package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {

    @Test
    void sleepingAdvancesTheClockAndIsRecorded() throws InterruptedException {
        VirtualTime time = VirtualTime.create();
        time.sleeper().sleep(Duration.ofSeconds(5));
        time.sleeper().sleep(Duration.ofMinutes(1));
        time.sleeper().sleep(Duration.ofSeconds(-3));
        assertEquals(VirtualTime.DEFAULT_START.plusSeconds(65), time.clock().instant());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ZERO), time.sleeps());
        assertEquals(Duration.ofSeconds(65), time.slept());
    }

    @Test
    void advancingIsNotASleep() {
        VirtualTime time = VirtualTime.startingAt(Instant.parse("2030-05-01T10:00:00Z"));
        time.advance(Duration.ofHours(2));
        assertEquals(Instant.parse("2030-05-01T12:00:00Z"), time.clock().instant());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void anInterruptedSleepThrowsAndLeavesTheClock() {
        VirtualTime time = VirtualTime.create();
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> time.sleeper().sleep(Duration.ofSeconds(1)));
        } finally {
            Thread.interrupted();
        }
        assertEquals(VirtualTime.DEFAULT_START, time.clock().instant());
    }

    @Test
    void zonedViewsShareTheInstantAndTheClockNeverRunsBackwardOnAdvance() {
        FakeClock clock = FakeClock.at(Instant.EPOCH);
        java.time.Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
        clock.advance(Duration.ofDays(1));
        assertEquals(Instant.EPOCH.plus(Duration.ofDays(1)), berlin.instant());
        assertEquals(ZoneId.of("Europe/Berlin"), berlin.getZone());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        clock.set(Instant.EPOCH);
        assertEquals(Instant.EPOCH, berlin.instant());
    }

    @Test
    void aZonedViewIsTheSameTimeLineAsItsClockAndAnotherClockIsNot() {
        FakeClock clock = FakeClock.at(Instant.EPOCH);
        java.time.Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));

        assertSame(clock, clock.withZone(java.time.ZoneOffset.UTC));
        assertEquals(clock, berlin.withZone(java.time.ZoneOffset.UTC));
        assertEquals(clock.hashCode(), berlin.withZone(java.time.ZoneOffset.UTC).hashCode());
        assertNotEquals(clock, berlin);
        assertNotEquals(clock, FakeClock.at(Instant.EPOCH), "another clock that happens to show the same instant");
    }
}
