package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.ConnectorSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Feature writes on Jellyfin 10.10: the user-less routes with {@code userId}, ISO played dates, JSON playlist creation. */
class JellyfinFeatureWritesTest extends FeatureWritesScenarios {

    static final FakeMediaServer FAKE = FakeMediaServer.jellyfin("10.10.7");

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
        return new JellyfinConnector();
    }

    @Override
    String prefix() {
        return "";
    }

    @Override
    int setupRequests() {
        return 2; // version probe + one page
    }

    @Override
    RequestPatternBuilder played(String method, String itemId) {
        return RequestPatternBuilder.newRequestPattern(com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method),
                urlPathEqualTo("/UserPlayedItems/" + itemId)).withQueryParam("userId", equalTo(UID));
    }

    @Override
    String datePlayedParam() {
        return "datePlayed";
    }

    @Override
    RequestPatternBuilder favorite(String method, String itemId) {
        return RequestPatternBuilder.newRequestPattern(com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method),
                urlPathEqualTo("/UserFavoriteItems/" + itemId)).withQueryParam("userId", equalTo(UID));
    }

    @Override
    RequestPatternBuilder userData(String itemId) {
        return postRequestedFor(urlPathEqualTo("/UserItems/" + itemId + "/UserData")).withQueryParam("userId", equalTo(UID));
    }

    @Override
    RequestPatternBuilder rating(String itemId) {
        return deleteRequestedFor(urlPathEqualTo("/UserItems/" + itemId + "/Rating")).withQueryParam("userId", equalTo(UID));
    }

    @Override
    String datePlayed() {
        return "2024-11-02T20:15:31Z";
    }

    @Override
    String idsParam() {
        return "ids";
    }

    @Override
    String userParam() {
        return "userId";
    }

    @Override
    String entryIdsParam() {
        return "entryIds";
    }

    @Test
    void olderJellyfinWritesThroughTheLegacyRoutesAfterOneProbe() {
        FAKE.version("10.8.13");
        try (ConnectorSession s = open(Map.of())) {
            s.add(Feature.HISTORY, List.of(MediaBrowserConnectorContract.inception()
                    .toBuilder().watchedAt(MediaBrowserConnectorContract.WATCHED).build()), false);
            s.add(Feature.WATCHLIST, List.of(MediaBrowserConnectorContract.matrix()), false);
            s.read(Feature.WATCHLIST);
        } finally {
            FAKE.version("10.10.7");
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/System/Info/Public")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/Users/" + UID + "/PlayedItems/" + INCEPTION))
                .withQueryParam("DatePlayed", equalTo("2024-11-02T20:15:31Z")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/Users/" + UID + "/FavoriteItems/" + MATRIX)));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/Users/" + UID + "/Items")));
        assertEquals(5, requests());
    }
}
