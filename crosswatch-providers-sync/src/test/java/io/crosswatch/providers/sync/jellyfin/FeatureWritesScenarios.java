package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserConnectorContract.WATCHED;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserConnectorContract.breakingBad;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserConnectorContract.inception;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserConnectorContract.matrix;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserConnectorContract.pilot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each feature's add and remove against {@link FakeMediaServer}, asserting the exact routes,
 * parameters, bodies and the number of requests. Subclasses say which server and routes.
 */
abstract class FeatureWritesScenarios {

    static final String UID = FakeMediaServer.USER_ID;
    static final String MATRIX = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String INCEPTION = "b1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String SERIES = "9a8b7c6d5e4f30211203f4e5d6c7b8a9";
    static final String PILOT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    abstract WireMockExtension server();

    abstract FakeMediaServer fake();

    abstract MediaBrowserConnector connector();

    /** @return the path prefix of the API ({@code /emby} or none) */
    abstract String prefix();

    /** @return requests of the library scan and version probe a session makes before its first write */
    abstract int setupRequests();

    abstract RequestPatternBuilder played(String method, String itemId);

    abstract RequestPatternBuilder favorite(String method, String itemId);

    abstract RequestPatternBuilder userData(String itemId);

    abstract RequestPatternBuilder rating(String itemId);

    /** @return the played date as the flavour sends it */
    abstract String datePlayed();

    @BeforeEach
    void seed() {
        server().resetAll();
        server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        MediaBrowserConnectorContract.seed(fake());
    }

