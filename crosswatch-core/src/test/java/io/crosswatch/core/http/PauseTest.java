package io.crosswatch.core.http;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
import io.crosswatch.testkit.TestContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A protocol pause waits on the context's sleeper and ends early only on cancellation or interrupt. */
class PauseTest {

    private final FakeTime time = FakeTime.at("2026-01-01T00:00:00Z");
    private final CancellationToken token = CancellationToken.create();

    private ProviderContext context(Clock clock, Sleeper sleeper) {
        ProviderStore store = ProviderStore.inMemory(ProviderConfig.of("simkl", "default", Map.of()));
        return TestContext.copyOf(ProviderContext.of(store, clock, sleeper), token);
    }

    @Test
    void waitsTheWholeDurationOnTheContextsSleeper() {
        Pause.sleep(context(time, time), Duration.ofSeconds(5), "the PIN");

        assertEquals(List.of(Duration.ofSeconds(5)), time.sleeps());
        assertEquals(Instant.parse("2026-01-01T00:00:05Z"), time.instant());
    }

    @Test
    void aCancelledTokenEndsThePauseBeforeItWaits() {
        token.cancel("the user gave up");

        CancelledException e = assertThrows(CancelledException.class,
                () -> Pause.sleep(context(time, time), Duration.ofSeconds(5), "the PIN"));

        assertTrue(e.getMessage().contains("the user gave up"), e.getMessage());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void cancellingDuringTheWaitWakesTheSleeper() {
        // The token is cancelled while the sleeper "sleeps": the pause must interrupt the
        // sleeping thread (as it would wake a real sleep) and report the cancellation.
        Sleeper cancelsThenBlocks = d -> {
            token.cancel("cancelled while polling");
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            throw new AssertionError("cancelling did not interrupt the waiting thread");
        };

        CancelledException e = assertThrows(CancelledException.class,
                () -> Pause.sleep(context(time, cancelsThenBlocks), Duration.ofMinutes(10), "the PIN"));

        assertTrue(e.getMessage().contains("cancelled while polling"), e.getMessage());
        assertFalse(Thread.interrupted(), "a cancellation leaves no interrupt behind");
    }

    @Test
    void anInterruptSaysWhatWasAwaitedAndKeepsTheFlag() {
        Sleeper interrupted = d -> {
            throw new InterruptedException();
        };
        try {
            CancelledException e = assertThrows(CancelledException.class,
                    () -> Pause.sleep(context(time, interrupted), Duration.ofSeconds(5), "trakt: the device code"));

            assertEquals("interrupted while waiting for trakt: the device code", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
