package io.crosswatch.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceClientRetryTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private FakeTime time;
    private HttpToolkit toolkit;

    @BeforeEach
    void setUp() {
        time = FakeTime.at("2026-01-01T00:00:00Z");
        toolkit = HttpToolkit.builder().clock(time).sleeper(time).random(new FixedJitter(0.5)).build();
    }

    private ServiceClient.Builder client() {
        return toolkit.client("trakt").baseUrl(wm.baseUrl());
    }

    /** Stubs {@code path} to answer each of {@code responses} in turn, then the last one forever. */
    private void sequence(String path, boolean isPost, List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.size(); i++) {
            String next = i == responses.size() - 1 ? state : "step" + (i + 1);
            var mapping = (isPost ? post(urlPathEqualTo(path)) : get(urlPathEqualTo(path)))
                    .inScenario(path).whenScenarioStateIs(state).willReturn(responses.get(i));
            if (!next.equals(state)) {
                mapping = mapping.willSetStateTo(next);
            }
            wm.stubFor(mapping);
            state = next;
        }
    }

    @Test
    void retryAfterSecondsIsWaitedExactlyOnce() {
        sequence("/sync/watchlist", false, List.of(
                aResponse().withStatus(429).withHeader("Retry-After", "2"),
                okJson("[{\"title\":\"Heat\"}]")));

        List<JsonNode> items = client().build().get("/sync/watchlist", Query.of("page", 1), new TypeReference<List<JsonNode>>() { });

        assertEquals("Heat", items.get(0).path("title").asText());
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/sync/watchlist")));
    }

    @Test
    void retryAfterHttpDateIsWaitedUntilThatDate() {
        sequence("/x", false, List.of(
                aResponse().withStatus(429).withHeader("Retry-After", "Thu, 01 Jan 2026 00:00:07 GMT"),
                okJson("{}")));

        client().build().get("/x");

        assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps());
    }

    @Test
    void serviceUnavailableBurstIsRetriedWithDoublingJitteredBackoff() {
        sequence("/x", false, List.of(
                aResponse().withStatus(503), aResponse().withStatus(503), aResponse().withStatus(503),
                okJson("{\"ok\":true}")));

        JsonNode body = client().build().get("/x");

        assertTrue(body.path("ok").asBoolean());
        // Full jitter with a fixed draw of 0.5: half of 1 s, 2 s, 4 s.
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)), time.sleeps());
        wm.verify(4, getRequestedFor(urlPathEqualTo("/x")));
    }

    @Test
    void cloudflare520IsRetried() {
        sequence("/x", false, List.of(aResponse().withStatus(520), okJson("{}")));

        client().build().get("/x");

        wm.verify(2, getRequestedFor(urlPathEqualTo("/x")));
    }

    @Test
    void persistent503BecomesRetryableProviderExceptionAfterMaxAttempts() {
        wm.stubFor(get(urlPathEqualTo("/x")).willReturn(aResponse().withStatus(503)));

        ProviderException e = assertThrows(ProviderException.class,
                () -> client().retry(RetryPolicy.defaults().withMaxAttempts(3)).build().get("/x", Query.of("api_key", "s3cr3t")));

        assertTrue(e.retryable());
        assertEquals(503, e.httpStatus().getAsInt());
        assertTrue(e.getMessage().contains("GET /x"), e.getMessage());
        assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        wm.verify(3, getRequestedFor(urlPathEqualTo("/x")));
    }

    @Test
    void connectionResetIsRetried() {
        sequence("/x", false, List.of(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), okJson("{\"ok\":1}")));

        assertEquals(1, client().build().get("/x").path("ok").asInt());
        assertEquals(1, time.sleeps().size());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/x")));
    }

    @Test
    void readTimeoutIsRetriedThenReportedAsTypedError() {
        wm.stubFor(get(urlPathEqualTo("/slow")).willReturn(okJson("{}").withFixedDelay(1_000)));

        ServiceClient slow = client().readTimeout(Duration.ofMillis(200)).retry(RetryPolicy.defaults().withMaxAttempts(2)).build();
        ProviderException e = assertThrows(ProviderException.class, () -> slow.get("/slow"));

        assertTrue(e.retryable());
        assertTrue(e.httpStatus().isEmpty());
        assertTrue(e.getMessage().contains("timed out") && e.getMessage().contains("GET /slow"), e.getMessage());
        assertEquals(1, time.sleeps().size(), "one backoff between the two attempts");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/slow")));
    }

    @Test
    void postIsNotRetriedUnlessMarkedIdempotent() {
        wm.stubFor(post(urlPathEqualTo("/sync/history")).willReturn(aResponse().withStatus(503)));
        ServiceClient c = client().build();

        ProviderException e = assertThrows(ProviderException.class, () -> c.post("/sync/history", java.util.Map.of("a", 1)));
        assertTrue(e.retryable());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/sync/history")));
        assertTrue(time.sleeps().isEmpty());

        wm.resetRequests();
        assertThrows(ProviderException.class, () -> c.request("POST", "/sync/history").json(java.util.Map.of("a", 1))
                .idempotent().retry(RetryPolicy.defaults().withMaxAttempts(3)).send());
        wm.verify(3, postRequestedFor(urlPathEqualTo("/sync/history")));
    }

    @Test
    void postIsRetriedAfter429BecauseTheServiceDidNotProcessIt() {
        sequence("/sync/history", true, List.of(aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse().withStatus(201).withBody("{\"added\":{\"movies\":1}}")));

        JsonNode r = client().build().post("/sync/history", java.util.Map.of("movies", List.of()));

        assertEquals(1, r.path("added").path("movies").asInt());
        assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
    }

    @Test
    void malformedJsonIsATypedErrorNamingProviderAndEndpoint() {
        wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(okJson("{\"user\": {\"name\": tru")));

        ProviderException e = assertThrows(ProviderException.class, () -> client().build().get("/users/settings", Query.empty(),
                JsonNode.class));

        assertEquals("trakt", e.provider());
        assertTrue(e.getMessage().startsWith("trakt: GET /users/settings returned malformed JSON"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void errorMapperTurnsProviderSpecificStatusesIntoOwnExceptions() {
        wm.stubFor(post(urlPathEqualTo("/sync/watchlist")).willReturn(aResponse().withStatus(420)
                .withHeader("X-Account-Limit", "100")));
        ServiceClient c = client().errorMapper(r -> r.status() == 420
                ? java.util.Optional.of(new IllegalStateException("limit " + r.header("X-Account-Limit").orElse("?")))
                : java.util.Optional.empty()).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.post("/sync/watchlist", java.util.Map.of()));
        assertEquals("limit 100", e.getMessage());
    }

    @Test
    void notFoundCanBeEmpty() {
        wm.stubFor(get(urlPathEqualTo("/missing")).willReturn(aResponse().withStatus(404)));

        assertTrue(client().build().getOptional("/missing", Query.empty(), JsonNode.class).isEmpty());
        ProviderException e = assertThrows(ProviderException.class, () -> client().build().get("/missing"));
        assertEquals(404, e.httpStatus().getAsInt());
        assertFalse(e.retryable());
    }

    @Test
    void rateLimitRemainingZeroHoldsTheNextRequestUntilReset() {
        Instant reset = time.instant().plusSeconds(30);
        wm.stubFor(get(urlPathEqualTo("/graphql")).willReturn(okJson("{}")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()))));
        ServiceClient c = client().build();

        c.get("/graphql");
        assertTrue(time.sleeps().isEmpty());
        c.get("/graphql");

        assertEquals(List.of(Duration.ofSeconds(30)), time.sleeps());
    }

    @Test
    void anExhaustedBudgetResettingHoursAwayDoesNotHangTheProviderButFailsFastOnThe429() {
        Instant reset = time.instant().plus(Duration.ofHours(6));
        wm.stubFor(get(urlPathEqualTo("/first")).willReturn(okJson("{}")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()))));
        wm.stubFor(get(urlPathEqualTo("/second")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", String.valueOf(Duration.ofHours(6).toSeconds()))));
        ServiceClient c = client().build();

        c.get("/first");
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> c.get("/second"));

        assertTrue(time.sleeps().isEmpty(), "nothing waited for the six-hour reset: " + time.sleeps());
        assertEquals(Duration.ofHours(6), e.retryAfter().orElseThrow());
    }

    @Test
    void traktJsonRateLimitHeaderHoldsTheNextRequestUntilItsUntil() {
        wm.stubFor(get(urlPathEqualTo("/x")).willReturn(okJson("{}").withHeader("X-Ratelimit",
                "{\"name\":\"AUTHED_API_GET_LIMIT\",\"period\":300,\"limit\":1000,\"remaining\":0,\"until\":\"2026-01-01T00:01:00Z\"}")));
        ServiceClient c = client().build();

        c.get("/x");
        c.get("/x");

        assertEquals(List.of(Duration.ofMinutes(1)), time.sleeps());
    }

    @Test
    void deadlineExceededFailsFastWithoutWaiting() {
        wm.stubFor(get(urlPathEqualTo("/x")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));
        ServiceClient c = client().deadline(time.instant().plusSeconds(60)).build();

        RateLimitedException e = assertThrows(RateLimitedException.class, () -> c.get("/x"));

        assertEquals(Duration.ofSeconds(600), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertTrue(time.sleeps().isEmpty(), "no wait was started");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/x")));
    }

    @Test
    void backoffThatWouldPassTheDeadlineFailsFast() {
        wm.stubFor(get(urlPathEqualTo("/x")).willReturn(aResponse().withStatus(503)));
        ServiceClient c = client().deadline(time.instant().plusMillis(499)).build();

        ProviderException e = assertThrows(ProviderException.class, () -> c.get("/x"));

        assertTrue(e.getMessage().contains("would pass the deadline"), e.getMessage());
        assertTrue(time.sleeps().isEmpty());
    }

    @Test
    void passedDeadlineSendsNothing() {
        ServiceClient c = client().deadline(time.instant().minusSeconds(1)).build();

        assertThrows(CancelledException.class, () -> c.get("/x"));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/x")));
    }

    @Test
    void cancellationAbortsAWaitPromptly() {
        wm.stubFor(get(urlPathEqualTo("/x")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")));
        CancellationToken token = CancellationToken.create();
        // A sleeper that really blocks (up to 30 s) until woken: cancellation must interrupt it.
        HttpToolkit blocking = HttpToolkit.builder().clock(time).sleeper(d -> {
            token.cancel("user pressed stop");
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
        }).build();
        ServiceClient c = blocking.client("trakt").baseUrl(wm.baseUrl()).cancellation(token).build();

        long start = System.nanoTime();
        CancelledException e = assertThrows(CancelledException.class, () -> c.get("/x"));

        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5, "the wait ended promptly");
        assertEquals("user pressed stop", e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "no stray interrupt is left behind");
    }
}
