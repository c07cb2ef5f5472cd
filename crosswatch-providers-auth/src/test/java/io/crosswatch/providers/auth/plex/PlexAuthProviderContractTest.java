package io.crosswatch.providers.auth.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.testkit.AuthProviderContract;
import io.crosswatch.testkit.ProviderTestKit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testkit's auth contract against a WireMock plex.tv whose PIN becomes approved when the
 * user approves, and whose resources hand out a new server token on each read (what refresh
 * picks up).
 */
class PlexAuthProviderContractTest extends AuthProviderContract {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Override
    protected AuthProvider provider() {
        return ProviderTestKit.forName("plex").authProvider();
    }

    @Override
    protected ProviderConfig configuredConfig() {
        return PlexTvStubs.config(wm, Map.of());
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of();
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        PlexTvStubs.stubCreatePin(wm, 1800);
        wm.stubFor(get(urlPathEqualTo("/api/v2/pins/" + PlexTvStubs.PIN_ID)).inScenario("pin")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(PlexTvStubs.pinJson(null, 1700))));
        wm.stubFor(get(urlPathEqualTo("/api/v2/pins/" + PlexTvStubs.PIN_ID)).inScenario("pin")
                .whenScenarioStateIs("approved").willReturn(okJson(PlexTvStubs.pinJson(PlexTvStubs.TOKEN, 1700))));
        PlexTvStubs.stubUser(wm, PlexTvStubs.TOKEN);
        PlexTvStubs.stubUserRefused(wm);
        for (int i = 0; i < 4; i++) {
            String state = i == 0 ? Scenario.STARTED : "read-" + i;
            wm.stubFor(get(urlPathEqualTo("/api/v2/resources")).inScenario("resources").whenScenarioStateIs(state)
                    .willReturn(okJson(PlexTvStubs.resources("server-token-issue-" + i,
                            PlexTvStubs.connection(wm.baseUrl(), true, false))))
                    .willSetStateTo("read-" + (i + 1)));
        }
        PlexTvStubs.stubIdentity(wm);
    }

    @Override
    protected void userApproves(AuthStep step) {
        wm.setScenarioState("pin", "approved");
    }

    @Override
    protected boolean failBackend(io.crosswatch.testkit.BackendFailure failure) {
        return io.crosswatch.providers.auth.HostileBackend.fail(wm, failure);
    }

    @Override
    protected void breakBackend() {
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"down\"}")));
    }

    @Override
    protected Set<String> extraSecrets() {
        return Set.of(PlexTvStubs.TOKEN, "server-token-issue-0", "server-token-issue-1");
    }
}
