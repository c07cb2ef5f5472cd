package io.crosswatch.core.http;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.Sleeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A budget is counted on one time line: clients reading the system clock share it whatever their
 * zone, and a client on virtual time gets its own. These tests read the real clock but never
 * wait on it: every sleeper either records and stops, or advances a fake clock.
 */
class RateLimitTimelineTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final RateLimitPolicy TRAKT = RateLimitPolicy.split(RateLimit.of(1000, Duration.ofMinutes(5)),
            RateLimit.perSecond(1));

    /** A toolkit on the system clock, as {@link HttpToolkit#shared()} is, but with a registry of its own. */
    private HttpToolkit toolkit;

    @BeforeEach
    void setUp() {
        toolkit = HttpToolkit.builder().random(new FixedJitter(0.5)).build();
        wm.stubFor(get(urlPathEqualTo("/work/sync")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        wm.stubFor(get(urlPathEqualTo("/work/list")).willReturn(okJson("[]")));
    }

    private ServiceClient.Builder work(Clock clock) {
        return toolkit.client("trakt").baseUrl(wm.baseUrl()).rateLimit(TRAKT)
                .config(ProviderConfig.of("trakt", "work", Map.of())).clock(clock);
    }

    /** The session on {@code clock} gets a 429 asking for 60 s and stops instead of waiting it out. */
    private void hitTheLimitAndStop(Clock clock) {
        CancellationToken token = CancellationToken.create();
        ServiceClient client = work(clock).sleeper(d -> token.cancel("stopped while rate limited")).cancellation(token).build();
        assertThrows(CancelledException.class, () -> client.get("/work/sync"));
    }

    /** @return the wait a session on {@code clock} was asked to sleep before its request, stopped there */
    private Duration heldFor(Clock clock) {
        CancellationToken token = CancellationToken.create();
        List<Duration> waits = new ArrayList<>();
        Sleeper records = d -> {
            waits.add(d);
            token.cancel("stopped while held");
        };
        ServiceClient client = work(clock).sleeper(records).cancellation(token).build();
        assertThrows(CancelledException.class, () -> client.get("/work/list"), "the session on " + clock + " was held");
        assertEquals(1, waits.size(), waits::toString);
        return waits.get(0);
    }

    @Test
    void sessionsOnTheSystemClockShareOnePauseWhateverTheirZone() {
        hitTheLimitAndStop(Clock.systemUTC());

        for (Clock clock : List.of(Clock.systemUTC(), Clock.system(ZoneId.of("Europe/Berlin")),
                Clock.system(ZoneId.of("UTC")), Clock.systemDefaultZone())) {
            Duration held = heldFor(clock);
            assertTrue(held.compareTo(Duration.ofSeconds(50)) > 0 && held.compareTo(Duration.ofSeconds(60)) <= 0,
                    "the 429's 60 s pause held the session on " + clock + " for " + held);
            assertSame(work(Clock.systemUTC()).build().rateLimiter(), work(clock).build().rateLimiter());
        }
        wm.verify(0, getRequestedFor(urlPathEqualTo("/work/list")));
    }

    @Test
    void aSessionOnVirtualTimeDoesNotSeeTheSystemClocksPause() {
        hitTheLimitAndStop(Clock.systemUTC());
        // Virtual time starting now: were the budgets shared, it would be inside the 60 s pause.
        FakeTime time = new FakeTime(Instant.now());

        work(time).sleeper(time).build().get("/work/list");

        assertEquals(List.of(), time.sleeps(), "the system clock's pause did not hold virtual time");
        assertNotSame(work(Clock.systemUTC()).build().rateLimiter(), work(time).build().rateLimiter());
        Duration held = heldFor(Clock.systemUTC());
        assertTrue(held.compareTo(Duration.ofSeconds(50)) > 0, "virtual time did not reset the system clock's pause: " + held);
    }

    @Test
    void aPauseOnVirtualTimeDoesNotHoldAnotherVirtualTime() {
        FakeTime earlier = FakeTime.at("2026-01-01T00:00:00Z");
        hitTheLimitAndStop(earlier);
        FakeTime another = FakeTime.at("2026-01-01T00:00:00Z");

        work(another).sleeper(another).build().get("/work/list");

        assertEquals(List.of(), another.sleeps(), "another virtual clock has a budget of its own");
        assertEquals(Duration.ofSeconds(60), work(earlier).build().rateLimiter().tryAcquire(Access.READ, earlier.instant()),
                "the first clock's pause is still there");
    }
}
