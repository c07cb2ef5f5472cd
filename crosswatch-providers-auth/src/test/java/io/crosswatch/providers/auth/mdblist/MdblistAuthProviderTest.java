package io.crosswatch.providers.auth.mdblist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API key validation on {@code GET /user}, with request counts. */
class MdblistAuthProviderTest {

    private static final String GOOD = "mdbl-good-key-30c1";
    private static final String BAD = "mdbl-bad-key-77e2";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final MdblistAuthProvider provider = new MdblistAuthProvider(HttpToolkit.builder().build());
    private RecordingProviderStore store;
    private TestContext ctx;

    @BeforeEach
    void setUp() {
        store = RecordingProviderStore.of(ProviderConfig.of("mdblist", "default", Map.of("baseUrl", wm.baseUrl())));
        ctx = TestContext.of(store, VirtualTime.create());
        wm.stubFor(get(urlPathEqualTo("/user")).withQueryParam("apikey", equalTo(GOOD)).willReturn(okJson("""
                { "username": "moviefan", "limits": { "supporter": false, "rating_ids": 10, "api_requests": 1000 } }""")
                .withHeader("X-RateLimit-Remaining", "873")));
        wm.stubFor(get(urlPathEqualTo("/user")).withQueryParam("apikey", equalTo(BAD)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Invalid API key\"}")));
    }

    @Test
    void goodKeyIsValidatedStoredAndReportedWithTheBudget() {
        AuthStep step = provider.start(ctx, Map.of("apiKey", " " + GOOD + " "));
        AuthStatus status = provider.finish(ctx, step.state());

        assertEquals(GOOD, store.current().string("apiKey").orElseThrow(), "stored, trimmed");
        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals("moviefan", status.account());
        assertTrue(status.message().contains("1000 API requests per day") && status.message().contains("873 left"),
                status.message());
        assertFalse(step.expiresAt().isAfter(ctx.clock().instant()), "nothing to wait for: the step has expired");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/user")).withQueryParam("apikey", equalTo(GOOD)));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void badKeyIsAClearErrorAndIsNotStored() {
        AuthException e = assertThrows(AuthException.class, () -> provider.start(ctx, Map.of("apiKey", BAD)));

        assertTrue(e.getMessage().contains("refused the API key") && e.getMessage().contains("HTTP 403"), e.getMessage());
        new SecretScanner().add("key", BAD).assertNotIn(e);
        assertFalse(store.current().has("apiKey"));
        assertEquals(1, wm.getAllServeEvents().size(), "a refused key is not retried");
    }

    @Test
    void storedKeyThatStoppedWorkingIsExpired() {
        store.update(Map.of("apiKey", BAD));

        AuthStatus status = provider.status(ctx);

        assertEquals(AuthStatus.State.EXPIRED, status.state());
        new SecretScanner().add("key", BAD).assertNotIn("the status", String.valueOf(status));
    }

    @Test
    void missingKeyIsAConfigErrorNamingThePayloadField() {
        ConfigException e = assertThrows(ConfigException.class, () -> provider.start(ctx, Map.of()));

        assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void disconnectClearsTheKeyWithoutCallingMdblist() {
        store.update(Map.of("apiKey", GOOD));

        provider.disconnect(ctx);

        assertTrue(store.secretKeys().isEmpty());
        assertEquals(AuthStatus.State.NOT_CONNECTED, provider.status(ctx).state());
        assertEquals(0, wm.getAllServeEvents().size());
    }
}
