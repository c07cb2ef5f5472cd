package io.crosswatch.providers.sync.simkl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Activities;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.ProviderTestKit;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SIMKL scenarios against WireMock stubs with the payload shapes of the fact sheet; every request counted. */
class SimklConnectorTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** The sheet's all-items answer (extended=full, episode_watched_at=yes), plus rows in every list. */
    static final String LIBRARY = """
            {
              "movies": [
                { "added_to_watchlist_at": "2010-01-20T20:09:04Z", "last_watched_at": "2014-08-09T07:25:55Z",
                  "user_rated_at": "2014-08-10T07:00:00.000Z", "user_rating": 7, "status": "completed",
                  "movie": { "title": "Captain America: The First Avenger", "year": 2011,
                             "ids": { "simkl": 55328, "imdb": "tt0458339", "tmdb": "1771" } } },
                { "added_to_watchlist_at": "2021-06-23T13:19:05.000Z", "last_watched_at": null,
                  "user_rated_at": null, "user_rating": null, "status": "plantowatch",
                  "movie": { "title": "Inception", "year": 2010, "ids": { "simkl": 53536, "imdb": "tt1375666", "tmdb": "27205" } } },
                { "last_watched_at": null, "user_rating": null, "status": "dropped",
                  "movie": { "title": "Cats", "year": 2019, "ids": { "simkl": 1000001, "imdb": "tt5697572", "tmdb": "536869" } } }
              ],
              "shows": [
                { "added_to_watchlist_at": "2010-01-20T20:09:04Z", "last_watched_at": null,
                  "status": "hold", "user_rating": null, "last_watched": null,
                  "next_to_watch": "S01E01", "watched_episodes_count": 0,
                  "total_episodes_count": 10, "not_aired_episodes_count": 0,
                  "show": { "title": "Emerald City", "year": 2017,
                            "ids": { "simkl": 583436, "slug": "emerald-city", "imdb": "tt3579018",
                                     "tmdb": "62417", "tvdb": "295779" } } },
                { "last_watched_at": "2026-05-13T19:00:00Z", "status": "watching", "user_rating": null,
                  "show": { "title": "The Last of Us", "year": 2023, "ids": { "simkl": 1500001, "tvdb": "392256", "tmdb": "100088" } },
                  "seasons": [ { "number": 1, "episodes": [ { "number": 1, "watched_at": "2026-05-12T19:00:00Z" },
                                                             { "number": 2 } ] } ] },
                { "status": "plantowatch", "user_rating": null,
                  "show": { "title": "Severance", "year": 2022, "ids": { "simkl": 1600001, "tvdb": "371980", "imdb": "tt11280740" } } }
              ],
              "anime": [
                { "status": "completed", "user_rating": 10, "user_rated_at": "2020-01-01T00:00:00Z",
                  "last_watched": "E148", "anime_type": "tv", "last_watched_at": "2019-12-31T23:00:00Z",
                  "show": { "title": "Hunter x Hunter", "year": 2011,
                            "ids": { "simkl": 40398, "imdb": "tt2098220", "mal": "11061", "anidb": "8550" } },
                  "seasons": [ { "number": 1, "episodes": [ { "number": 148, "watched_at": "2019-12-31T23:00:00Z" } ] } ] },
                { "status": "plantowatch", "user_rating": null, "anime_type": "movie",
                  "show": { "title": "Your Name.", "year": 2016, "ids": { "simkl": 39807, "mal": "32281", "anidb": "11829", "tmdb": "372058" } } }
              ]
            }""";

    static final String ACTIVITIES = """
            {
              "all": "2026-05-14T06:50:38Z",
              "settings": { "all": "2026-02-15T22:53:03Z" },
              "tv_shows": { "all": "2026-05-14T06:50:38Z", "rated_at": "2026-05-01T00:00:00Z", "playback": null,
                            "plantowatch": "2026-05-02T00:00:00Z", "watching": "2026-05-13T19:00:00Z",
                            "completed": "2026-04-01T00:00:00Z", "hold": "2026-03-01T00:00:00Z",
                            "dropped": null, "removed_from_list": "2026-02-01T00:00:00Z" },
              "anime":    { "all": "2026-05-10T00:00:00Z", "rated_at": "2020-01-01T00:00:00Z", "playback": null,
                            "plantowatch": "2026-05-10T00:00:00Z", "watching": null, "completed": "2019-12-31T23:00:00Z",
                            "hold": null, "dropped": null, "removed_from_list": null },
              "movies":   { "all": "2026-05-09T00:00:00Z", "rated_at": "2014-08-10T07:00:00Z", "playback": null,
                            "plantowatch": "2026-05-09T00:00:00Z", "completed": "2014-08-09T07:25:55Z",
                            "dropped": "2020-01-01T00:00:00Z", "removed_from_list": null }
            }""";

    static final String TOKEN = "simkl-access-token-0c9d8e7f";
    static final String CLIENT = "simkl-client-id-1a2b3c";

    private VirtualTime time;

    @BeforeEach
    void setUp() {
        time = VirtualTime.create();
        wm.stubFor(get(urlPathEqualTo("/sync/all-items")).willReturn(okJson(LIBRARY)));
        wm.stubFor(get(urlPathEqualTo("/sync/activities")).willReturn(okJson(ACTIVITIES)));
    }

    private ConnectorSession open() {
        return new SimklConnector(HttpToolkit.builder().okHttpClient(SimklConnectorContractTest.OK_HTTP).build())
                .open(TestContext.of(io.crosswatch.api.ProviderConfig.of("simkl", "default", Map.of("clientId", CLIENT,
                        "accessToken", TOKEN, "baseUrl", wm.baseUrl(), "appName", "crosswatch-test")), time));
    }

    private static void assertEveryRequestIdentified() {
        List<ServeEvent> events = wm.getAllServeEvents();
        assertFalse(events.isEmpty());
        for (ServeEvent e : events) {
            var r = e.getRequest();
            assertEquals(CLIENT, r.getHeader("simkl-api-key"), r.getUrl());
            assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"), r.getUrl());
            assertEquals(CLIENT, r.queryParameter("client_id").firstValue(), r.getUrl());
            assertEquals("crosswatch-test", r.queryParameter("app-name").firstValue(), r.getUrl());
            assertTrue(r.queryParameter("app-version").isPresent(), r.getUrl());
            assertTrue(r.getHeader("User-Agent").contains("/"), r.getUrl());
        }
    }

    private static MediaItem byTitle(List<MediaItem> items, String title) {
        return items.stream().filter(i -> i.title().orElse(i.showTitle().orElse("")).equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError(title + " not in " + items));
    }

    @Test
    void oneAllItemsRequestServesEveryFeature() {
        try (ConnectorSession s = open()) {
            ReadResult watchlist = s.read(Feature.WATCHLIST);
            ReadResult history = s.read(Feature.HISTORY);
            ReadResult ratings = s.read(Feature.RATINGS);
            assertTrue(watchlist.isComplete() && history.isComplete() && ratings.isComplete());

            assertEquals(List.of("Inception", "Severance", "Your Name."),
                    watchlist.items().stream().map(i -> i.title().orElseThrow()).sorted().collect(Collectors.toList()),
                    "only plantowatch rows: hold, watching, dropped and completed are not the watchlist");
            MediaItem yourName = byTitle(watchlist.items(), "Your Name.");
            assertEquals(MediaType.MOVIE, yourName.type(), "an anime film is a film");
            assertEquals(MediaIds.of("simkl", "39807", "mal", "32281", "anidb", "11829", "tmdb", "372058"), yourName.ids());
            assertEquals(MediaType.SHOW, byTitle(watchlist.items(), "Severance").type());

            MediaItem cap = byTitle(history.items(), "Captain America: The First Avenger");
            assertEquals(Instant.parse("2014-08-09T07:25:55Z"), cap.watchedAt().orElseThrow());
            assertEquals(MediaIds.of("simkl", "55328", "imdb", "tt0458339", "tmdb", "1771"), cap.ids());
            List<MediaItem> episodes = history.items().stream().filter(i -> i.type() == MediaType.EPISODE).toList();
            assertEquals(3, episodes.size(), "two Last of Us episodes and one Hunter x Hunter episode: " + episodes);
            MediaItem tlou1 = episodes.stream().filter(e -> e.episode().orElseThrow() == 1).findFirst().orElseThrow();
            assertEquals(MediaIds.of("simkl", "1500001", "tvdb", "392256", "tmdb", "100088"), tlou1.showIds());
            assertEquals(Instant.parse("2026-05-12T19:00:00Z"), tlou1.watchedAt().orElseThrow());
            MediaItem tlou2 = episodes.stream().filter(e -> e.episode().orElseThrow() == 2).findFirst().orElseThrow();
            assertEquals(Instant.parse("2026-05-13T19:00:00Z"), tlou2.watchedAt().orElseThrow(), "falls back to last_watched_at");
            MediaItem hxh = episodes.stream().filter(e -> e.episode().orElseThrow() == 148).findFirst().orElseThrow();
            assertEquals("11061", hxh.showIds().get(MediaIds.MAL).orElseThrow());
            assertEquals("8550", hxh.showIds().get(MediaIds.ANIDB).orElseThrow());
            assertEquals(1, history.items().stream().filter(i -> i.type() == MediaType.MOVIE).count(),
                    "only completed films are history");

            assertEquals(2, ratings.items().size());
            MediaItem hxhRated = byTitle(ratings.items(), "Hunter x Hunter");
            assertEquals(10, hxhRated.rating().orElseThrow());
            assertEquals(MediaType.SHOW, hxhRated.type());
            assertEquals(MediaIds.of("simkl", "40398", "imdb", "tt2098220", "mal", "11061", "anidb", "8550"), hxhRated.ids());
            assertEquals(Instant.parse("2014-08-10T07:00:00Z"), byTitle(ratings.items(), "Captain America: The First Avenger")
                    .ratedAt().orElseThrow(), "millisecond timestamps parse");
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/sync/all-items"))
                .withQueryParam("extended", equalTo("full")).withQueryParam("episode_watched_at", equalTo("yes")));
        assertEquals(1, wm.getAllServeEvents().size());
        assertEveryRequestIdentified();
    }

    @Test
    void anEmptyLibraryIsNullOrAnEmptyObject() {
        for (String body : List.of("null", "{}", "{\"movies\":null,\"shows\":null}")) {
            wm.stubFor(get(urlPathEqualTo("/sync/all-items")).willReturn(okJson(body)));
            try (ConnectorSession s = open()) {
                ReadResult r = s.read(Feature.WATCHLIST);
                assertEquals(Completeness.COMPLETE, r.completeness(), body);
                assertTrue(r.items().isEmpty(), body);
            }
        }
    }

    @Test
    void aFailedLibraryReadIsFailedNeverEmpty() {
        wm.stubFor(get(urlPathEqualTo("/sync/all-items")).willReturn(aResponse().withStatus(412)
                .withBody("{\"error\":\"client_id_failed\"}")));
        try (ConnectorSession s = open()) {
            ReadResult r = s.read(Feature.HISTORY);
            assertEquals(Completeness.FAILED, r.completeness());
            assertTrue(r.reason().orElseThrow().contains("412"), r.reason().orElseThrow());
            new SecretScanner().add("token", TOKEN).assertNotIn("reason", r.reason().orElseThrow());
        }
        wm.stubFor(get(urlPathEqualTo("/sync/all-items")).willReturn(okJson("[]")));
        try (ConnectorSession s = open()) {
            assertEquals(Completeness.FAILED, s.read(Feature.HISTORY).completeness(), "an array is not a library");
        }
    }

    @Test
    void activitiesGiveOneTokenPerFeatureFromOneRequest() {
        Activities a;
        try (ConnectorSession s = open()) {
            a = s.activities().orElseThrow();
        }
        assertEquals(1, wm.getAllServeEvents().size());
        assertEveryRequestIdentified();
        assertEquals(a.token(Feature.WATCHLIST), a.token(Feature.HISTORY));
        assertNotEquals(a.token(Feature.WATCHLIST), a.token(Feature.RATINGS));

        // a new rating moves only the ratings token
        wm.stubFor(get(urlPathEqualTo("/sync/activities")).willReturn(okJson(ACTIVITIES
                .replace("\"rated_at\": \"2014-08-10T07:00:00Z\"", "\"rated_at\": \"2026-05-15T00:00:00Z\""))));
        Activities rated;
        try (ConnectorSession s = open()) {
            rated = s.activities().orElseThrow();
        }
        assertEquals(a.token(Feature.WATCHLIST), rated.token(Feature.WATCHLIST));
        assertNotEquals(a.token(Feature.RATINGS), rated.token(Feature.RATINGS));

        // a removal moves every token: date_from would not show it
        wm.stubFor(get(urlPathEqualTo("/sync/activities")).willReturn(okJson(ACTIVITIES
                .replace("\"dropped\": \"2020-01-01T00:00:00Z\", \"removed_from_list\": null",
                        "\"dropped\": \"2020-01-01T00:00:00Z\", \"removed_from_list\": \"2026-05-16T00:00:00Z\""))));
        Activities removed;
        try (ConnectorSession s = open()) {
            removed = s.activities().orElseThrow();
        }
        assertNotEquals(a.token(Feature.WATCHLIST), removed.token(Feature.WATCHLIST));
        assertNotEquals(a.token(Feature.RATINGS), removed.token(Feature.RATINGS));
    }

    @Test
    void watchlistAddIsOneBatchWithEveryIdAndLeavesOtherListsAlone() {
        wm.stubFor(post(urlPathEqualTo("/sync/add-to-list")).willReturn(aResponse().withStatus(201).withBody("""
                { "added": { "movies": [ { "to": "plantowatch", "ids": { "imdb": "tt15239678", "tmdb": 693134 }, "type": "movie" } ],
                             "shows": [ { "to": "plantowatch", "ids": { "tvdb": 267440, "mal": 16498, "anidb": 9541 }, "type": "show" } ] },
                  "not_found": { "movies": [ { "to": "plantowatch", "ids": { "imdb": "tt0000404" } } ], "shows": [] } }""")));
        MediaItem dune = MediaItem.builder(MediaType.MOVIE).title("Dune: Part Two").year(2024)
                .ids(MediaIds.of("imdb", "tt15239678", "tmdb", "693134", "trakt", "12345")).build();
        MediaItem aot = MediaItem.builder(MediaType.SHOW).title("Attack on Titan").year(2013)
                .ids(MediaIds.of("tvdb", "267440", "mal", "16498", "anidb", "9541", "anilist", "16498")).build();
        MediaItem unknown = MediaItem.builder(MediaType.MOVIE).title("Nowhere").ids(MediaIds.of("imdb", "tt0000404")).build();
        MediaItem onHold = MediaItem.builder(MediaType.SHOW).title("Emerald City").ids(MediaIds.of("tvdb", "295779")).build();
        MediaItem watching = MediaItem.builder(MediaType.SHOW).title("The Last of Us").ids(MediaIds.of("tmdb", "100088")).build();
        MediaItem dropped = MediaItem.builder(MediaType.MOVIE).title("Cats").ids(MediaIds.of("imdb", "tt5697572")).build();
        MediaItem completed = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "1771")).build();
        MediaItem already = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt1375666")).build();
        MediaItem episode = MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tvdb", "1")).season(1).episode(1).build();
        List<MediaItem> items = List.of(dune, aot, unknown, onHold, watching, dropped, completed, already, episode);

        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.add(Feature.WATCHLIST, items, false);
        }

        assertEquals(items.size(), w.outcomes().size());
        Map<MediaItem, WriteResult.ItemOutcome> by = w.outcomes().stream()
                .collect(Collectors.toMap(WriteResult.ItemOutcome::item, o -> o));
        assertEquals(Outcome.ADDED, by.get(dune).outcome());
        assertEquals(Outcome.ADDED, by.get(aot).outcome());
        assertEquals(Outcome.NOT_FOUND, by.get(unknown).outcome());
        for (MediaItem kept : List.of(onHold, watching, dropped, completed)) {
            assertEquals(Outcome.EXISTING, by.get(kept).outcome(), kept.describe());
            assertTrue(by.get(kept).reason().contains("kept"), by.get(kept).reason());
        }
        assertTrue(by.get(onHold).reason().contains("hold"));
        assertTrue(by.get(watching).reason().contains("watching"));
        assertTrue(by.get(dropped).reason().contains("dropped"));
        assertEquals(Outcome.EXISTING, by.get(already).outcome());
        assertEquals(Outcome.UNSUPPORTED, by.get(episode).outcome());

        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/sync/add-to-list")).withRequestBody(equalToJson("""
                { "movies": [ { "to": "plantowatch", "title": "Dune: Part Two", "year": 2024,
                                "ids": { "imdb": "tt15239678", "tmdb": 693134 } },
                              { "to": "plantowatch", "title": "Nowhere", "ids": { "imdb": "tt0000404" } } ],
                  "shows":  [ { "to": "plantowatch", "title": "Attack on Titan", "year": 2013,
                                "ids": { "tvdb": 267440, "mal": 16498, "anidb": 9541, "anilist": 16498 } } ] }""")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/sync/all-items")));
        assertEquals(2, wm.getAllServeEvents().size(), "one library check, one batched write");
        assertEveryRequestIdentified();
    }

    @Test
    void watchlistRemovalOnlyTouchesPlanToWatchItems() {
        wm.stubFor(post(urlPathEqualTo("/sync/history/remove")).willReturn(aResponse().withStatus(201).withBody("""
                { "deleted": { "movies": 1, "shows": 1, "episodes": 0 }, "not_found": { "movies": [], "shows": [] } }""")));
        MediaItem inception = MediaItem.builder(MediaType.MOVIE).title("Inception").ids(MediaIds.of("imdb", "tt1375666")).build();
        MediaItem severance = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tvdb", "371980")).build();
        MediaItem watching = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tvdb", "392256")).build();
        MediaItem absent = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt7654321")).build();
        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.remove(Feature.WATCHLIST, List.of(inception, severance, watching, absent), false);
        }
        assertEquals(List.of(Outcome.REMOVED, Outcome.REMOVED, Outcome.EXISTING, Outcome.EXISTING),
                w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
        assertTrue(w.outcomes().get(2).reason().contains("watching"));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/sync/history/remove")).withRequestBody(equalToJson("""
                { "movies": [ { "title": "Inception", "ids": { "simkl": 53536, "imdb": "tt1375666", "tmdb": 27205 } } ],
                  "shows":  [ { "ids": { "simkl": 1600001, "tvdb": 371980, "imdb": "tt11280740" } } ] }""")));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void historyAddGroupsEpisodesByShowAndSeasonAndKeepsHeldShowsHeld() {
        wm.stubFor(post(urlPathEqualTo("/sync/history")).willReturn(aResponse().withStatus(201).withBody("""
                { "added": { "movies": 1, "shows": 1, "episodes": 2,
                    "statuses": [ { "request": { "title": "Dune: Part Two", "ids": { "tmdb": 693134 } },
                                    "response": { "status": "completed", "simkl_type": "movie", "anime_type": null } } ] },
                  "not_found": { "movies": [], "shows": [ { "ids": { "tvdb": 999999 } } ], "episodes": [] } }""")));
        Instant at = Instant.parse("2026-05-15T22:30:00Z");
        MediaItem dune = MediaItem.builder(MediaType.MOVIE).title("Dune: Part Two").year(2024)
                .ids(MediaIds.of("imdb", "tt15239678", "tmdb", "693134")).watchedAt(at).build();
        MediaIds tlou = MediaIds.of("tvdb", "392256", "imdb", "tt3581920");
        MediaItem e1 = MediaItem.builder(MediaType.EPISODE).showIds(tlou).showTitle("The Last of Us").season(1).episode(1)
                .watchedAt(Instant.parse("2026-05-13T19:00:00Z")).build();
        MediaItem e2 = e1.toBuilder().episode(2).watchedAt(Instant.parse("2026-05-14T19:00:00Z")).build();
        MediaItem gone = MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tvdb", "999999")).season(2).episode(3)
                .watchedAt(at).build();
        MediaItem show = MediaItem.builder(MediaType.SHOW).ids(tlou).build();
        MediaItem onHold = MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tvdb", "295779")).season(1).episode(1)
                .watchedAt(at).build();
        MediaItem droppedFilm = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt5697572")).watchedAt(at).build();
        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.add(Feature.HISTORY, List.of(dune, e1, e2, gone, show, onHold, droppedFilm), false);
        }
        assertEquals(List.of(Outcome.ADDED, Outcome.ADDED, Outcome.ADDED, Outcome.NOT_FOUND, Outcome.UNSUPPORTED,
                        Outcome.ADDED, Outcome.EXISTING),
                w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
        assertTrue(w.outcomes().get(6).reason().contains("dropped"), w.outcomes().get(6).reason());
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/sync/history")).withRequestBody(equalToJson("""
                { "movies": [ { "title": "Dune: Part Two", "year": 2024, "watched_at": "2026-05-15T22:30:00Z",
                                "ids": { "imdb": "tt15239678", "tmdb": 693134 } } ],
                  "shows": [ { "title": "The Last of Us", "ids": { "tvdb": 392256, "imdb": "tt3581920" },
                               "seasons": [ { "number": 1, "episodes": [ { "number": 1, "watched_at": "2026-05-13T19:00:00Z" },
                                                                        { "number": 2, "watched_at": "2026-05-14T19:00:00Z" } ] } ] },
                             { "ids": { "tvdb": 999999 },
                               "seasons": [ { "number": 2, "episodes": [ { "number": 3, "watched_at": "2026-05-15T22:30:00Z" } ] } ] },
                             { "ids": { "tvdb": 295779 }, "status": "hold",
                               "seasons": [ { "number": 1, "episodes": [ { "number": 1, "watched_at": "2026-05-15T22:30:00Z" } ] } ] } ] }""")));
        assertEquals(2, wm.getAllServeEvents().size(), "one library check, one batched write");
    }

    @Test
    void historyRemovalSendsTheSameShapeWithoutDates() {
        wm.stubFor(post(urlPathEqualTo("/sync/history/remove")).willReturn(okJson("""
                { "deleted": { "movies": 1, "shows": 1, "episodes": 1 }, "not_found": { "movies": [], "shows": [] } }""")));
        MediaItem cap = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("simkl", "55328", "imdb", "tt0458339"))
                .watchedAt(Instant.parse("2014-08-09T07:25:55Z")).build();
        MediaItem ep = MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tvdb", "392256")).season(1).episode(2).build();
        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.remove(Feature.HISTORY, List.of(cap, ep), false);
        }
        assertEquals(2, w.count(Outcome.REMOVED));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/sync/history/remove")).withRequestBody(equalToJson("""
                { "movies": [ { "ids": { "simkl": 55328, "imdb": "tt0458339" } } ],
                  "shows": [ { "ids": { "tvdb": 392256 }, "seasons": [ { "number": 1, "episodes": [ { "number": 2 } ] } ] } ] }""")));
    }

    @Test
    void ratingsAreIntegersWithRatedAtAndRemovalsCarryIdsOnly() {
        wm.stubFor(post(urlPathEqualTo("/sync/ratings")).willReturn(aResponse().withStatus(201).withBody("""
                { "added": { "movies": 1, "shows": 1,
                    "statuses": [ { "request": { "rating": 8, "ids": { "tmdb": 296 } }, "response": { "status": "completed" } } ] },
                  "not_found": { "movies": [], "shows": [] } }""")));
        wm.stubFor(post(urlPathEqualTo("/sync/ratings/remove")).willReturn(okJson("""
                { "deleted": { "movies": 1, "shows": 0 }, "not_found": { "movies": [], "shows": [ { "ids": { "mal": 16498 } } ] } }""")));
        MediaItem t3 = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt0181852", "tmdb", "296")).rating(8)
                .ratedAt(Instant.parse("2014-09-01T09:10:11Z")).build();
        MediaItem aot = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tvdb", "267440", "mal", "16498")).rating(10).build();
        try (ConnectorSession s = open()) {
            WriteResult added = s.add(Feature.RATINGS, List.of(t3, aot), false);
            assertEquals(2, added.count(Outcome.ADDED));
            WriteResult removed = s.remove(Feature.RATINGS, List.of(t3, aot), false);
            assertEquals(List.of(Outcome.REMOVED, Outcome.NOT_FOUND),
                    removed.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
        }
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/sync/ratings")).withRequestBody(equalToJson("""
                { "movies": [ { "rating": 8, "rated_at": "2014-09-01T09:10:11Z", "ids": { "imdb": "tt0181852", "tmdb": 296 } } ],
                  "shows":  [ { "rating": 10, "ids": { "tvdb": 267440, "mal": 16498 } } ] }""")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/sync/ratings/remove")).withRequestBody(equalToJson("""
                { "movies": [ { "ids": { "imdb": "tt0181852", "tmdb": 296 } } ],
                  "shows":  [ { "ids": { "tvdb": 267440, "mal": 16498 } } ] }""")));
        assertEquals(2, wm.getAllServeEvents().size());
        assertEveryRequestIdentified();
    }

    @Test
    void dryRunsSendNoWrite() {
        MediaItem dune = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt15239678")).rating(9)
                .watchedAt(Instant.parse("2026-05-15T22:30:00Z")).build();
        MediaItem onHold = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tvdb", "295779")).build();
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.WATCHLIST, List.of(dune, onHold), true);
            assertEquals(List.of(Outcome.ADDED, Outcome.EXISTING), w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
            assertEquals(Outcome.ADDED, s.add(Feature.HISTORY, List.of(dune), true).outcomes().get(0).outcome());
            assertEquals(Outcome.ADDED, s.add(Feature.RATINGS, List.of(dune), true).outcomes().get(0).outcome());
            assertEquals(Outcome.REMOVED, s.remove(Feature.RATINGS, List.of(dune), true).outcomes().get(0).outcome());
        }
        wm.verify(exactly(0), postRequestedFor(anyUrl()));
        assertEquals(1, wm.getAllServeEvents().size(), "only the library check");
    }

    @Test
    void aRateLimitedWriteWaitsForRetryAfterInVirtualTime() {
        wm.stubFor(post(urlPathEqualTo("/sync/ratings")).inScenario("429").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo("/sync/ratings")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"added\":{\"movies\":1,\"shows\":0},\"not_found\":{\"movies\":[],\"shows\":[]}}")));
        MediaItem t3 = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "296")).rating(8).build();
        try (ConnectorSession s = open()) {
            assertEquals(Outcome.ADDED, s.add(Feature.RATINGS, List.of(t3), false).outcomes().get(0).outcome());
        }
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/sync/ratings")));
        assertTrue(time.slept().compareTo(Duration.ofSeconds(7)) >= 0, "waited " + time.slept());
    }

    @Test
    void aWriteAfterAReadRefetchesTheLibrary() {
        wm.stubFor(post(urlPathEqualTo("/sync/ratings")).willReturn(okJson(
                "{\"added\":{\"movies\":1,\"shows\":0},\"not_found\":{\"movies\":[],\"shows\":[]}}")));
        try (ConnectorSession s = open()) {
            s.read(Feature.RATINGS);
            s.read(Feature.WATCHLIST);
            s.add(Feature.RATINGS, List.of(MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "296")).rating(8).build()),
                    false);
            s.read(Feature.RATINGS);
        }
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/sync/all-items")));
        assertEquals(3, wm.getAllServeEvents().size());
        wm.verify(exactly(3), anyRequestedFor(anyUrl()));
    }

    @Test
    void registeredAndConfiguredOnlyWithAToken() {
        SimklConnector c = (SimklConnector) ProviderTestKit.forName("simkl").connector();
        assertTrue(c.manifest().capabilities().hasActivities());
        assertTrue(c.isConfigured(io.crosswatch.api.ProviderConfig.of("simkl", "default",
                Map.of("clientId", CLIENT, "accessToken", TOKEN))));
        assertFalse(c.isConfigured(io.crosswatch.api.ProviderConfig.of("simkl", "default", Map.of("clientId", CLIENT))));
        new SecretScanner().add("token", TOKEN).assertNotIn("session", open().toString());
    }

    @Test
    void aRevokedTokenFailsReadsAndWritesWithoutLeakingIt() {
        wm.stubFor(get(urlPathEqualTo("/sync/all-items")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"user_token_failed\"}")));
        wm.stubFor(post(urlPathEqualTo("/sync/ratings")).willReturn(aResponse().withStatus(401)));
        SecretScanner secrets = new SecretScanner().add("accessToken", TOKEN);
        try (ConnectorSession s = open()) {
            ReadResult r = s.read(Feature.RATINGS);
            assertEquals(Completeness.FAILED, r.completeness());
            secrets.assertNotIn("reason", r.reason().orElseThrow());
            io.crosswatch.api.AuthException e = org.junit.jupiter.api.Assertions.assertThrows(io.crosswatch.api.AuthException.class,
                    () -> s.add(Feature.RATINGS, List.of(MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "296"))
                            .rating(8).build()), false));
            secrets.assertNotIn(e);
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/sync/all-items")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/sync/ratings")));
    }

    @Test
    void healthAsksForTheAccountSettings() {
        wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(okJson("{\"user\":{\"name\":\"ada\"}}")));
        try (ConnectorSession s = open()) {
            assertEquals(io.crosswatch.api.sync.Health.State.UP, s.health().state());
            wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(aResponse().withStatus(403)));
            assertEquals(io.crosswatch.api.sync.Health.State.DOWN, s.health().state());
        }
        assertEveryRequestIdentified();
    }
}
