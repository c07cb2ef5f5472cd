package io.crosswatch.providers.sync.jellyfin;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector contract for {@code jellyfin} (10.10: user-less routes). */
class JellyfinConnectorContractTest extends MediaBrowserConnectorContract {

    static final FakeMediaServer FAKE = FakeMediaServer.jellyfin("10.10.7");

    @RegisterExtension
    static WireMockExtension wm = serving(FAKE);

    JellyfinConnectorContractTest() {
        super(ServerFlavor.JELLYFIN, FAKE, wm);
    }
}
