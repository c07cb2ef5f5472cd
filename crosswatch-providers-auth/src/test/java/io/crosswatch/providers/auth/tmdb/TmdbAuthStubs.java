package io.crosswatch.providers.auth.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.ProviderConfig;
import java.util.Map;

/** TMDB authentication endpoints as WireMock stubs, shaped like the fact sheet's payloads. */
final class TmdbAuthStubs {

    static final String API_KEY = "0123456789abcdef0123456789abcdef";
    static final String REQUEST_TOKEN = "ff5c7eeb5a8870efe3cd7fc5c282cffd26800ecd";
    static final String SESSION_ID = "79191836ddaa0da3df76a5ffef6f07ad6ab0c641";
    static final String APPROVAL = "approval";
    static final String APPROVED = "approved";

    private TmdbAuthStubs() {
    }

    static ProviderConfig config(WireMockExtension wm) {
        return ProviderConfig.of("tmdb", "default", Map.of("apiKey", API_KEY, "baseUrl", wm.baseUrl() + "/3",
                "webUrl", "https://www.themoviedb.org"));
    }

    /**
     * Token, session (401 until the {@value #APPROVAL} scenario is {@value #APPROVED}), account
     * and logout.
     */
    static void stub(WireMockExtension wm) {
        wm.stubFor(get(urlPathEqualTo("/3/authentication/token/new")).withQueryParam("api_key", equalTo(API_KEY))
                .willReturn(okJson("{\"success\": true, \"expires_at\": \"2026-01-01 01:00:00 UTC\", \"request_token\": \""
                        + REQUEST_TOKEN + "\"}")));
        wm.stubFor(post(urlPathEqualTo("/3/authentication/session/new")).inScenario(APPROVAL)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\": false, \"status_code\": 17, \"status_message\": \"Session denied.\"}")));
        wm.stubFor(post(urlPathEqualTo("/3/authentication/session/new")).inScenario(APPROVAL)
                .whenScenarioStateIs(APPROVED)
                .withRequestBody(equalTo("{\"request_token\":\"" + REQUEST_TOKEN + "\"}"))
                .willReturn(okJson("{\"success\": true, \"session_id\": \"" + SESSION_ID + "\"}")));
        wm.stubFor(get(urlPathEqualTo("/3/account")).withQueryParam("session_id", equalTo(SESSION_ID))
                .willReturn(okJson("""
                        {"id": 548, "username": "travisbell", "name": "Travis Bell", "iso_639_1": "en",
                         "iso_3166_1": "CA", "include_adult": false}""")));
        wm.stubFor(delete(urlPathEqualTo("/3/authentication/session"))
                .willReturn(okJson("{\"success\": true}")));
    }

    static void approve(WireMockExtension wm) {
        wm.setScenarioState(APPROVAL, APPROVED);
    }
}
