package io.crosswatch.providers.sync.mdblist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Activities;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Health;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MDBList scenarios against WireMock stubs shaped like the fact sheet, with request counts. */
class MdblistConnectorTest {

    private static final String KEY = "mdbl-secret-key-93ab71";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private VirtualTime time;
    private ConnectorSession session;

    @BeforeEach
    void setUp() {
        time = VirtualTime.create();
        session = open(2);
    }

    private ConnectorSession open(int pageSize) {
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        ProviderConfig cfg = ProviderConfig.of("mdblist", "default",
                Map.of("apiKey", KEY, "baseUrl", wm.baseUrl(), "pageSize", pageSize, "lowBudgetWarning", 50));
        return new MdblistConnector(toolkit).open(TestContext.of(cfg, time));
    }

    private static MediaItem movie(String imdb, String tmdb) {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", imdb, "tmdb", tmdb)).title("m" + tmdb).build();
    }

    private static MediaItem show(String imdb, String tmdb) {
        return MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("imdb", imdb, "tmdb", tmdb)).title("s" + tmdb).build();
    }

    @Test
    void watchlistReadPagesWithLimitAndOffsetAndReportsUnmatchableRows() {
        wm.stubFor(get(urlPathEqualTo("/watchlist/items")).withQueryParam("apikey", equalTo(KEY))
                .withQueryParam("unified", equalTo("true")).withQueryParam("limit", equalTo("2"))
                .withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("""
                        {"items": [
                          {"id": 693134, "imdb_id": "tt15239678", "tvdb_id": null, "mediatype": "movie",
                           "title": "Dune: Part Two", "release_year": 2024},
                          {"id": 1399, "imdb_id": "tt0944947", "tvdb_id": 121361, "mediatype": "show",
                           "title": "Game of Thrones", "release_year": 2011}],
                         "pagination": {"has_more": true}}""")));
        wm.stubFor(get(urlPathEqualTo("/watchlist/items")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("""
                        {"items": [
                          {"id": 0, "imdb_id": null, "tvdb_id": 0, "mediatype": "movie", "title": "Home Video"}],
                         "pagination": {"has_more": false}}""")));

        ReadResult r = session.read(Feature.WATCHLIST);

        assertEquals(Completeness.COMPLETE, r.completeness());
        assertEquals(2, r.items().size());
        MediaItem dune = r.items().get(0);
        assertEquals(MediaType.MOVIE, dune.type());
        assertEquals(MediaIds.of("imdb", "tt15239678", "tmdb", "693134"), dune.ids());
        assertEquals(2024, dune.year().orElseThrow());
        MediaItem got = r.items().get(1);
        assertEquals(MediaType.SHOW, got.type());
        assertEquals("121361", got.ids().tvdb().orElseThrow());
        assertEquals(1, r.unresolved().size());
        assertEquals("Home Video", r.unresolved().get(0).item().title().orElseThrow());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/watchlist/items")));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void splitMoviesAndShowsResponseIsReadToo() {
        wm.stubFor(get(urlPathEqualTo("/watchlist/items")).willReturn(okJson("""
                { "movies": [ { "id": 693134, "imdb_id": "tt15239678", "title": "Dune: Part Two", "release_year": 2024 } ],
                  "shows":  [ { "id": 1399, "imdb_id": "tt0944947", "tvdb_id": 121361, "title": "Game of Thrones" } ],
                  "pagination": { "has_more": false } }""")));

        ReadResult r = open(100).read(Feature.WATCHLIST);

        assertEquals(List.of(MediaType.MOVIE, MediaType.SHOW), r.items().stream().map(MediaItem::type).toList());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/watchlist/items")));
    }

    @Test
    void withoutAHasMoreFlagAFullPageAsksForTheNext() {
        wm.stubFor(get(urlPathEqualTo("/watchlist/items")).withQueryParam("offset", equalTo("0")).willReturn(okJson("""
                [ { "id": 693134, "imdb_id": "tt15239678", "mediatype": "movie" },
                  { "id": 1399, "imdb_id": "tt0944947", "mediatype": "show" } ]""")));
        wm.stubFor(get(urlPathEqualTo("/watchlist/items")).withQueryParam("offset", equalTo("2")).willReturn(okJson("""
                [ { "id": 603, "imdb_id": "tt0133093", "mediatype": "movie" } ]""")));

        ReadResult r = session.read(Feature.WATCHLIST);

        assertEquals(3, r.items().size());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/watchlist/items")));
    }

    @Test
    void ratingsReadFlattensShowsSeasonsAndEpisodes() {
        wm.stubFor(get(urlPathEqualTo("/sync/ratings")).withQueryParam("apikey", equalTo(KEY)).willReturn(okJson("""
                { "movies": [ { "rating": 9, "rated_at": "2025-01-05T20:00:00Z",
                                "movie": { "title": "Dune: Part Two", "year": 2024,
                                           "ids": { "imdb": "tt15239678", "tmdb": 693134 } } } ],
                  "shows": [ { "rated_at": "2025-02-01T10:00:00Z",
                               "show": { "title": "Game of Thrones", "ids": { "tmdb": 1399 } },
                               "seasons": [ { "number": 1, "rating": 9,
                                              "episodes": [ { "number": 9, "rating": 10 } ] } ] } ],
                  "pagination": { "has_more": false } }""")));

        ReadResult r = open(100).read(Feature.RATINGS);

        assertEquals(Completeness.COMPLETE, r.completeness());
        assertEquals(3, r.items().size(), r.items().toString());
        MediaItem movie = r.items().get(0);
        assertEquals(9, movie.rating().orElseThrow());
        assertEquals(Instant.parse("2025-01-05T20:00:00Z"), movie.ratedAt().orElseThrow());
        MediaItem season = r.items().get(1);
        assertEquals(MediaType.SEASON, season.type());
        assertEquals("1399", season.showIds().tmdb().orElseThrow());
        MediaItem episode = r.items().get(2);
        assertEquals(MediaType.EPISODE, episode.type());
        assertEquals(10, episode.rating().orElseThrow());
        assertEquals(9, episode.episode().orElseThrow());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sync/ratings")));
    }

    @Test
    void watchlistAddIsOneBatchedCallAndMapsCounters() {
        wm.stubFor(post(urlPathEqualTo("/watchlist/items/add")).withQueryParam("apikey", equalTo(KEY))
                .withRequestBody(equalToJson("""
                        { "movies": [ { "imdb": "tt15239678", "tmdb": 693134 }, { "imdb": "tt0000001", "tmdb": 1 } ],
                          "shows":  [ { "imdb": "tt0944947", "tmdb": 1399 } ] }"""))
                .willReturn(okJson("""
                        { "added": { "movies": 1, "shows": 0 }, "existing": { "movies": 0, "shows": 1 },
                          "not_found": { "movies": [ { "imdb": "tt0000001", "tmdb": 1 } ], "shows": [] } }""")));
        MediaItem noIds = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tvdb", "5")).title("tvdb only").build();

        WriteResult w = session.add(Feature.WATCHLIST,
                List.of(movie("tt15239678", "693134"), movie("tt0000001", "1"), show("tt0944947", "1399"), noIds), false);

        assertEquals(List.of(Outcome.ADDED, Outcome.NOT_FOUND, Outcome.EXISTING, Outcome.NOT_FOUND),
                w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
        assertTrue(w.outcomes().get(3).reason().contains("IMDb or TMDB"), w.outcomes().get(3).reason());
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void watchlistRemoveAndDryRun() {
        wm.stubFor(post(urlPathEqualTo("/watchlist/items/remove")).withRequestBody(equalToJson("""
                        { "movies": [ { "imdb": "tt15239678", "tmdb": 693134 } ], "shows": [] }"""))
                .willReturn(okJson("{ \"deleted\": { \"movies\": 1, \"shows\": 0 } }")));

        WriteResult dry = session.remove(Feature.WATCHLIST, List.of(movie("tt15239678", "693134")), true);
        assertEquals(0, wm.getAllServeEvents().size(), "a dry run sends nothing");
        assertEquals(Outcome.REMOVED, dry.outcomes().get(0).outcome());

        WriteResult w = session.remove(Feature.WATCHLIST, List.of(movie("tt15239678", "693134")), false);
        assertEquals(Outcome.REMOVED, w.outcomes().get(0).outcome());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/watchlist/items/remove")));
    }

    @Test
    void ratingsWriteNestsSeasonsAndEpisodesUnderTheirShow() {
        wm.stubFor(post(urlPathEqualTo("/sync/ratings")).withRequestBody(equalToJson("""
                { "movies": [ { "ids": { "imdb": "tt15239678", "tmdb": 693134 }, "rating": 9,
                                "rated_at": "2025-01-05T20:00:00Z" } ],
                  "shows":  [ { "ids": { "tmdb": 1399 }, "rating": 8,
                                "seasons": [ { "number": 1, "rating": 9,
                                               "episodes": [ { "number": 9, "rating": 10 } ] } ] } ] }"""))
                .willReturn(okJson("{ \"added\": { \"movies\": 1, \"shows\": 1, \"seasons\": 1, \"episodes\": 1 } }")));
        wm.stubFor(post(urlPathEqualTo("/sync/ratings/remove")).withRequestBody(equalToJson("""
                { "movies": [ { "ids": { "imdb": "tt15239678", "tmdb": 693134 } } ], "shows": [] }"""))
                .willReturn(okJson("{ \"removed\": { \"movies\": 1 } }")));
        MediaIds got = MediaIds.of("tmdb", "1399");
        Instant at = Instant.parse("2025-01-05T20:00:00Z");
        List<MediaItem> items = List.of(
                movie("tt15239678", "693134").toBuilder().rating(9).ratedAt(at).build(),
                MediaItem.builder(MediaType.SHOW).ids(got).rating(8).build(),
                MediaItem.builder(MediaType.SEASON).showIds(got).season(1).rating(9).build(),
                MediaItem.builder(MediaType.EPISODE).showIds(got).season(1).episode(9).rating(10).build());

        WriteResult w = session.add(Feature.RATINGS, items, false);
        WriteResult removed = session.remove(Feature.RATINGS, List.of(items.get(0)), false);

        assertEquals(4, w.count(Outcome.ADDED));
        assertEquals(1, removed.count(Outcome.REMOVED));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void playlistsReadStaticListsAndWriteByListName() {
        wm.stubFor(get(urlPathEqualTo("/lists/user")).willReturn(okJson("""
                [ { "id": 4242, "name": "Favourites", "slug": "favourites", "items": 1, "likes": 0, "private": false,
                    "mediatype": "movie", "description": "" },
                  { "id": 77, "name": "Trending", "slug": "trending", "dynamic": true, "items": 0 } ]""")));
        wm.stubFor(get(urlPathEqualTo("/lists/4242/items")).willReturn(okJson("""
                { "items": [ { "id": 603, "imdb_id": "tt0133093", "mediatype": "movie", "title": "The Matrix" } ],
                  "pagination": { "has_more": false } }""")));
        wm.stubFor(get(urlPathEqualTo("/lists/77/items")).willReturn(okJson("{ \"items\": [], \"pagination\": { \"has_more\": false } }")));
        wm.stubFor(post(urlPathEqualTo("/lists/4242/items/add")).withRequestBody(equalToJson("""
                { "movies": [ { "imdb": "tt15239678", "tmdb": 693134 } ], "shows": [] }"""))
                .willReturn(okJson("{ \"added\": { \"movies\": 1, \"shows\": 0 } }")));

        ReadResult r = session.read(Feature.PLAYLISTS);
        assertEquals(1, r.items().size());
        assertEquals("Favourites", r.items().get(0).list().orElseThrow());

        WriteResult w = session.add(Feature.PLAYLISTS, List.of(
                movie("tt15239678", "693134").toBuilder().list("favourites").build(),
                movie("tt15239678", "693134").toBuilder().list("Trending").build(),
                movie("tt15239678", "693134").toBuilder().list("Nope").build()), false);

        assertEquals(List.of(Outcome.ADDED, Outcome.UNSUPPORTED, Outcome.NOT_FOUND),
                w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
        // One list lookup for the whole session, one page per list, one write.
        wm.verify(1, getRequestedFor(urlPathEqualTo("/lists/user")));
        assertEquals(4, wm.getAllServeEvents().size());
    }

    @Test
    void shortRetryAfterIsWaitedInVirtualTime() {
        wm.stubFor(get(urlPathEqualTo("/watchlist/items")).inScenario("burst").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/watchlist/items")).inScenario("burst").whenScenarioStateIs("ok")
                .willReturn(okJson("{ \"items\": [], \"pagination\": { \"has_more\": false } }")));

        ReadResult r = session.read(Feature.WATCHLIST);

        assertEquals(Completeness.COMPLETE, r.completeness());
        assertTrue(time.sleeps().contains(Duration.ofSeconds(7)), "waited " + time.sleeps());
        wm.verify(2, getRequestedFor(urlPathEqualTo("/watchlist/items")));
    }

    @Test
    void dailyLimitFailsTheReadAndLaterWritesAreLimitReachedWithoutCalls() {
        wm.stubFor(get(urlPathEqualTo("/watchlist/items")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "36000").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"API Limit Reached!\"}")));

        ReadResult r = session.read(Feature.WATCHLIST);
        WriteResult w = session.add(Feature.WATCHLIST, List.of(movie("tt15239678", "693134")), false);

        assertEquals(Completeness.FAILED, r.completeness());
        assertTrue(r.reason().orElseThrow().contains("request limit"), r.reason().orElseThrow());
        assertTrue(r.reason().orElseThrow().contains("10 h"), r.reason().orElseThrow());
        assertEquals(Outcome.LIMIT_REACHED, w.outcomes().get(0).outcome());
        assertEquals(1, wm.getAllServeEvents().size(), "the limit is not retried and later calls are not sent");
        assertTrue(time.sleeps().isEmpty(), "nothing waits for a daily quota: " + time.sleeps());
        new SecretScanner().add("apiKey", KEY).assertNotIn("the reason", r.reason().orElseThrow());
    }

    @Test
    void limitOnAWriteAnswersLimitReached() {
        wm.stubFor(post(urlPathEqualTo("/watchlist/items/add")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "86400")));

        WriteResult w = session.add(Feature.WATCHLIST, List.of(movie("tt15239678", "693134"), show("tt0944947", "1399")), false);

        assertEquals(2, w.count(Outcome.LIMIT_REACHED));
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void activitiesGiveTokensOnlyForKeysPresent() {
        wm.stubFor(get(urlPathEqualTo("/sync/last_activities")).withQueryParam("apikey", equalTo(KEY)).willReturn(okJson("""
                { "watchlisted_at": "2025-03-01T12:00:00Z", "watched_at": "2025-03-02T12:00:00Z" }""")));

        Activities a = session.activities().orElseThrow();

        assertEquals("2025-03-01T12:00:00Z", a.token(Feature.WATCHLIST).orElseThrow());
        assertTrue(a.token(Feature.RATINGS).isEmpty(), "no rated_at: ratings must be read");
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void healthReportsTheRemainingBudgetAndDegradesWhenLow() {
        wm.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("""
                { "limits": { "supporter": false, "rating_ids": 10, "api_requests": 1000 } }""")
                .withHeader("X-RateLimit-Remaining", "12")));

        Health h = session.health();

        assertEquals(Health.State.DEGRADED, h.state());
        assertTrue(h.message().contains("1000 API requests per day") && h.message().contains("12 left"), h.message());
    }

    @Test
    void requestsArePacedAtTenReadsAndOneWritePerSecond() {
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        new MdblistConnector(toolkit).open(TestContext.of(ProviderConfig.of("mdblist", "default",
                Map.of("apiKey", KEY, "baseUrl", wm.baseUrl())), time));

        var policy = toolkit.rateLimiter("mdblist", "default", io.crosswatch.core.http.RateLimitScope.ACCOUNT,
                io.crosswatch.core.http.RateLimitPolicy.unlimited()).policy();
        assertEquals(io.crosswatch.core.http.RateLimit.perSecond(10),
                policy.limit(io.crosswatch.core.http.Access.READ).orElseThrow());
        assertEquals(io.crosswatch.core.http.RateLimit.perSecond(1),
                policy.limit(io.crosswatch.core.http.Access.WRITE).orElseThrow());
    }

    @Test
    void serverErrorsFailTheReadWithoutLeakingTheKey() {
        wm.stubFor(get(urlPathMatching("/watchlist/.*")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"bad request\",\"apikey\":\"" + KEY + "\"}")));

        ReadResult r = session.read(Feature.WATCHLIST);

        assertEquals(Completeness.FAILED, r.completeness());
        assertFalse(r.reason().orElseThrow().isBlank());
        new SecretScanner().add("apiKey", KEY).assertNotIn("the reason", r.reason().orElseThrow());
        new SecretScanner().add("apiKey", KEY).assertNotIn("the session", session.toString());
    }
}
