package io.crosswatch.providers.auth.simkl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.ProviderTestKit;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SIMKL PIN flow, status and disconnect against WireMock stubs shaped like SIMKL's answers. */
class SimklAuthProviderTest {

    static final OkHttpClient OK_HTTP = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    static final String TOKEN = "b5be48f1529a7c3e-simkl-access-token";
    static final String CLIENT = "cid-0123456789abcdef";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private VirtualTime time;
    private RecordingProviderStore store;
    private SimklAuthProvider provider;

    @BeforeEach
    void setUp() {
        time = VirtualTime.create();
        store = RecordingProviderStore.of(config(Map.of()));
        provider = new SimklAuthProvider(HttpToolkit.builder().okHttpClient(OK_HTTP).build());
        wm.stubFor(get(urlPathEqualTo("/oauth/pin")).willReturn(okJson("""
                {"result":"OK","device_code":"DEVICE_CODE","user_code":"5G6JA",
                 "verification_uri":"https://simkl.com/pin","verification_url":"https://simkl.com/pin",
                 "expires_in":900,"interval":5}""")));
        wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(okJson("""
                {"user":{"name":"ada","joined_at":"2016-10-29T09:03:45Z"},"account":{"id":42,"type":"free"}}""")));
    }

    static ProviderConfig config(Map<String, Object> extra) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("clientId", CLIENT, "baseUrl", wm.baseUrl()));
        m.putAll(extra);
        return ProviderConfig.of("simkl", "default", m);
    }

    private TestContext ctx() {
        return TestContext.of(store, time);
    }

    private void pollAnswers(String... bodies) {
        String state = Scenario.STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = i == bodies.length - 1 ? state : "poll-" + (i + 1);
            wm.stubFor(get(urlPathEqualTo("/oauth/pin/5G6JA")).inScenario("pin").whenScenarioStateIs(state)
                    .willReturn(okJson(bodies[i])).willSetStateTo(next));
            state = next;
        }
    }

    static final String PENDING = "{\"result\":\"KO\",\"message\":\"Authorization pending\"}";
    static final String SLOW_DOWN = "{\"result\":\"KO\",\"message\":\"Slow down\"}";
    static final String APPROVED = "{\"result\":\"OK\",\"access_token\":\"" + TOKEN + "\"}";

    @Test
    void pinFlowPollsAtTheIntervalUntilTheTokenAppears() {
        pollAnswers(PENDING, PENDING, APPROVED);
        AuthStep step = provider.start(ctx(), Map.of());
        assertEquals("5G6JA", step.userCode());
        assertEquals("https://simkl.com/pin", step.verificationUrl());
        assertEquals(VirtualTime.DEFAULT_START.plusSeconds(900), step.expiresAt());
        assertEquals(Duration.ofSeconds(5), step.pollInterval());

        AuthStatus status = provider.finish(ctx(), step.state());

        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals("ada", status.account());
        assertEquals(TOKEN, store.current().string("accessToken").orElseThrow());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), time.sleeps());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/oauth/pin")));
        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo("/oauth/pin/5G6JA"))
                .withQueryParam("client_id", equalTo(CLIENT)).withHeader("Authorization", absent()));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/users/settings"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertEquals(5, wm.getAllServeEvents().size());
        for (ServeEvent e : wm.getAllServeEvents()) {
            var r = e.getRequest();
            assertEquals(CLIENT, r.getHeader("simkl-api-key"), r.getUrl());
            assertEquals(CLIENT, r.queryParameter("client_id").firstValue(), r.getUrl());
            assertEquals("crosswatch", r.queryParameter("app-name").firstValue(), r.getUrl());
            assertTrue(r.queryParameter("app-version").isPresent(), r.getUrl());
            assertTrue(r.getHeader("User-Agent").matches("[^/ ]+/\\S+"), r.getHeader("User-Agent"));
        }
    }

    @Test
    void slowDownWidensTheInterval() {
        pollAnswers(SLOW_DOWN, APPROVED);
        AuthStep step = provider.start(ctx(), Map.of());
        provider.finish(ctx(), step.state());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10)), time.sleeps());
    }

    @Test
    void aPinNeverApprovedExpiresInVirtualTime() {
        wm.stubFor(get(urlPathEqualTo("/oauth/pin")).willReturn(okJson("""
                {"result":"OK","device_code":"DEVICE_CODE","user_code":"5G6JA",
                 "verification_url":"https://simkl.com/pin/","expires_in":15,"interval":5}""")));
        pollAnswers(PENDING);
        AuthStep step = provider.start(ctx(), Map.of());
        assertEquals("https://simkl.com/pin/", step.verificationUrl());
        AuthException e = assertThrows(AuthException.class, () -> provider.finish(ctx(), step.state()));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo("/oauth/pin/5G6JA")));
        assertEquals(Duration.ofSeconds(15), time.slept());
        assertFalse(store.current().has("accessToken"));
    }

    @Test
    void aPollAnsweredWithANewPinMeansTheCodeIsGone() {
        pollAnswers("""
                {"result":"OK","device_code":"DEVICE_CODE","user_code":"ZZZ99","verification_url":"https://simkl.com/pin",
                 "expires_in":900,"interval":5}""");
        AuthStep step = provider.start(ctx(), Map.of());
        AuthException e = assertThrows(AuthException.class, () -> provider.finish(ctx(), step.state()));
        assertTrue(e.getMessage().contains("no longer valid"), e.getMessage());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/oauth/pin/5G6JA")));
    }

    @Test
    void redirectIsSentWhenConfigured() {
        store = RecordingProviderStore.of(config(Map.of("redirectUrl", "https://example.org/done")));
        provider.start(ctx(), Map.of());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/oauth/pin"))
                .withQueryParam("redirect", equalTo("https://example.org/done")));
    }

    @Test
    void statusVerifiesTheTokenAndReportsRevocation() {
        assertEquals(AuthStatus.State.NOT_CONNECTED, provider.status(ctx()).state());
        assertEquals(0, wm.getAllServeEvents().size(), "no token, no request");

        store.update(Map.of("accessToken", TOKEN));
        AuthStatus ok = provider.status(ctx());
        assertEquals(AuthStatus.State.CONNECTED, ok.state());
        assertEquals("ada", ok.account());

        wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"user_token_failed\"}")));
        AuthStatus revoked = provider.status(ctx());
        assertEquals(AuthStatus.State.EXPIRED, revoked.state());
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/users/settings")));

        wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(aResponse().withStatus(403)));
        AuthStatus unknown = provider.status(ctx());
        assertEquals(AuthStatus.State.UNKNOWN, unknown.state());
        new SecretScanner().addConfig(store.current()).assertNotIn("status message", unknown.toString());
    }

    @Test
    void disconnectClearsTheToken() {
        store.update(Map.of("accessToken", TOKEN));
        provider.disconnect(ctx());
        assertFalse(store.current().has("accessToken"));
        assertEquals(CLIENT, store.current().require("clientId"));
        assertEquals(0, wm.getAllServeEvents().size(), "SIMKL has no revoke endpoint");
    }

    @Test
    void registeredUnderItsName() {
        assertEquals("simkl", ProviderTestKit.forName("simkl").authProvider().manifest().name());
    }
}
