package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.testkit.ProviderTestKit;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector contract for {@code jellyfin} (10.10: user-less routes). */
class JellyfinConnectorContractTest extends MediaBrowserConnectorContract {

    static final FakeMediaServer FAKE = FakeMediaServer.jellyfin("10.10.7");

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @RegisterExtension
    static WireMockExtension down = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Override
    protected Connector connector() {
        return ProviderTestKit.forName("jellyfin").assertRegistered().connector();
    }

    @Override
    WireMockExtension server() {
        return wm;
    }

    @Override
    FakeMediaServer fake() {
        return FAKE;
    }

    @Override
    WireMockExtension broken() {
        return down;
    }

    @Override
    String provider() {
        return "jellyfin";
    }
}
