package io.crosswatch.providers.auth.anilist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.AuthException;
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

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AniList code exchange, pasted tokens, Viewer status and expiry, with request counts. */
class AnilistAuthProviderTest {

    private static final String TOKEN = "eyJ0eXAiOiJKV1Qi-scenario-token";
    private static final String PASTED = "eyJ0eXAiOiJKV1Qi-pasted-token";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final AnilistAuthProvider provider = new AnilistAuthProvider(HttpToolkit.builder().build());
    private VirtualTime time;
    private RecordingProviderStore store;
    private TestContext ctx;

    @BeforeEach
    void setUp() {
        time = VirtualTime.create();
        store = RecordingProviderStore.of(ProviderConfig.of("anilist", "default", Map.of("clientId", "1234",
                "clientSecret", "app-secret-9f8e", "redirectUri", "http://localhost:8080/callback/anilist",
                "oauthUrl", wm.baseUrl(), "baseUrl", wm.baseUrl() + "/graphql")));
        ctx = TestContext.of(store, time);
        wm.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{ \"errors\": [ { \"message\": \"Invalid token\", \"status\": 400 } ], \"data\": null }")));
        for (String t : new String[] {TOKEN, PASTED}) {
            wm.stubFor(post(urlPathEqualTo("/graphql")).withHeader("Authorization", equalTo("Bearer " + t))
                    .withRequestBody(matchingJsonPath("$.query", containing("Viewer"))).willReturn(okJson("""
                            { "data": { "Viewer": { "id": 5123456, "name": "someone",
                                                    "mediaListOptions": { "scoreFormat": "POINT_5" } } } }""")));
        }
    }

    @Test
    void startGivesTheAuthorizeUrl() {
        AuthStep step = provider.start(ctx, Map.of());

        assertEquals(wm.baseUrl() + "/api/v2/oauth/authorize?client_id=1234&redirect_uri="
                + "http%3A%2F%2Flocalhost%3A8080%2Fcallback%2Fanilist&response_type=code", step.verificationUrl());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void codeIsExchangedStoredWithItsExpiryAndCheckedWithViewer() {
        wm.stubFor(post(urlPathEqualTo("/api/v2/oauth/token")).withRequestBody(equalToJson("""
                { "grant_type": "authorization_code", "client_id": "1234", "client_secret": "app-secret-9f8e",
                  "redirect_uri": "http://localhost:8080/callback/anilist", "code": "def50200abc" }"""))
                .willReturn(okJson("""
                        { "token_type": "Bearer", "expires_in": 31536000, "access_token": "%s", "refresh_token": "def50200r" }"""
                        .formatted(TOKEN))));

        AuthStatus status = provider.finish(ctx, Map.of("code", "def50200abc"));

        Instant inAYear = VirtualTime.DEFAULT_START.plus(Duration.ofSeconds(31536000));
        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals("someone", status.account());
        assertEquals(inAYear, status.expiresAt());
        assertTrue(status.message().contains("POINT_5"), status.message());
        assertEquals(TOKEN, store.current().string("accessToken").orElseThrow());
        assertEquals(inAYear.toString(), store.current().string("expiresAt").orElseThrow());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/oauth/token")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/graphql")));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void refusedCodeIsAClearErrorWithoutSecrets() {
        wm.stubFor(post(urlPathEqualTo("/api/v2/oauth/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{ \"error\": \"invalid_request\" }")));

        AuthException e = assertThrows(AuthException.class, () -> provider.finish(ctx, Map.of("code", "def50200stale")));

        assertTrue(e.getMessage().contains("refused the authorization code") && e.getMessage().contains("invalid_request"),
                e.getMessage());
        new SecretScanner().add("code", "def50200stale").add("secret", "app-secret-9f8e").assertNotIn(e);
        assertFalse(store.current().has("accessToken"));
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void pastedTokenIsVerifiedAndStored() {
        AuthStep step = provider.start(ctx, Map.of("token", PASTED, "expiresIn", "31536000"));
        AuthStatus status = provider.finish(ctx, Map.of("token", PASTED));

        assertFalse(step.expiresAt().isAfter(time.clock().instant()));
        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals(PASTED, store.current().string("accessToken").orElseThrow());
        assertEquals(2, wm.getAllServeEvents().size(), "one Viewer check on start, one for the status");
    }

    @Test
    void pastedTokenAniListRefusesIsNotStored() {
        AuthException e = assertThrows(AuthException.class, () -> provider.start(ctx, Map.of("token", "eyJ-wrong-token")));

        assertTrue(e.getMessage().contains("Invalid token"), e.getMessage());
        new SecretScanner().add("token", "eyJ-wrong-token").assertNotIn(e);
        assertFalse(store.current().has("accessToken"));
    }

    @Test
    void aYearLaterTheTokenIsExpiredWithoutAsking() {
        store.update(Map.of("accessToken", TOKEN, "expiresAt", VirtualTime.DEFAULT_START.plus(Duration.ofDays(365)).toString()));
        assertEquals(AuthStatus.State.CONNECTED, provider.status(ctx).state());

        time.advance(Duration.ofDays(366));
        AuthStatus status = provider.status(ctx);

        assertEquals(AuthStatus.State.EXPIRED, status.state());
        assertTrue(status.message().contains("cannot be refreshed"), status.message());
        assertEquals(1, wm.getAllServeEvents().size(), "the expired check needs no request");
    }

    @Test
    void revokedTokenIsExpired() {
        store.update(Map.of("accessToken", "eyJ-revoked-token"));

        AuthStatus status = provider.status(ctx);

        assertEquals(AuthStatus.State.EXPIRED, status.state());
        new SecretScanner().add("token", "eyJ-revoked-token").assertNotIn("the status", String.valueOf(status));
    }
}
