package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** End to end: Emby ↔ the local tracker through the generic sync module. */
class EmbyToLocalSyncTest extends MediaServerToLocalSyncScenarios {

    static final FakeMediaServer FAKE = FakeMediaServer.emby();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @Override
    WireMockExtension server() {
        return wm;
    }

    @Override
    FakeMediaServer fake() {
        return FAKE;
    }

    @Override
    MediaBrowserConnector connector() {
        return new EmbyConnector();
    }

    @Override
    int noOpRequests() {
        return 1;
    }
}
