package io.crosswatch.core.http;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.Sleeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which clients share a rate limiter: one per account by default, one per provider when declared app- or IP-wide. */
class RateLimitScopeTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final RateLimitPolicy TRAKT = RateLimitPolicy.split(RateLimit.of(1000, Duration.ofMinutes(5)),
            RateLimit.perSecond(1));

    private FakeTime time;
    private HttpToolkit toolkit;

    @BeforeEach
    void setUp() {
        time = FakeTime.at("2026-01-01T00:00:00Z");
        toolkit = HttpToolkit.builder().clock(time).sleeper(time).random(new FixedJitter(0.5)).build();
        wm.stubFor(get(urlPathEqualTo("/work/sync")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        wm.stubFor(get(urlPathEqualTo("/home/sync")).willReturn(okJson("[]")));
    }

    private ServiceClient.Builder trakt(String instance) {
        return toolkit.client("trakt").baseUrl(wm.baseUrl()).config(ProviderConfig.of("trakt", instance, Map.of()));
    }

    /**
     * Sends {@code GET /work/sync} (a 429 asking for 60 s) and gives up at the wait the 429
     * asked for, leaving the limiter paused as if the request were still waiting.
     */
    private void hitTheLimitAndStop(ServiceClient.Builder builder) {
        CancellationToken token = CancellationToken.create();
        Sleeper givesUp = d -> token.cancel("stopped while rate limited");
        ServiceClient work = builder.sleeper(givesUp).cancellation(token).build();
        assertThrows(CancelledException.class, () -> work.get("/work/sync"));
        assertEquals(Duration.ofSeconds(60), work.rateLimiter().tryAcquire(Access.READ, time.instant()),
                "the 429 paused this account's budget");
    }

    @Test
    void aRateLimitedAccountDoesNotHoldAnotherAccountOfTheSameProvider() {
        hitTheLimitAndStop(trakt("work").rateLimit(TRAKT));
        ServiceClient home = trakt("home").rateLimit(TRAKT).build();

        home.get("/home/sync");

        assertEquals(List.of(), time.sleeps(), "trakt:home was not held by trakt:work's 429");
        assertNotSame(trakt("work").rateLimit(TRAKT).build().rateLimiter(), home.rateLimiter());
    }

    @Test
    void anExhaustedRemainingCountHoldsOnlyItsOwnAccount() {
        long reset = time.instant().plusSeconds(30).getEpochSecond();
        wm.stubFor(get(urlPathEqualTo("/work/list")).willReturn(okJson("[]")
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", Long.toString(reset))));
        ServiceClient work = trakt("work").rateLimit(TRAKT).build();
        ServiceClient home = trakt("home").rateLimit(TRAKT).build();

        work.get("/work/list");
        home.get("/home/sync");
        assertEquals(List.of(), time.sleeps(), "trakt:home has budget left");

        work.get("/work/list");
        assertEquals(List.of(Duration.ofSeconds(30)), time.sleeps(), "trakt:work waited for its reset");
    }

    @Test
    void anAppWideBudgetIsSharedByEveryInstance() {
        hitTheLimitAndStop(trakt("work").rateLimit(TRAKT, RateLimitScope.APP));
        ServiceClient home = trakt("home").rateLimit(TRAKT, RateLimitScope.APP).build();

        home.get("/home/sync");

        assertEquals(List.of(Duration.ofSeconds(60)), time.sleeps(), "the app-wide pause held trakt:home too");
        assertSame(trakt("work").rateLimitScope(RateLimitScope.APP).build().rateLimiter(), home.rateLimiter());
    }

    @Test
    void anIpWideBudgetIsSharedWithTheProviderWideRegistry() {
        ServiceClient a = trakt("a").rateLimit(TRAKT, RateLimitScope.IP).build();
        ServiceClient b = trakt("b").rateLimit(TRAKT, RateLimitScope.IP).build();

        assertSame(a.rateLimiter(), b.rateLimiter());
        assertSame(a.rateLimiter(), toolkit.rateLimiter("trakt", TRAKT), "the two-argument lookup is the provider-wide budget");
        assertEquals(Optional.empty(), a.rateLimiter().instance());
    }

    @Test
    void theAccountIsTheConfiguredInstanceUnlessSetExplicitly() {
        assertEquals(Optional.of("work"), trakt("work").build().rateLimiter().instance());
        assertEquals(Optional.of("other"), trakt("work").instance("other").build().rateLimiter().instance());
        assertEquals(Optional.of(ProviderConfig.DEFAULT_INSTANCE),
                toolkit.client("trakt").build().rateLimiter().instance(), "no configuration: the default instance");
        assertSame(toolkit.client("trakt").build().rateLimiter(), trakt(ProviderConfig.DEFAULT_INSTANCE).build().rateLimiter());
        assertTrue(trakt("work").build().rateLimiter().toString().contains("trakt:work"));
    }
}
