package io.crosswatch.providers.auth.trakt;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device flow, refresh, revoke and status against WireMock stubs shaped like Trakt's answers. */
class TraktAuthProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CLIENT_ID = "client-id-0123456789abcdef";
    static final String CLIENT_SECRET = "client-secret-fedcba9876543210";
    static final String DEVICE_CODE = "d9c126a7706328d808914cfd1e40274b6e009f684b1aca271b8b0b9ef1eb5d8f";
    static final String ACCESS = "dbaf9757982a9e738f05d249b7b5b4a266b3a139049317c4909f2f263572c781";
    static final String REFRESH = "76ba4c5c75c96f6087f58a4de10be6c00b29ea1ddc3b2022ee2016d1363e3a7c";
    /** OAuth calls go to their own host; a path prefix on the same WireMock proves they use it. */
    static final String OAUTH_PREFIX = "/oauth-host";

    private final VirtualTime time = VirtualTime.create();
    private final TraktAuthProvider provider = new TraktAuthProvider(HttpToolkit.builder().build());
    private RecordingProviderStore store;

    @BeforeEach
    void setUp() {
        store = RecordingProviderStore.of(config(Map.of()));
    }

    static ProviderConfig config(Map<String, ?> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", CLIENT_ID);
        m.put("clientSecret", CLIENT_SECRET);
        m.put("baseUrl", wm.baseUrl());
        m.put("oauthUrl", wm.baseUrl() + OAUTH_PREFIX);
        m.putAll(extra);
        return ProviderConfig.of("trakt", ProviderConfig.DEFAULT_INSTANCE, m);
    }

    static String tokenJson(String access, String refresh, long createdAt, long expiresIn) {
        return "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn
                + ",\"refresh_token\":\"" + refresh + "\",\"scope\":\"public\",\"created_at\":" + createdAt + "}";
    }

    static void stubDeviceCode(int expiresIn, int interval) {
        wm.stubFor(post(OAUTH_PREFIX + "/oauth/device/code").withRequestBody(equalToJson("{\"client_id\":\"" + CLIENT_ID + "\"}"))
                .willReturn(okJson("{\"device_code\":\"" + DEVICE_CODE + "\",\"user_code\":\"5055CC52\","
                        + "\"verification_url\":\"https://trakt.tv/activate\",\"expires_in\":" + expiresIn
                        + ",\"interval\":" + interval + "}")));
    }

    static void stubSettings() {
        wm.stubFor(get("/users/settings").willReturn(okJson("{\"user\":{\"username\":\"sean\",\"vip\":false},"
                + "\"limits\":{\"list\":{\"count\":5,\"item_count\":250},\"watchlist\":{\"item_count\":250}}}")));
    }

    /** The device-token endpoint answers these statuses in turn (the last one repeats). */
    static void stubTokenSequence(int... statuses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i == statuses.length - 1 ? state : "poll-" + (i + 1);
            var response = statuses[i] == 200
                    ? okJson(tokenJson(ACCESS, REFRESH, 1767225600L, 604800))
                    : aResponse().withStatus(statuses[i]);
            wm.stubFor(post(OAUTH_PREFIX + "/oauth/device/token").inScenario("device").whenScenarioStateIs(state)
                    .withRequestBody(equalToJson("{\"code\":\"" + DEVICE_CODE + "\",\"client_id\":\"" + CLIENT_ID
                            + "\",\"client_secret\":\"" + CLIENT_SECRET + "\"}"))
                    .willReturn(response).willSetStateTo(next));
            state = next;
        }
    }

    private TestContext ctx() {
        return TestContext.of(store, time);
    }

    private AuthStep start() {
        return provider.start(ctx(), Map.of());
    }

    @Test
    void deviceFlowPollsAtTheIntervalUntilApprovedAndPersistsTheTokens() {
        stubDeviceCode(600, 5);
        stubTokenSequence(400, 400, 200);
        stubSettings();

        AuthStep step = start();
        assertEquals("5055CC52", step.userCode());
        assertEquals("https://trakt.tv/activate", step.verificationUrl());
        assertEquals(Duration.ofSeconds(5), step.pollInterval());
        assertEquals(VirtualTime.DEFAULT_START.plusSeconds(600), step.expiresAt());
        assertFalse(step.toString().contains(DEVICE_CODE), "the device code must not print");

        AuthStatus status = provider.finish(ctx(), step.state());

        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals("sean", status.account());
        assertEquals(Instant.ofEpochSecond(1767225600L + 604800), status.expiresAt(), "expiry = created_at + expires_in");
        wm.verify(exactly(3), postRequestedFor(urlPathEqualTo(OAUTH_PREFIX + "/oauth/device/token")));
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), time.sleeps(),
                "one wait of the interval before each poll");
        ProviderConfig cfg = store.current();
        assertEquals(ACCESS, cfg.string("accessToken").orElseThrow());
        assertEquals(REFRESH, cfg.string("refreshToken").orElseThrow());
        assertEquals(1767225600L, cfg.number("createdAt", 0));
        assertEquals(604800L, cfg.number("expiresIn", 0));
        assertEquals("2026-01-08T00:00:00Z", cfg.string("expiresAt").orElseThrow());
        assertEquals("sean", cfg.string("username").orElseThrow());
        Map<String, Object> first = store.updates().get(0);
        assertTrue(first.containsKey("accessToken") && first.containsKey("refreshToken"),
                "the pair is persisted together, before anything else: " + first.keySet());
        assertRequiredHeaders(true);
    }

    @Test
    void slowDownMakesThePollingSlower() {
        stubDeviceCode(600, 5);
        stubTokenSequence(400, 429, 400, 200);
        stubSettings();

        AuthStatus status = provider.finish(ctx(), start().state());

        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                time.sleeps(), "after a 429 the interval grows by 5 s");
        wm.verify(exactly(4), postRequestedFor(urlPathEqualTo(OAUTH_PREFIX + "/oauth/device/token")));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"404, invalid code", "409, already used", "410, expired", "418, denied"})
    void eachTerminalAnswerEndsTheFlowWithItsOwnMessage(int status, String meaning) {
        stubDeviceCode(600, 5);
        stubTokenSequence(400, status);

        AuthStep step = start();
        AuthException e = assertThrows(AuthException.class, () -> provider.finish(ctx(), step.state()));

        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
        assertTrue(e.getMessage().contains(meaning), e.getMessage());
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo(OAUTH_PREFIX + "/oauth/device/token")));
        assertTrue(store.secretKeys().stream().noneMatch(k -> k.equals("accessToken")), "no token persisted");
        new SecretScanner().add("device code", DEVICE_CODE).add("secret", CLIENT_SECRET).assertNotIn(e);
    }

    @Test
    void aCodeThatIsNeverApprovedExpiresWithoutPollingPastItsLifetime() {
        stubDeviceCode(12, 5);
        stubTokenSequence(400);

        AuthStep step = start();
        AuthException e = assertThrows(AuthException.class, () -> provider.finish(ctx(), step.state()));

        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo(OAUTH_PREFIX + "/oauth/device/token")));
        assertEquals(Duration.ofSeconds(10), time.slept());
    }

    @Test
    void cancellingStopsThePolling() {
        stubDeviceCode(600, 5);
        stubTokenSequence(400);
        CancellationToken token = CancellationToken.create();
        AuthStep step = start();
        ProviderContext cancelsOnSecondWait = new ProviderContext() {
            private int waits;

            @Override
            public ProviderConfig config() {
                return store.current();
            }

            @Override
            public ProviderStore store() {
                return store;
            }

            @Override
            public Clock clock() {
                return time.clock();
            }

            @Override
            public Sleeper sleeper() {
                return d -> {
                    if (++waits == 2) {
                        token.cancel("the user gave up");
                    }
                    time.sleeper().sleep(d);
                };
            }

            @Override
            public CancellationToken cancellation() {
                return token;
            }
        };

        assertThrows(CancelledException.class, () -> provider.finish(cancelsOnSecondWait, step.state()));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo(OAUTH_PREFIX + "/oauth/device/token")));
    }

    @Test
    void refreshSendsTheRefreshGrantAndPersistsTheNewPairFirst() {
        store = RecordingProviderStore.of(config(Map.of("accessToken", ACCESS, "refreshToken", REFRESH,
                "createdAt", 1767225600L, "expiresIn", 604800, "expiresAt", "2026-01-08T00:00:00Z", "username", "sean")));
        wm.stubFor(post(OAUTH_PREFIX + "/oauth/token").withRequestBody(equalToJson("{\"refresh_token\":\"" + REFRESH
                        + "\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET
                        + "\",\"redirect_uri\":\"urn:ietf:wg:oauth:2.0:oob\",\"grant_type\":\"refresh_token\"}"))
                .willReturn(okJson(tokenJson("access-new-0123456789", "refresh-new-0123456789", 1767830400L, 86400))));

        AuthStatus status = provider.refresh(ctx());

        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals(Instant.ofEpochSecond(1767830400L + 86400), status.expiresAt(), "the new expires_in is used");
        assertEquals(1, store.updates().size(), "one update, holding the whole new pair");
        Map<String, Object> u = store.updates().get(0);
        assertEquals("access-new-0123456789", u.get("accessToken"));
        assertEquals("refresh-new-0123456789", u.get("refreshToken"));
        assertEquals("2026-01-09T00:00:00Z", u.get("expiresAt"));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo(OAUTH_PREFIX + "/oauth/token")));
    }

    @Test
    void aRefusedRefreshTokenReportsExpiredWithoutLeakingIt() {
        store = RecordingProviderStore.of(config(Map.of("accessToken", ACCESS, "refreshToken", REFRESH)));
        wm.stubFor(post(OAUTH_PREFIX + "/oauth/token").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid\"}")));

        AuthStatus status = provider.refresh(ctx());

        assertEquals(AuthStatus.State.EXPIRED, status.state());
        assertTrue(status.message().contains("invalid_grant"), status.message());
        new SecretScanner().addConfig(store.current()).assertNotIn("status", status.toString());
        assertTrue(store.updates().isEmpty(), "nothing persisted");
    }

    @Test
    void disconnectRevokesAndClearsEverySecret() {
        store = RecordingProviderStore.of(config(Map.of("accessToken", ACCESS, "refreshToken", REFRESH,
                "expiresAt", "2026-01-08T00:00:00Z")));
        wm.stubFor(post(OAUTH_PREFIX + "/oauth/revoke").withRequestBody(equalToJson("{\"token\":\"" + ACCESS
                + "\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET + "\"}"))
                .willReturn(aResponse().withStatus(200)));

        provider.disconnect(ctx());

        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo(OAUTH_PREFIX + "/oauth/revoke")));
        assertTrue(store.secretKeys().isEmpty(), "left: " + store.secretKeys());
        assertTrue(store.current().string("expiresAt").isEmpty());
        assertEquals(CLIENT_ID, store.current().string("clientId").orElseThrow(), "the client id is not a secret");
        assertEquals(AuthStatus.State.NOT_CONNECTED, provider.status(ctx()).state());
    }

    @Test
    void disconnectClearsSecretsWhenTraktIsDown() {
        store = RecordingProviderStore.of(config(Map.of("accessToken", ACCESS, "refreshToken", REFRESH)));
        wm.stubFor(post(OAUTH_PREFIX + "/oauth/revoke").willReturn(aResponse().withStatus(503)));

        provider.disconnect(ctx());

        assertTrue(store.secretKeys().isEmpty(), "left: " + store.secretKeys());
    }

    @Test
    void statusVerifiesTheTokenWithTrakt() {
        store = RecordingProviderStore.of(config(Map.of("accessToken", ACCESS, "refreshToken", REFRESH,
                "expiresAt", "2026-01-08T00:00:00Z")));
        stubSettings();
        AuthStatus ok = provider.status(ctx());
        assertEquals(AuthStatus.State.CONNECTED, ok.state());
        assertEquals("sean", ok.account());
        assertEquals(Instant.parse("2026-01-08T00:00:00Z"), ok.expiresAt());
        assertRequiredHeaders(false);

        wm.stubFor(get("/users/settings").willReturn(aResponse().withStatus(401)));
        assertEquals(AuthStatus.State.EXPIRED, provider.status(ctx()).state());

        wm.stubFor(get("/users/settings").willReturn(aResponse().withStatus(503)));
        AuthStatus down = provider.status(ctx());
        assertEquals(AuthStatus.State.UNKNOWN, down.state());
        new SecretScanner().addConfig(store.current()).assertNotIn("status", down.toString());
    }

    @Test
    void statusWithoutTokenIsNotConnectedAndCallsNothing() {
        assertEquals(AuthStatus.State.NOT_CONNECTED, provider.status(ctx()).state());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void theOAuthHostDefaultsToAuthTraktTv() {
        assertEquals("https://auth.trakt.tv", TraktAuthProvider.DEFAULT_OAUTH);
        assertEquals("https://api.trakt.tv", TraktAuthProvider.DEFAULT_API);
        assertTrue(provider.manifest().fields().containsKey("oauthUrl"));
    }

    /** Every request carried Trakt's required headers; bearer only where asked. */
    private static void assertRequiredHeaders(boolean expectOAuthCalls) {
        List<LoggedRequest> requests = wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        assertFalse(requests.isEmpty());
        boolean sawOAuth = false;
        for (LoggedRequest r : requests) {
            assertEquals("2", r.getHeader("trakt-api-version"), r.getUrl());
            assertEquals(CLIENT_ID, r.getHeader("trakt-api-key"), r.getUrl());
            assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getUrl());
            assertTrue(r.getHeader("User-Agent").startsWith("crosswatch-java/"), r.getUrl());
            if (r.getUrl().startsWith(OAUTH_PREFIX)) {
                sawOAuth = true;
                assertNull(r.getHeader("Authorization"), "no bearer on OAuth calls: " + r.getUrl());
            } else {
                assertEquals("Bearer " + ACCESS, r.getHeader("Authorization"), r.getUrl());
            }
        }
        assertEquals(expectOAuthCalls, sawOAuth);
        wm.verify(0, postRequestedFor(urlPathMatching("/oauth/.*")));
    }
}
