package io.crosswatch.providers.auth.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.AuthProviderContract;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

class TmdbAuthContractTest extends AuthProviderContract {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Override
    protected AuthProvider provider() {
        return new TmdbAuthProvider(HttpToolkit.builder().build());
    }

    @Override
    protected ProviderConfig configuredConfig() {
        return TmdbAuthStubs.config(wm);
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of();
    }

    @Override
    protected void userApproves(AuthStep step) {
        TmdbAuthStubs.approve(wm);
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        TmdbAuthStubs.stub(wm);
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

    @Override
    protected Set<String> extraSecrets() {
        return Set.of(TmdbAuthStubs.SESSION_ID, TmdbAuthStubs.API_KEY);
    }
}
