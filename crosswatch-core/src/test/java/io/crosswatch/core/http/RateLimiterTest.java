package io.crosswatch.core.http;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.RateLimitedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private final FakeTime time = FakeTime.at("2026-01-01T00:00:00Z");

    @Test
    void eightConcurrentCallersNeverExceedTheLimitInAnyWindow() throws Exception {
        int permits = 10;
        Duration window = Duration.ofSeconds(5);
        RateLimiter limiter = new RateLimiter("anilist", RateLimitPolicy.of(RateLimit.of(permits, window)));
        List<Instant> grants = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        grants.add(limiter.acquire(Access.READ, time, time, null, CancellationToken.none()));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<Instant> sorted = new ArrayList<>(grants);
        Collections.sort(sorted);
        assertEquals(200, sorted.size());
        for (Instant start : sorted) {
            long inWindow = sorted.stream().filter(g -> !g.isBefore(start) && g.isBefore(start.plus(window))).count();
            assertTrue(inWindow <= permits, inWindow + " grants in the window starting " + start);
        }
        // 200 requests at 10 per 5 s need at least 19 more windows after the first.
        assertTrue(!sorted.get(199).isBefore(sorted.get(0).plus(window.multipliedBy(19))), "waited for the budget");
    }

    @Test
    void writesAndReadsHaveSeparateBudgets() {
        RateLimiter trakt = new RateLimiter("trakt", RateLimitPolicy.split(RateLimit.of(1000, Duration.ofMinutes(5)),
                RateLimit.perSecond(1)));

        for (int i = 0; i < 3; i++) {
            trakt.acquire(Access.WRITE, time, time, null, CancellationToken.none());
        }
        for (int i = 0; i < 50; i++) {
            trakt.acquire(Access.READ, time, time, null, CancellationToken.none());
        }

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), time.sleeps(), "writes spaced 1 s, reads free");
    }

    @Test
    void pauseHoldsTheBudgetUntilTheGivenTime() {
        RateLimiter limiter = new RateLimiter("x", RateLimitPolicy.unlimited());
        limiter.pauseUntil(Access.READ, time.instant().plusSeconds(42));

        limiter.acquire(Access.READ, time, time, null, CancellationToken.none());
        limiter.acquire(Access.WRITE, time, time, null, CancellationToken.none());

        assertEquals(List.of(Duration.ofSeconds(42)), time.sleeps());
    }

    @Test
    void aWaitPastTheDeadlineFailsWithoutWaiting() {
        RateLimiter limiter = new RateLimiter("tmdb", RateLimitPolicy.of(RateLimit.perMinute(1)));
        limiter.acquire(Access.READ, time, time, null, CancellationToken.none());

        RateLimitedException e = assertThrows(RateLimitedException.class, () -> limiter.acquire(Access.READ, time, time,
                time.instant().plusSeconds(10), CancellationToken.none()));

        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertTrue(time.sleeps().isEmpty());
    }

    @Test
    void clientsOfOneProviderShareOneLimiter() {
        HttpToolkit toolkit = HttpToolkit.builder().clock(time).sleeper(time).build();
        RateLimitPolicy policy = RateLimitPolicy.of(RateLimit.perSecond(40));

        ServiceClient a = toolkit.client("tmdb").baseUrl("http://127.0.0.1:1").rateLimit(policy).build();
        ServiceClient b = toolkit.client("tmdb").baseUrl("http://127.0.0.1:2").rateLimit(policy).build();

        assertSame(a.rateLimiter(), b.rateLimiter());
    }
}
