package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every live event wants the server's name, so a failing {@code /System/Info/Public} must not be asked per event. */
class NowPlayingLookupsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aFailedServerInfoIsAskedAgainOnlyAfterTheRetryPause() {
        wm.stubFor(get(urlPathEqualTo("/System/Info/Public")).willReturn(aResponse().withStatus(503)));
        VirtualTime time = VirtualTime.create();
        ProviderConfig cfg = ProviderConfig.of("jellyfin", ProviderConfig.DEFAULT_INSTANCE,
                Map.of("baseUrl", wm.baseUrl(), "accessToken", "jf-token-123456"));
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        NowPlayingLookups lookups = new NowPlayingLookups(ServerFlavor.JELLYFIN,
                MediaBrowserConnector.client(ServerFlavor.JELLYFIN, toolkit, TestContext.of(cfg, time)), null, time.clock());

        assertNull(lookups.serverName());
        int asked = wm.findAll(getRequestedFor(urlPathEqualTo("/System/Info/Public"))).size();
        for (int event = 0; event < 20; event++) {
            assertNull(lookups.serverName());
        }
        assertEquals(asked, wm.findAll(getRequestedFor(urlPathEqualTo("/System/Info/Public"))).size(),
                "asked again for every event while the server failed");

        wm.stubFor(get(urlPathEqualTo("/System/Info/Public")).willReturn(okJson("{\"ServerName\":\"Jelly\",\"Version\":\"10.10.7\"}")));
        time.advance(NowPlayingLookups.INFO_RETRY_AFTER);
        assertEquals("Jelly", lookups.serverName());
        assertEquals("Jelly", lookups.serverName());
        assertEquals(asked + 1, wm.findAll(getRequestedFor(urlPathEqualTo("/System/Info/Public"))).size());
    }
}
