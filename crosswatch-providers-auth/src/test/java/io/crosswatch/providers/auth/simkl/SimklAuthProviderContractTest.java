package io.crosswatch.providers.auth.simkl;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.AuthProviderContract;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit's auth contract against SIMKL's PIN flow on WireMock. */
class SimklAuthProviderContractTest extends AuthProviderContract {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Override
    protected AuthProvider provider() {
        return new SimklAuthProvider(HttpToolkit.builder().okHttpClient(SimklAuthProviderTest.OK_HTTP).build());
    }

    @Override
    protected ProviderConfig configuredConfig() {
        return ProviderConfig.of("simkl", "default", Map.of("clientId", SimklAuthProviderTest.CLIENT, "baseUrl", wm.baseUrl()));
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of();
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/oauth/pin")).willReturn(okJson("""
                {"result":"OK","device_code":"DEVICE_CODE","user_code":"5G6JA",
                 "verification_uri":"https://simkl.com/pin","expires_in":900,"interval":5}""")));
        wm.stubFor(get(urlPathEqualTo("/oauth/pin/5G6JA")).willReturn(okJson(SimklAuthProviderTest.PENDING)));
        wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(okJson("{\"user\":{\"name\":\"ada\"}}")));
    }

    @Override
    protected void userApproves(AuthStep step) {
        wm.stubFor(get(urlPathEqualTo("/oauth/pin/" + step.userCode())).willReturn(okJson(SimklAuthProviderTest.APPROVED)));
    }

    @Override
    protected boolean failBackend(io.crosswatch.testkit.BackendFailure failure) {
        return io.crosswatch.providers.auth.HostileBackend.fail(wm, failure);
    }

    @Override
    protected void breakBackend() {
        wm.stubFor(any(anyUrl()).atPriority(1).willReturn(serverError()));
    }
}
