package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Feature writes on Emby: {@code /emby/Users/{id}/…} routes, {@code X-Emby-Token}, compact played dates, query-string playlists. */
class EmbyFeatureWritesTest extends FeatureWritesScenarios {

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
    String prefix() {
        return "/emby";
    }

    @Override
    int setupRequests() {
        return 1; // one page, no probe
    }

    private static RequestPatternBuilder user(String method, String path) {
        return RequestPatternBuilder.newRequestPattern(RequestMethod.fromString(method),
                urlPathEqualTo("/emby/Users/" + UID + path)).withHeader("X-Emby-Token", equalTo(FakeMediaServer.TOKEN));
    }

    @Override
    RequestPatternBuilder played(String method, String itemId) {
        return user(method, "/PlayedItems/" + itemId);
    }

    @Override
    RequestPatternBuilder favorite(String method, String itemId) {
        return user(method, "/FavoriteItems/" + itemId);
    }

    @Override
    RequestPatternBuilder userData(String itemId) {
        return user("POST", "/Items/" + itemId + "/UserData");
    }

    @Override
    RequestPatternBuilder rating(String itemId) {
        return user("DELETE", "/Items/" + itemId + "/Rating");
    }

    @Override
    String datePlayed() {
        return "20241102201531";
    }

    @Override
    String idsParam() {
        return "Ids";
    }

    @Override
    String userParam() {
        return "UserId";
    }

    @Override
    String entryIdsParam() {
        return "EntryIds";
    }
}
