package io.crosswatch.providers.auth.anilist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.AuthProviderContract;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** The testkit's auth contract through the authorization-code flow, OAuth host and GraphQL on one WireMock. */
class AnilistAuthProviderContractTest extends AuthProviderContract {

    static final String CODE = "def50200-contract-code";
    static final String TOKEN = "eyJ0eXAiOiJKV1Qi-contract-token";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final HttpToolkit toolkit = HttpToolkit.builder().build();

    @Override
    protected AuthProvider provider() {
        return new AnilistAuthProvider(toolkit);
    }

    @Override
    protected ProviderConfig configuredConfig() {
        return ProviderConfig.of("anilist", "default", Map.of("clientId", "1234", "clientSecret", "app-secret-9f8e",
                "oauthUrl", wm.baseUrl(), "baseUrl", wm.baseUrl() + "/graphql"));
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of();
    }

    @Override
    protected Map<String, String> finishPayload(AuthStep step) {
        Map<String, String> p = new LinkedHashMap<>(step.state());
        p.put("code", CODE);
        return p;
    }

    @Override
    protected Set<String> extraSecrets() {
        return Set.of(CODE, TOKEN);
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        wm.stubFor(post(urlPathEqualTo("/api/v2/oauth/token")).withRequestBody(matchingJsonPath("$.code", equalTo(CODE)))
                .willReturn(okJson("""
                        { "token_type": "Bearer", "expires_in": 31536000, "access_token": "%s", "refresh_token": "def50200-r" }"""
                        .formatted(TOKEN))));
        wm.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{ \"errors\": [ { \"message\": \"Invalid token\", \"status\": 400 } ], \"data\": null }")));
        wm.stubFor(post(urlPathEqualTo("/graphql")).withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson("""
                { "data": { "Viewer": { "id": 5123456, "name": "someone", "mediaListOptions": { "scoreFormat": "POINT_10" } } } }""")));
    }

    @Override
    protected boolean failBackend(io.crosswatch.testkit.BackendFailure failure) {
        return io.crosswatch.providers.auth.HostileBackend.fail(wm, failure);
    }

    @Override
    protected void breakBackend() {
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }
}
