package io.crosswatch.providers.auth.trakt;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The testkit's auth contract against a WireMock Trakt: the device token endpoint answers
 * "pending" until {@link #userApproves} moves its scenario on; each refresh issues a new pair.
 */
class TraktAuthContractTest extends AuthProviderContract {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String DEVICE_CODE = "device-code-4f1c2b9a7e6d5c4b3a29";

    private final HttpToolkit toolkit = HttpToolkit.builder().build();

    @Override
    protected AuthProvider provider() {
        return new TraktAuthProvider(toolkit);
    }

    @Override
    protected ProviderConfig configuredConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", "contract-client-id-123456");
        m.put("clientSecret", "contract-client-secret-654321");
        m.put("baseUrl", wm.baseUrl());
        m.put("oauthUrl", wm.baseUrl());
        return ProviderConfig.of("trakt", ProviderConfig.DEFAULT_INSTANCE, m);
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of();
    }

    @Override
    protected Set<String> extraSecrets() {
        return Set.of(DEVICE_CODE);
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        wm.stubFor(post("/oauth/device/code").willReturn(okJson("{\"device_code\":\"" + DEVICE_CODE
                + "\",\"user_code\":\"5055CC52\",\"verification_url\":\"https://trakt.tv/activate\","
                + "\"expires_in\":600,\"interval\":5}")));
        wm.stubFor(post("/oauth/device/token").inScenario("approval").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400)));
        wm.stubFor(post("/oauth/device/token").inScenario("approval").whenScenarioStateIs("approved")
                .willReturn(okJson(TraktAuthProviderTest.tokenJson("access-token-first-0001", "refresh-token-first-0001",
                        1767225600L, 604800))));
        wm.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody(TraktAuthProviderTest.tokenJson("access-token-{{randomValue length=12 type='ALPHANUMERIC'}}",
                        "refresh-token-{{randomValue length=12 type='ALPHANUMERIC'}}", 1767229200L, 604800))));
        wm.stubFor(post("/oauth/revoke").willReturn(aResponse().withStatus(200)));
        wm.stubFor(get("/users/settings").willReturn(okJson("{\"user\":{\"username\":\"sean\"}}")));
    }

    @Override
    protected void userApproves(AuthStep step) {
        wm.setScenarioState("approval", "approved");
    }

    @Override
    protected boolean failBackend(io.crosswatch.testkit.BackendFailure failure) {
        return io.crosswatch.providers.auth.HostileBackend.fail(wm, failure);
    }

    @Override
    protected void breakBackend() {
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"server\"}")));
    }
}
