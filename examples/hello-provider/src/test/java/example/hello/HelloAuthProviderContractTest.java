package example.hello;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.testkit.AuthProviderContract;
import io.crosswatch.testkit.ProviderTestKit;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every rule of the testkit's auth contract, against the stateful fake service. */
class HelloAuthProviderContractTest extends AuthProviderContract {

    static final HelloFake FAKE = new HelloFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @Override
    protected AuthProvider provider() {
        return ProviderTestKit.forName("hello").authProvider();
    }

    @Override
    protected ProviderConfig configuredConfig() {
        return ProviderConfig.of("hello", "default", Map.of("baseUrl", wm.baseUrl()));
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of("apiKey", HelloFake.API_KEY);
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(HelloFake.NAME)));
    }

    @Override
    protected void breakBackend() {
        FAKE.breakDown();
    }
}
