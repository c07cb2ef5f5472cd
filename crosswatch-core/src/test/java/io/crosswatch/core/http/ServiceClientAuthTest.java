package io.crosswatch.core.http;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

class ServiceClientAuthTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final HttpToolkit toolkit = HttpToolkit.builder().clock(time).sleeper(time).build();
    private final AtomicInteger refreshes = new AtomicInteger();

    /** A context whose refresh hands out a new access token. */
    private ProviderContext context(ProviderConfig initial) {
        return new ProviderContext() {
            private volatile ProviderConfig cfg = initial;

            @Override
            public ProviderConfig config() {
                return cfg;
            }

            @Override
            public ProviderStore store() {
                throw new UnsupportedOperationException("not used by the toolkit");
            }

            @Override
            public ProviderConfig refreshCredentials() {
                refreshes.incrementAndGet();
                cfg = cfg.with(Map.of("accessToken", "fresh-token"));
                return cfg;
            }
        };
    }

    private ServiceClient client() {
        ProviderConfig cfg = ProviderConfig.of("trakt", "default", Map.of("accessToken", "stale-token", "clientId", "cid"));
        return toolkit.client("trakt").baseUrl(wm.baseUrl())
                .header("trakt-api-key", c -> c.require("clientId"))
                .auth(AuthScheme.bearer("accessToken"))
                .context(context(cfg))
                .build();
    }

    @Test
    void unauthorizedRefreshesOnceAndReplaysWithTheNewToken() {
        wm.stubFor(get(urlPathEqualTo("/users/settings")).withHeader("Authorization", equalTo("Bearer stale-token"))
                .willReturn(aResponse().withStatus(401)));
        wm.stubFor(get(urlPathEqualTo("/users/settings")).withHeader("Authorization", equalTo("Bearer fresh-token"))
                .willReturn(okJson("{\"user\":{\"username\":\"sean\"}}")));

        assertEquals("sean", client().get("/users/settings").path("user").path("username").asText());
        assertEquals(1, refreshes.get());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/users/settings")).withHeader("trakt-api-key", equalTo("cid")));
    }

    @Test
    void concurrentUnauthorizedCallsShareOneRefresh() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/sync/last_activities")).withHeader("Authorization", equalTo("Bearer stale-token"))
                .willReturn(aResponse().withStatus(401)));
        wm.stubFor(get(urlPathEqualTo("/sync/last_activities")).withHeader("Authorization", equalTo("Bearer fresh-token"))
                .willReturn(okJson("{\"all\":\"2026-01-01T00:00:00.000Z\"}")));
        ServiceClient shared = client();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> shared.get("/sync/last_activities").path("all").asText()));
            }
            for (java.util.concurrent.Future<String> f : results) {
                assertEquals("2026-01-01T00:00:00.000Z", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, refreshes.get());
    }

    @Test
    void secondUnauthorizedTellsTheUserToReconnect() {
        wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(aResponse().withStatus(401)));

        AuthException e = assertThrows(AuthException.class, () -> client().get("/users/settings"));

        assertEquals(1, refreshes.get());
        assertEquals("trakt", e.provider());
        assertTrue(e.getMessage().contains("crosswatch connect trakt"), e.getMessage());
        assertFalse(e.getMessage().contains("fresh-token") || e.getMessage().contains("stale-token"), e.getMessage());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/users/settings")));
    }

    @Test
    void requestsWithoutAuthNeverRefresh() {
        wm.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_grant\",\"refresh_token\":\"leaky\"}")));

        AuthException e = assertThrows(AuthException.class, () -> client().request("POST", wm.baseUrl() + "/oauth/token")
                .withoutAuth().form(Query.of("refresh_token", "rt-secret", "grant_type", "refresh_token")).send());

        assertEquals(0, refreshes.get());
        assertFalse(e.getMessage().contains("rt-secret"), e.getMessage());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")).withoutHeader("Authorization")
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/x-www-form-urlencoded")));
    }

    @Test
    void sendsUserAgentAndAcceptsJson() {
        wm.stubFor(get(urlPathEqualTo("/x")).inScenario("ua").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{}")));

        client().get("/x");

        wm.verify(getRequestedFor(urlPathEqualTo("/x"))
                .withHeader("User-Agent", com.github.tomakehurst.wiremock.client.WireMock.matching("crosswatch-java/.+"))
                .withHeader("Accept", equalTo("application/json")));
    }
}