    ConnectorSession open(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("baseUrl", server().baseUrl(), "accessToken", FakeMediaServer.TOKEN,
                "userId", UID, "deviceId", "dev-1"));
        values.putAll(extra);
        return connector().open(TestContext.of(ProviderConfig.of(connector().manifest().name(), "default", values),
                VirtualTime.create()));
    }

    int requests() {
        return server().getAllServeEvents().size();
    }

    @Test
    void historyMarksPlayedWithTheDateAndUnmarks() {
        try (ConnectorSession s = open(Map.of())) {
            WriteResult added = s.add(Feature.HISTORY, List.of(inception().toBuilder().watchedAt(WATCHED).build(),
                    pilot().toBuilder().watchedAt(WATCHED).build()), false);
            assertEquals(2, added.count(Outcome.ADDED), added.toString());
            server().verify(exactly(1), played("POST", INCEPTION).withQueryParam(datePlayedParam(), equalTo(datePlayed())));
            server().verify(exactly(1), played("POST", PILOT).withQueryParam(datePlayedParam(), equalTo(datePlayed())));
            assertEquals(WATCHED, fake().item(PILOT).lastPlayed);
            assertEquals(setupRequests() + 2, requests());

            WriteResult removed = s.remove(Feature.HISTORY, List.of(inception(), pilot()), false);
            assertEquals(2, removed.count(Outcome.REMOVED));
            server().verify(exactly(1), played("DELETE", INCEPTION));
            server().verify(exactly(1), played("DELETE", PILOT));
            // Writes reuse the scan's index: no second listing.
            assertEquals(setupRequests() + 4, requests());
        }
    }

    String datePlayedParam() {
        return "DatePlayed";
    }

    @Test
    void watchlistIsFavorites() {
        try (ConnectorSession s = open(Map.of())) {
            assertEquals(2, s.add(Feature.WATCHLIST, List.of(matrix(), breakingBad()), false).count(Outcome.ADDED));
            server().verify(exactly(1), favorite("POST", MATRIX));
            server().verify(exactly(1), favorite("POST", SERIES));
            assertTrue(fake().item(SERIES).favorite);
            assertEquals(2, s.remove(Feature.WATCHLIST, List.of(matrix(), breakingBad()), false).count(Outcome.REMOVED));
            server().verify(exactly(1), favorite("DELETE", MATRIX));
            server().verify(exactly(1), favorite("DELETE", SERIES));
            assertEquals(setupRequests() + 4, requests());
        }
    }

    @Test
    void ratingsWriteTheUserDataRatingAndClearWithTheRatingRoute() {
        try (ConnectorSession s = open(Map.of())) {
            assertEquals(1, s.add(Feature.RATINGS, List.of(matrix().toBuilder().rating(8).build()), false).count(Outcome.ADDED));
            server().verify(exactly(1), userData(MATRIX).withRequestBody(equalToJson("{\"Rating\":8.0}")));
            assertEquals(8.0, fake().item(MATRIX).rating);
            assertEquals(1, s.remove(Feature.RATINGS, List.of(matrix()), false).count(Outcome.REMOVED));
            server().verify(exactly(1), rating(MATRIX));
            assertNull(fake().item(MATRIX).rating);
            assertEquals(setupRequests() + 2, requests());
        }
    }

    @Test
    void progressWritesPositionTicks() {
        Playback halfHour = new Playback(Duration.ofMinutes(30), Duration.ofMinutes(100), WATCHED);
        try (ConnectorSession s = open(Map.of())) {
            assertEquals(1, s.add(Feature.PROGRESS, List.of(inception().toBuilder().playback(halfHour).build()), false)
                    .count(Outcome.ADDED));
            // 30 min = 1,800,000 ms = 18,000,000,000 ticks of 100 ns.
            server().verify(exactly(1), userData(INCEPTION).withRequestBody(equalToJson(
                    "{\"PlaybackPositionTicks\":18000000000,\"LastPlayedDate\":\"2024-11-02T20:15:31Z\"}")));
            ReadResult read = s.read(Feature.PROGRESS);
            assertEquals(Duration.ofMinutes(30), read.items().get(0).playback().orElseThrow().position());
            assertEquals(1, s.remove(Feature.PROGRESS, read.items(), false).count(Outcome.REMOVED));
            server().verify(exactly(1), userData(INCEPTION).withRequestBody(equalToJson("{\"PlaybackPositionTicks\":0}")));
            assertEquals(0, fake().item(INCEPTION).positionTicks);
            // The read after the write lists again (one page).
            assertEquals(setupRequests() + 1 + 2, requests());
        }
    }

    @Test
    void playlistsAreCreatedFilledAndEmptiedByEntryId() {
        try (ConnectorSession s = open(Map.of())) {
            WriteResult added = s.add(Feature.PLAYLISTS, List.of(matrix().toBuilder().list("Sci-Fi").build(),
                    pilot().toBuilder().list("Sci-Fi").build()), false);
            assertEquals(2, added.count(Outcome.ADDED), added.toString());
            server().verify(exactly(1), postRequestedFor(urlPathEqualTo(prefix() + "/Playlists")));
            assertEquals(List.of("Sci-Fi"), fake().playlistNames());

            WriteResult more = s.add(Feature.PLAYLISTS, List.of(inception().toBuilder().list("Sci-Fi").build(),
                    matrix().toBuilder().list("Sci-Fi").build()), false);
            assertEquals(1, more.count(Outcome.ADDED));
            assertEquals(1, more.count(Outcome.EXISTING), "an entry already in the playlist is not added twice");
            String playlistId = "pl" + firstPlaylistNumber();
            server().verify(exactly(1), postRequestedFor(urlPathEqualTo(prefix() + "/Playlists/" + playlistId + "/Items"))
                    .withQueryParam(idsParam(), equalTo(INCEPTION)).withQueryParam(userParam(), equalTo(UID)));

            ReadResult read = s.read(Feature.PLAYLISTS);
            assertEquals(3, read.items().size());
            assertTrue(read.items().stream().allMatch(i -> i.list().orElseThrow().equals("Sci-Fi")));

            WriteResult removed = s.remove(Feature.PLAYLISTS, List.of(pilot().toBuilder().list("Sci-Fi").build()), false);
            assertEquals(1, removed.count(Outcome.REMOVED));
            String entry = read.items().stream().filter(i -> i.type() == MediaType.EPISODE).findFirst().orElseThrow()
                    .attribute(connector().manifest().name() + ".playlistEntryId").orElseThrow();
            server().verify(exactly(1), deleteRequestedFor(urlPathEqualTo(prefix() + "/Playlists/" + playlistId + "/Items"))
                    .withQueryParam(entryIdsParam(), equalTo(entry)));
            assertEquals(2, s.read(Feature.PLAYLISTS).items().size());
        }
    }

    abstract String idsParam();

    abstract String userParam();

    abstract String entryIdsParam();

    private int firstPlaylistNumber() {
        return server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().matches(".*/Playlists/pl\\d+/Items.*"))
                .map(e -> e.getRequest().getUrl().replaceAll(".*/Playlists/pl(\\d+)/Items.*", "$1"))
                .mapToInt(Integer::parseInt).findFirst().orElseThrow();
    }

    @Test
    void watchlistCanBeAPlaylist() {
        try (ConnectorSession s = open(Map.of("watchlist", "playlist:Watchlist"))) {
            WriteResult added = s.add(Feature.WATCHLIST, List.of(matrix(), breakingBad()), false);
            assertEquals(1, added.count(Outcome.ADDED));
            assertEquals(1, added.count(Outcome.UNSUPPORTED), "a show cannot stand in a playlist");
            assertEquals(List.of("Watchlist"), fake().playlistNames());
            assertEquals(List.of(MediaIds.of("imdb", "tt0133093", "tmdb", "603")),
                    s.read(Feature.WATCHLIST).items().stream().map(MediaItem::ids).toList());
            assertTrue(s.read(Feature.PLAYLISTS).items().isEmpty(), "the watchlist playlist is not a synced playlist");
            assertEquals(1, s.remove(Feature.WATCHLIST, List.of(matrix()), false).count(Outcome.REMOVED));
            assertTrue(s.read(Feature.WATCHLIST).items().isEmpty());
            assertTrue(!fake().item(MATRIX).favorite, "favorites are untouched in playlist mode");
        }
    }

    @Test
    void reAddAfterAFreshReadSendsNothingAndUnknownItemsAreNotFound() {
        try (ConnectorSession s = open(Map.of())) {
            s.add(Feature.WATCHLIST, List.of(matrix()), false);
            s.read(Feature.WATCHLIST);
            int before = requests();
            MediaItem unknown = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "999999")).title("Nope").build();
            WriteResult again = s.add(Feature.WATCHLIST, List.of(matrix(), unknown), false);
            assertEquals(Outcome.EXISTING, again.outcomes().get(0).outcome());
            assertEquals(Outcome.NOT_FOUND, again.outcomes().get(1).outcome());
            assertEquals(before, requests(), "nothing to write: no request");
        }
    }

    @Test
    void dryRunsWriteNothing() {
        try (ConnectorSession s = open(Map.of())) {
            for (Feature f : Feature.values()) {
                MediaItem item = switch (f) {
                    case RATINGS -> matrix().toBuilder().rating(7).build();
                    case PROGRESS -> inception().toBuilder().playback(new Playback(Duration.ofMinutes(5), Duration.ZERO, WATCHED)).build();
                    case PLAYLISTS -> matrix().toBuilder().list("Dry").build();
                    default -> matrix();
                };
                assertEquals(1, s.add(f, List.of(item), true).count(Outcome.ADDED), f.key());
            }
            assertTrue(server().getAllServeEvents().stream().allMatch(e -> e.getRequest().getMethod().getName().equals("GET")),
                    "a dry run sends only reads");
        }
        assertTrue(fake().playlistNames().isEmpty());
    }
}
