package io.crosswatch.providers.auth.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TmdbAuthProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private VirtualTime time;
    private RecordingProviderStore store;
    private TmdbAuthProvider provider;

    @BeforeEach
    void setUp() {
        TmdbAuthStubs.stub(wm);
        time = VirtualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        store = RecordingProviderStore.of(TmdbAuthStubs.config(wm));
        provider = new TmdbAuthProvider(HttpToolkit.builder().build());
    }

    private TestContext context() {
        return TestContext.of(store, time);
    }

    @Test
    void requestTokenFlowPollsOnVirtualTimeUntilApproved() {
        AuthStep step = provider.start(context(), Map.of());
        assertEquals("https://www.themoviedb.org/authenticate/" + TmdbAuthStubs.REQUEST_TOKEN, step.url().orElseThrow());
        assertEquals(Instant.parse("2026-01-01T01:00:00Z"), step.expiresAt());

        // The user approves while finish is polling: the third poll succeeds.
        wm.stubFor(post(urlPathEqualTo("/3/authentication/session/new")).inScenario("polls")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(aResponse().withStatus(401).withBody("{\"success\":false,\"status_code\":17}")));
        wm.stubFor(post(urlPathEqualTo("/3/authentication/session/new")).inScenario("polls")
                .whenScenarioStateIs("second").willSetStateTo("third")
                .willReturn(aResponse().withStatus(401).withBody("{\"success\":false,\"status_code\":17}")));
        wm.stubFor(post(urlPathEqualTo("/3/authentication/session/new")).inScenario("polls")
                .whenScenarioStateIs("third")
                .willReturn(okJson("{\"success\": true, \"session_id\": \"" + TmdbAuthStubs.SESSION_ID + "\"}")));

        AuthStatus status = provider.finish(context(), step.state());

        assertTrue(status.isConnected());
        assertEquals("travisbell", status.accountName().orElseThrow());
        assertEquals(TmdbAuthStubs.SESSION_ID, store.current().string("sessionId").orElseThrow());
        assertEquals("548", store.current().string("accountId").orElseThrow());
        assertEquals(Duration.ofSeconds(6), time.slept(), "two waits of the poll interval");
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/authentication/token/new")));
        wm.verify(exactly(3), postRequestedFor(urlPathEqualTo("/3/authentication/session/new"))
                .withQueryParam("api_key", equalTo(TmdbAuthStubs.API_KEY))
                .withRequestBody(equalToJson("{\"request_token\": \"" + TmdbAuthStubs.REQUEST_TOKEN + "\"}")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/account")));
        assertEquals(5, wm.getAllServeEvents().size());
        SecretScanner secrets = new SecretScanner().addConfig(store.current());
        secrets.assertNotIn("the status", status.toString());
        secrets.assertNotIn("the step", step.toString());
    }

    @Test
    void unapprovedTokenExpiresWithAClearErrorInVirtualTime() {
        wm.stubFor(get(urlPathEqualTo("/3/authentication/token/new")).willReturn(okJson(
                "{\"success\": true, \"expires_at\": \"2026-01-01 00:00:30 UTC\", \"request_token\": \""
                        + TmdbAuthStubs.REQUEST_TOKEN + "\"}")));
        AuthStep step = provider.start(context(), Map.of());

        AuthException e = assertThrows(AuthException.class, () -> provider.finish(context(), step.state()));

        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertFalse(e.getMessage().contains(TmdbAuthStubs.REQUEST_TOKEN));
        assertTrue(store.current().string("sessionId").isEmpty());
        long polls = wm.getAllServeEvents().stream().filter(ev -> ev.getRequest().getUrl().contains("session/new")).count();
        assertEquals(10, polls, "one poll every 3 s until the token's 30 s are over");
        assertEquals(Duration.ofSeconds(27), time.slept());
    }

    @Test
    void v4UserAccessTokenIsConvertedIntoASession() {
        wm.stubFor(post(urlPathEqualTo("/3/authentication/session/convert/4"))
                .withRequestBody(equalToJson("{\"access_token\": \"eyJv4.user.token\"}"))
                .willReturn(okJson("{\"success\": true, \"session_id\": \"" + TmdbAuthStubs.SESSION_ID + "\"}")));

        AuthStep step = provider.start(context(), Map.of("accessToken", "eyJv4.user.token"));
        AuthStatus status = provider.finish(context(), step.state());

        assertTrue(status.isConnected());
        assertEquals(TmdbAuthStubs.SESSION_ID, store.current().string("sessionId").orElseThrow());
        assertEquals(3, wm.getAllServeEvents().size(), "convert, account, and the status check of finish");
    }

    @Test
    void statusReportsARevokedSessionAsExpired() {
        store.update(Map.of("sessionId", "revoked-session-0000"));
        wm.stubFor(get(urlPathEqualTo("/3/account")).withQueryParam("session_id", equalTo("revoked-session-0000"))
                .willReturn(aResponse().withStatus(401).withBody("{\"success\":false,\"status_code\":3}")));

        assertEquals(AuthStatus.State.EXPIRED, provider.status(context()).state());
        assertEquals(1, wm.getAllServeEvents().size(), "no refresh attempt");
    }

    @Test
    void isRegisteredForServiceLoader() {
        assertTrue(java.util.ServiceLoader.load(io.crosswatch.api.auth.AuthProvider.class).stream()
                .anyMatch(p -> p.type() == TmdbAuthProvider.class));
    }
}
