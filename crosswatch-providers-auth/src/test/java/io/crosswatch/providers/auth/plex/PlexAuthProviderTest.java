package io.crosswatch.providers.auth.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.crosswatch.providers.auth.plex.PlexTvStubs.MACHINE_ID;
import static io.crosswatch.providers.auth.plex.PlexTvStubs.PIN_CODE;
import static io.crosswatch.providers.auth.plex.PlexTvStubs.PIN_ID;
import static io.crosswatch.providers.auth.plex.PlexTvStubs.SERVER_TOKEN;
import static io.crosswatch.providers.auth.plex.PlexTvStubs.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlexAuthProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();
    private final PlexAuthProvider provider = new PlexAuthProvider();

    private RecordingProviderStore store(Map<String, Object> extra) {
        return RecordingProviderStore.of(PlexTvStubs.config(wm, extra));
    }

    private void stubWorkingServer() {
        PlexTvStubs.stubUser(wm, TOKEN);
        PlexTvStubs.stubResources(wm, TOKEN, PlexTvStubs.resources(SERVER_TOKEN,
                PlexTvStubs.connection(wm.baseUrl(), true, false)));
        PlexTvStubs.stubIdentity(wm);
    }

    @Test
    void pinFlowPollsUntilApprovedOnVirtualTimeAndChoosesTheServer() {
        PlexTvStubs.stubCreatePin(wm, 1800);
        String poll = "/api/v2/pins/" + PIN_ID;
        wm.stubFor(get(urlPathEqualTo(poll)).inScenario("pin").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(PlexTvStubs.pinJson(null, 1790))).willSetStateTo("pending-2"));
        wm.stubFor(get(urlPathEqualTo(poll)).inScenario("pin").whenScenarioStateIs("pending-2")
                .willReturn(okJson(PlexTvStubs.pinJson(null, 1788))).willSetStateTo("approved"));
        wm.stubFor(get(urlPathEqualTo(poll)).inScenario("pin").whenScenarioStateIs("approved")
                .willReturn(okJson(PlexTvStubs.pinJson(TOKEN, 1786))));
        stubWorkingServer();
        RecordingProviderStore store = store(Map.of());
        TestContext ctx = TestContext.of(store, time);

        AuthStep step = provider.start(ctx, Map.of());
        assertEquals(wm.baseUrl() + "/auth#?clientID=5b0e1c1e-test-client-id&code=" + PIN_CODE
                + "&context%5Bdevice%5D%5Bproduct%5D=CrossWatch", step.verificationUrl());
        assertEquals(VirtualTime.DEFAULT_START.plusSeconds(1800), step.expiresAt());
        assertEquals(Duration.ofSeconds(2), step.pollInterval());

        AuthStatus status = provider.finish(ctx, step.state());

        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals("alice", status.account());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), time.sleeps());
        ProviderConfig cfg = store.current();
        assertEquals(TOKEN, cfg.require("token"));
        assertEquals(wm.baseUrl(), cfg.require("serverUrl"));
        assertEquals(SERVER_TOKEN, cfg.require("serverToken"));
        assertEquals(MACHINE_ID, cfg.require("serverId"));
        assertEquals("MyServer", cfg.require("serverName"));

        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/v2/pins"))
                .withHeader("X-Plex-Client-Identifier", equalTo("5b0e1c1e-test-client-id"))
                .withHeader("X-Plex-Product", equalTo("CrossWatch"))
                .withHeader("X-Plex-Version", equalTo("0.1"))
                .withHeader("Accept", equalTo("application/json")));
        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo(poll))
                .withHeader("X-Plex-Client-Identifier", equalTo("5b0e1c1e-test-client-id")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/user")).withHeader("X-Plex-Token", equalTo(TOKEN)));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/resources"))
                .withQueryParam("includeHttps", equalTo("1")).withQueryParam("includeRelay", equalTo("1")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/identity")).withHeader("X-Plex-Token", equalTo(SERVER_TOKEN)));
        assertEquals(7, wm.getAllServeEvents().size());

        SecretScanner secrets = new SecretScanner().addConfig(cfg);
        secrets.assertNotIn("status", status.toString());
        secrets.assertNotIn("step", step.toString());
        secrets.assertNotIn("store", store.toString());
    }

    @Test
    void aClientIdentifierIsGeneratedOnceAndReused() {
        PlexTvStubs.stubCreatePin(wm, 1800);
        RecordingProviderStore store = RecordingProviderStore.of(ProviderConfig.of("plex", "default",
                Map.of("baseUrl", wm.baseUrl())));
        provider.start(TestContext.of(store, time), Map.of());
        String id = store.current().require("clientIdentifier");
        provider.start(TestContext.of(store, time), Map.of());
        assertEquals(id, store.current().require("clientIdentifier"));
        assertEquals(1, store.updates().stream().filter(u -> u.containsKey("clientIdentifier")).count());
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/api/v2/pins"))
                .withHeader("X-Plex-Client-Identifier", equalTo(id)));
    }

    @Test
    void aPinThatExpiresBeforeApprovalFailsClearly() {
        PlexTvStubs.stubCreatePin(wm, 10);
        wm.stubFor(get(urlPathEqualTo("/api/v2/pins/" + PIN_ID)).willReturn(okJson(PlexTvStubs.pinJson(null, 10))));
        RecordingProviderStore store = store(Map.of());
        TestContext ctx = TestContext.of(store, time);
        AuthStep step = provider.start(ctx, Map.of());

        AuthException e = assertThrows(AuthException.class, () -> provider.finish(ctx, step.state()));

        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertTrue(e.getMessage().contains("crosswatch connect plex"), e.getMessage());
        // 10 s lifetime, 2 s interval: polls at 0, 2, 4, 6 and the one at 8 is the last before expiry.
        wm.verify(exactly(5), getRequestedFor(urlPathEqualTo("/api/v2/pins/" + PIN_ID)));
        assertEquals(Duration.ofSeconds(8), time.slept());
        assertFalse(store.current().has("token"));
    }

    @Test
    void aPinPlexTvNoLongerKnowsIsExpired() {
        PlexTvStubs.stubCreatePin(wm, 1800);
        wm.stubFor(get(urlPathEqualTo("/api/v2/pins/" + PIN_ID)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":1020,\"message\":\"Code not found or expired\",\"status\":404}]}")));
        TestContext ctx = TestContext.of(store(Map.of()), time);
        AuthStep step = provider.start(ctx, Map.of());
        AuthException e = assertThrows(AuthException.class, () -> provider.finish(ctx, step.state()));
        assertTrue(e.getMessage().contains("expired or is unknown"), e.getMessage());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/pins/" + PIN_ID)));
    }

    @Test
    void aPastedTokenIsValidatedStoredAndConnectsTheServer() {
        stubWorkingServer();
        RecordingProviderStore store = store(Map.of());
        TestContext ctx = TestContext.of(store, time);

        AuthStep step = provider.start(ctx, Map.of("token", TOKEN));
        assertEquals(VirtualTime.DEFAULT_START, step.expiresAt());
        assertEquals(TOKEN, store.current().require("token"));
        AuthStatus status = provider.finish(ctx, step.state());

        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals(SERVER_TOKEN, store.current().require("serverToken"));
        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/api/v2/pins")));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/api/v2/user")));
    }

    @Test
    void aRefusedPastedTokenIsNotStored() {
        PlexTvStubs.stubUserRefused(wm);
        RecordingProviderStore store = store(Map.of());
        AuthException e = assertThrows(AuthException.class,
                () -> provider.start(TestContext.of(store, time), Map.of("token", "revoked-token-123")));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertFalse(store.current().has("token"));
        new SecretScanner().add("pasted", "revoked-token-123").assertNotIn(e);
    }

    @Test
    void discoveryProbesLocalThenRemoteThenRelayAndKeepsTheFirstThatAnswers() {
        String dead = PlexTvStubs.deadUrl();
        PlexTvStubs.stubUser(wm, TOKEN);
        // plex.tv's order: relay, remote (this WireMock, under a path prefix), local (nothing listens).
        PlexTvStubs.stubResources(wm, TOKEN, PlexTvStubs.resources(SERVER_TOKEN,
                PlexTvStubs.connection(wm.baseUrl() + "/relay", false, true),
                PlexTvStubs.connection(wm.baseUrl() + "/remote", false, false),
                PlexTvStubs.connection(dead, true, false)));
        wm.stubFor(get(urlPathEqualTo("/remote/identity")).willReturn(okJson(
                "{\"MediaContainer\": {\"size\": 0, \"machineIdentifier\": \"" + MACHINE_ID + "\"}}")));
        wm.stubFor(get(urlPathEqualTo("/relay/identity")).willReturn(okJson(
                "{\"MediaContainer\": {\"size\": 0, \"machineIdentifier\": \"" + MACHINE_ID + "\"}}")));
        RecordingProviderStore store = store(Map.of("token", TOKEN));

        AuthStatus status = provider.finish(TestContext.of(store, time), Map.of());

        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals(wm.baseUrl() + "/remote", store.current().require("serverUrl"));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/remote/identity")));
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/relay/identity")));
    }

    @Test
    void noAnsweringServerStillConnectsTheAccountAndSaysSo() {
        PlexTvStubs.stubUser(wm, TOKEN);
        PlexTvStubs.stubResources(wm, TOKEN, PlexTvStubs.resources(SERVER_TOKEN,
                PlexTvStubs.connection(PlexTvStubs.deadUrl(), true, false)));
        RecordingProviderStore store = store(Map.of("token", TOKEN));
        AuthStatus status = provider.finish(TestContext.of(store, time), Map.of());
        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertTrue(status.message().contains("no Plex Media Server answered"), status.message());
        assertFalse(store.current().has("serverUrl"));
    }

    @Test
    void aHomeUserIsSwitchedToAndTheServerTokenComesFromTheirResources() {
        String kidToken = "kid-token-9d8s7a6";
        String kidServerToken = "kid-server-token-5t4r";
        PlexTvStubs.stubUser(wm, TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v2/home/users")).withHeader("X-Plex-Token", equalTo(TOKEN))
                .willReturn(okJson("[{\"id\": 1, \"uuid\": \"a4f43c1ebfde43a5\", \"title\": \"alice\", \"username\": \"alice\","
                        + " \"admin\": true, \"restricted\": false, \"protected\": true},"
                        + " {\"id\": 2, \"uuid\": \"b5e54d2f\", \"title\": \"Kid\", \"username\": \"\", \"admin\": false,"
                        + " \"restricted\": true, \"protected\": false}]")));
        wm.stubFor(post(urlPathEqualTo("/api/home/users/2/switch")).withHeader("X-Plex-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<user id=\"2\" uuid=\"b5e54d2f\" title=\"Kid\""
                                + " restricted=\"1\" authenticationToken=\"" + kidToken + "\"/>")));
        PlexTvStubs.stubResources(wm, kidToken, PlexTvStubs.resources(kidServerToken,
                PlexTvStubs.connection(wm.baseUrl(), true, false)));
        PlexTvStubs.stubIdentity(wm);
        RecordingProviderStore store = store(Map.of("token", TOKEN, "homeUser", "kid"));

        AuthStatus status = provider.finish(TestContext.of(store, time), Map.of());

        assertEquals(AuthStatus.State.CONNECTED, status.state());
        assertEquals("alice (home user kid)", status.account());
        assertEquals(kidToken, store.current().require("userToken"));
        assertEquals(kidServerToken, store.current().require("serverToken"));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/home/users/2/switch")));
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/api/v2/resources")).withHeader("X-Plex-Token", equalTo(TOKEN)));

        // A refresh re-reads the server token with the stored home-user token: no switch (a PIN may be needed).
        assertEquals(AuthStatus.State.CONNECTED, provider.refresh(TestContext.of(store, time)).state());
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/home/users/2/switch")));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/api/v2/resources")).withHeader("X-Plex-Token", equalTo(kidToken)));
    }

    @Test
    void anUnknownHomeUserIsAConfigErrorNamingTheKey() {
        PlexTvStubs.stubUser(wm, TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v2/home/users")).willReturn(okJson(
                "{\"users\": [{\"id\": 1, \"title\": \"alice\", \"admin\": true}]}")));
        RecordingProviderStore store = store(Map.of("token", TOKEN, "homeUser", "bob"));
        io.crosswatch.api.ConfigException e = assertThrows(io.crosswatch.api.ConfigException.class,
                () -> provider.finish(TestContext.of(store, time), Map.of()));
        assertTrue(e.getMessage().contains("$.providers.plex.homeUser"), e.getMessage());
        assertTrue(e.getMessage().contains("[alice]"), e.getMessage());
    }

    @Test
    void statusReportsNotConnectedExpiredAndConnected() {
        assertEquals(AuthStatus.State.NOT_CONNECTED, provider.status(TestContext.of(store(Map.of()), time)).state());
        PlexTvStubs.stubUserRefused(wm);
        AuthStatus expired = provider.status(TestContext.of(store(Map.of("token", "revoked-token-123")), time));
        assertEquals(AuthStatus.State.EXPIRED, expired.state());
        PlexTvStubs.stubUser(wm, TOKEN);
        AuthStatus ok = provider.status(TestContext.of(store(Map.of("token", TOKEN, "serverName", "MyServer")), time));
        assertEquals(AuthStatus.State.CONNECTED, ok.state());
        assertEquals("alice", ok.account());
        assertEquals("server MyServer", ok.message());
    }

    @Test
    void refreshRereadsTheServerTokenAndDisconnectClearsEveryToken() {
        stubWorkingServer();
        RecordingProviderStore store = store(Map.of("token", TOKEN, "serverToken", "old-server-token-1"));
        TestContext ctx = TestContext.of(store, time);
        assertEquals(AuthStatus.State.CONNECTED, provider.refresh(ctx).state());
        assertEquals(SERVER_TOKEN, store.current().require("serverToken"));
        provider.disconnect(ctx);
        assertTrue(store.secretKeys().isEmpty(), store.secretKeys().toString());
        assertTrue(store.current().has("clientIdentifier"));
    }
}
