package io.crosswatch.providers.sync.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlexPlaylistsAndWatchlistTest {

    static final FakePlex FAKE = new FakePlex();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    private static final String URI_PREFIX = "server://" + FakePlex.MACHINE_ID + "/com.plexapp.plugins.library/library/metadata/";

    @BeforeEach
    void setUp() {
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.reset();
        PlexFixtures.library(FAKE);
    }

    private ConnectorSession open() {
        return new PlexConnector().open(PlexFixtures.context(wm, Map.of()));
    }

    private static MediaItem movie(String ns, String id, String list) {
        return MediaItem.builder(MediaType.MOVIE).id(ns, id).list(list).build();
    }

    @Test
    void playlistsReadRegularVideoPlaylistsWithEntryIds() {
        String id = FAKE.playlist("Favourites", "101", "201", "103");
        try (ConnectorSession s = open()) {
            ReadResult r = s.read(Feature.PLAYLISTS);
            assertEquals(Completeness.COMPLETE, r.completeness());
            assertEquals(List.of("The Matrix (1999)", "Some Show S01E01"), r.items().stream().map(MediaItem::describe).toList());
            MediaItem matrix = r.items().get(0);
            assertEquals("Favourites", matrix.list().orElseThrow());
            assertEquals(id, matrix.attribute(PlexSession.ATTR_PLAYLIST).orElseThrow());
            assertTrue(matrix.attribute(PlexSession.ATTR_PLAYLIST_ITEM).isPresent());
            assertEquals(MediaIds.of("tvdb", "81189", "tmdb", "1396", "plexguid", "plex://show/5d9c086c7d06d9001ffd27aa"),
                    r.items().get(1).showIds());
            assertEquals(1, r.unresolved().size(), "the home video has no external ids");
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/playlists")).withQueryParam("playlistType", equalTo("video")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/playlists/" + id + "/items"))
                .withQueryParam("X-Plex-Container-Start", equalTo("0")));
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/playlists/777/items")));
    }

    @Test
    void addingCreatesAMissingPlaylistAndExtendsAnExistingOneInOneCallEach() {
        String id = FAKE.playlist("Favourites", "101");
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.PLAYLISTS, List.of(movie("tmdb", "27205", "Favourites"),
                    movie("imdb", "tt0133093", "Favourites"), movie("imdb", "tt0113277", "Favourites"),
                    movie("tmdb", "550", "Favourites"), movie("tmdb", "27205", "Weekend"),
                    movie("imdb", "tt0113277", "Weekend")), false);
            assertEquals(List.of(Outcome.ADDED, Outcome.EXISTING, Outcome.ADDED, Outcome.NOT_FOUND, Outcome.ADDED, Outcome.ADDED),
                    w.outcomes().stream().map(ItemOutcome::outcome).toList());
        }
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/playlists/" + id + "/items"))
                .withQueryParam("uri", equalTo(URI_PREFIX + "104,102")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/playlists")).withQueryParam("title", equalTo("Weekend"))
                .withQueryParam("type", equalTo("video")).withQueryParam("smart", equalTo("0"))
                .withQueryParam("uri", equalTo(URI_PREFIX + "104,102")));
        assertEquals(List.of("101", "104", "102"), FAKE.playlistKeys("Favourites"));
        assertEquals(List.of("104", "102"), FAKE.playlistKeys("Weekend"));
    }

    @Test
    void removingDeletesByPlaylistItemId() {
        FAKE.playlist("Favourites", "101", "104");
        try (ConnectorSession s = open()) {
            MediaItem matrix = s.read(Feature.PLAYLISTS).items().get(0);
            WriteResult w = s.remove(Feature.PLAYLISTS, List.of(matrix, movie("tmdb", "550", "Favourites"),
                    movie("tmdb", "27205", "Nope")), false);
            assertEquals(List.of(Outcome.REMOVED, Outcome.NOT_FOUND, Outcome.NOT_FOUND),
                    w.outcomes().stream().map(ItemOutcome::outcome).toList());
            assertEquals(List.of("104"), FAKE.playlistKeys("Favourites"));
            wm.verify(exactly(1), deleteRequestedFor(urlPathEqualTo("/playlists/" + matrix.attribute(PlexSession.ATTR_PLAYLIST)
                    .orElseThrow() + "/items/" + matrix.attribute(PlexSession.ATTR_PLAYLIST_ITEM).orElseThrow())));
        }
    }

    @Test
    void theWatchlistIsReadFromDiscoverWithIdsHydratedOncePerItem() {
        FAKE.onWatchlist(PlexFixtures.MATRIX_HEX);
        FAKE.onWatchlist(PlexFixtures.HEAT_HEX);
        try (ConnectorSession s = open()) {
            ReadResult r = s.read(Feature.WATCHLIST);
            assertEquals(Completeness.COMPLETE, r.completeness());
            assertEquals(2, r.items().size());
            MediaItem matrix = r.items().get(0);
            assertEquals(MediaIds.of("imdb", "tt0133093", "tmdb", "603", "tvdb", "169",
                    "plexguid", "plex://movie/" + PlexFixtures.MATRIX_HEX), matrix.ids());
            assertEquals(PlexFixtures.MATRIX_HEX, matrix.attribute(PlexSession.ATTR_DISCOVER_KEY).orElseThrow());
            s.read(Feature.WATCHLIST);
        }
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/library/sections/watchlist/all"))
                .withQueryParam("X-Plex-Container-Start", equalTo("0")).withQueryParam("X-Plex-Container-Size", equalTo("100"))
                .withQueryParam("includeExternalMedia", equalTo("1"))
                .withHeader("X-Plex-Token", equalTo(PlexFixtures.TOKEN)));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/library/metadata/" + PlexFixtures.MATRIX_HEX))
                .withQueryParam("includeGuids", equalTo("1")));
        wm.verify(exactly(2), getRequestedFor(urlPathMatching("/library/metadata/[0-9a-f]{24}")));
        assertEquals(4, wm.getAllServeEvents().size(), "no library read for the watchlist");
    }

    @Test
    void aLibraryReadInTheSessionSparesTheLookupOfWatchlistItemsInTheLibrary() {
        FAKE.onWatchlist(PlexFixtures.MATRIX_HEX);
        FAKE.onWatchlist(PlexFixtures.HEAT_HEX);
        try (ConnectorSession s = open()) {
            s.read(Feature.HISTORY);
            assertEquals(2, s.read(Feature.WATCHLIST).items().size());
        }
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/library/metadata/" + PlexFixtures.MATRIX_HEX)));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/library/metadata/" + PlexFixtures.HEAT_HEX)));
    }

    @Test
    void watchlistAddFindsTheDiscoverKeyByExternalIdAndRemoveUsesIt() {
        FAKE.onWatchlist(PlexFixtures.MATRIX_HEX);
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.WATCHLIST, List.of(movie("tmdb", "949", null), movie("imdb", "tt0133093", null),
                    movie("tmdb", "550", null)), false);
            assertEquals(List.of(Outcome.ADDED, Outcome.EXISTING, Outcome.NOT_FOUND),
                    w.outcomes().stream().map(ItemOutcome::outcome).toList());
            assertEquals(Set.of(PlexFixtures.MATRIX_HEX, PlexFixtures.HEAT_HEX), FAKE.watchlist());

            MediaItem byGuid = MediaItem.builder(MediaType.MOVIE).id("plexguid", "plex://movie/" + PlexFixtures.MATRIX_HEX).build();
            w = s.remove(Feature.WATCHLIST, List.of(byGuid), false);
            assertEquals(Outcome.REMOVED, w.outcomes().get(0).outcome());
            assertEquals(Set.of(PlexFixtures.HEAT_HEX), FAKE.watchlist());
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/library/metadata/matches")).withQueryParam("type", equalTo("movie"))
                .withQueryParam("title", equalTo("tmdb-949")));
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/actions/addToWatchlist"))
                .withQueryParam("ratingKey", equalTo(PlexFixtures.HEAT_HEX)));
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/actions/removeFromWatchlist"))
                .withQueryParam("ratingKey", equalTo(PlexFixtures.MATRIX_HEX)));
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/library/sections")));
    }

    @Test
    void aDiscoverRefusalForAnItemAlreadyListedCountsAsExisting() {
        try (ConnectorSession s = open()) {
            s.read(Feature.WATCHLIST);
            FAKE.onWatchlist(PlexFixtures.HEAT_HEX); // added elsewhere after the read
            WriteResult w = s.add(Feature.WATCHLIST, List.of(movie("tmdb", "949", null)), false);
            assertEquals(Outcome.EXISTING, w.outcomes().get(0).outcome());
        }
    }
}
