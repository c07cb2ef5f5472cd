package io.crosswatch.providers.sync.jellyfin;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector contract for {@code emby} (/emby paths, legacy routes, X-Emby-Token). */
class EmbyConnectorContractTest extends MediaBrowserConnectorContract {

    static final FakeMediaServer FAKE = FakeMediaServer.emby();

    @RegisterExtension
    static WireMockExtension wm = serving(FAKE);

    EmbyConnectorContractTest() {
        super(ServerFlavor.EMBY, FAKE, wm);
    }
}
