package io.crosswatch.providers.auth.mdblist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.AuthProviderContract;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** The testkit's auth contract against a WireMock {@code /user} endpoint. */
class MdblistAuthProviderContractTest extends AuthProviderContract {

    static final String KEY = "mdbl-contract-key-4417";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final HttpToolkit toolkit = HttpToolkit.builder().build();

    @Override
    protected AuthProvider provider() {
        return new MdblistAuthProvider(toolkit);
    }

    @Override
    protected ProviderConfig configuredConfig() {
        return ProviderConfig.of("mdblist", "default", Map.of("baseUrl", wm.baseUrl()));
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of("apiKey", KEY);
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Invalid API key\"}")));
        wm.stubFor(get(urlPathEqualTo("/user")).withQueryParam("apikey", equalTo(KEY)).willReturn(okJson("""
                { "limits": { "supporter": true, "rating_ids": 100, "api_requests": 25000 } }""")));
    }

    @Override
    protected boolean failBackend(io.crosswatch.testkit.BackendFailure failure) {
        return io.crosswatch.providers.auth.HostileBackend.fail(wm, failure);
    }

    @Override
    protected void breakBackend() {
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    }
}
