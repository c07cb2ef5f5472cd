package io.crosswatch.providers.sync.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TmdbConnectorTest {

    static final FakeTmdbAccount FAKE = new FakeTmdbAccount();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    private VirtualTime time;
    private TmdbConnector connector;

    @BeforeEach
    void setUp() {
        FAKE.reset();
        wm.stubFor(any(urlPathMatching("/3/.*")).atPriority(5).willReturn(aResponse().withTransformers(FakeTmdbAccount.NAME)));
        time = VirtualTime.create();
        connector = new TmdbConnector(HttpToolkit.builder().build());
    }

    private ConnectorSession open(Map<String, Object> extra) {
        return connector.open(TestContext.of(FakeTmdbAccount.config(wm.baseUrl()).with(extra), time));
    }

    private static MediaItem movie(int tmdb) {
        return MediaItem.builder(MediaType.MOVIE).id("tmdb", tmdb).build();
    }

    @Test
    void watchlistIsReadPageByPageWithTheAccountIdFromAccount() {
        for (int i = 1; i <= 25; i++) {
            FAKE.addMovie(1000 + i, "Movie " + i, "2001-01-0" + (i % 9 + 1));
            FAKE.watchlistMovie(1000 + i);
        }
        try (ConnectorSession s = open(Map.of())) {
            ReadResult r = s.read(Feature.WATCHLIST);
            assertTrue(r.isComplete());
            assertEquals(25, r.items().size());
            assertEquals(MediaItem.builder(MediaType.MOVIE).id("tmdb", 1001).title("Movie 1").year(2001).build(),
                    r.items().get(0));
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/account")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/account/548/watchlist/movies"))
                .withQueryParam("page", equalTo("2")).withQueryParam("sort_by", equalTo("created_at.asc"))
                .withQueryParam("session_id", equalTo(FakeTmdbAccount.SESSION_ID))
                .withQueryParam("api_key", equalTo(FakeTmdbAccount.API_KEY)));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/3/account/548/watchlist/movies")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/account/548/watchlist/tv")));
        assertEquals(4, wm.getAllServeEvents().size());
    }

    @Test
    void watchlistAddAndRemoveResolveIdsAndCountRequests() {
        MediaItem fightClubByImdb = MediaItem.builder(MediaType.MOVIE).id("imdb", "tt0137523").title("Fight Club").build();
        MediaItem breakingBadByTvdb = MediaItem.builder(MediaType.SHOW).id("tvdb", 81189).title("Breaking Bad").build();
        MediaItem unknown = MediaItem.builder(MediaType.MOVIE).id("imdb", "tt7654321").title("Nope").build();
        MediaItem episode = MediaItem.builder(MediaType.EPISODE).showIds(io.crosswatch.api.media.MediaIds.of("tmdb", "1399"))
                .season(1).episode(1).build();
        try (ConnectorSession s = open(Map.of("accountId", "548"))) {
            WriteResult added = s.add(Feature.WATCHLIST, List.of(fightClubByImdb, breakingBadByTvdb, unknown, episode), false);
            assertEquals(List.of(Outcome.ADDED, Outcome.ADDED, Outcome.NOT_FOUND, Outcome.UNSUPPORTED),
                    added.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
            assertEquals(Set.of(550), FAKE.watchlistMovies());
            assertEquals(Set.of(1396), FAKE.watchlistShows());
            wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/3/account/548/watchlist"))
                    .withRequestBody(equalToJson("{\"media_type\": \"movie\", \"media_id\": 550, \"watchlist\": true}")));
            wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/find/81189"))
                    .withQueryParam("external_source", equalTo("tvdb_id")));

            assertEquals(Outcome.EXISTING, s.add(Feature.WATCHLIST, List.of(movie(550)), false).outcomes().get(0).outcome());

            WriteResult removed = s.remove(Feature.WATCHLIST, List.of(movie(550),
                    MediaItem.builder(MediaType.SHOW).id("tmdb", 1396).build()), false);
            assertEquals(2, removed.count(Outcome.REMOVED));
            assertTrue(FAKE.watchlistMovies().isEmpty() && FAKE.watchlistShows().isEmpty());
            wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/3/account/548/watchlist"))
                    .withRequestBody(equalToJson("{\"media_type\": \"tv\", \"media_id\": 1396, \"watchlist\": false}")));
        }
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/3/account")));
        // 3 finds (imdb, tvdb, unknown imdb) + 2 adds + 1 re-add + 2 removes
        assertEquals(8, wm.getAllServeEvents().size());
    }

    @Test
    void ratingsRoundTrip() {
        FAKE.rateMovie(27205, 7.5);
        MediaItem matrix = MediaItem.builder(MediaType.MOVIE).id("tmdb", 603).rating(8).build();
        MediaItem got = MediaItem.builder(MediaType.SHOW).id("imdb", "tt0944947").rating(10).build();
        try (ConnectorSession s = open(Map.of("accountId", "548"))) {
            assertEquals(2, s.add(Feature.RATINGS, List.of(matrix, got), false).count(Outcome.ADDED));
            assertEquals(Map.of(603, 8.0, 27205, 7.5), FAKE.movieRatings());
            assertEquals(Map.of(1399, 10.0), FAKE.showRatings());
            wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/3/movie/603/rating"))
                    .withQueryParam("session_id", equalTo(FakeTmdbAccount.SESSION_ID))
                    .withRequestBody(equalToJson("{\"value\": 8.0}")));

            ReadResult read = s.read(Feature.RATINGS);
            assertTrue(read.isComplete());
            Map<String, Integer> ratings = new java.util.TreeMap<>();
            read.items().forEach(i -> ratings.put(i.type().key() + ":" + i.ids().tmdb().orElseThrow(), i.rating().orElseThrow()));
            assertEquals(Map.of("movie:603", 8, "movie:27205", 8, "show:1399", 10), ratings, "7.5 reads as 8");

            assertEquals(Outcome.UPDATED, s.add(Feature.RATINGS, List.of(matrix.toBuilder().rating(9).build()), false)
                    .outcomes().get(0).outcome());
            assertEquals(9.0, FAKE.movieRatings().get(603));

            assertEquals(Outcome.REMOVED, s.remove(Feature.RATINGS, List.of(movie(603)), false).outcomes().get(0).outcome());
            assertEquals(Map.of(27205, 7.5), FAKE.movieRatings());
            wm.verify(exactly(1), deleteRequestedFor(urlPathEqualTo("/3/movie/603/rating")));

            assertEquals(Outcome.FAILED, s.add(Feature.RATINGS, List.of(movie(550)), false).outcomes().get(0).outcome(),
                    "no rating to write");
        }
        // 2 rating posts + 1 find + 3 list reads + 1 re-rate + 1 delete
        assertEquals(8, wm.getAllServeEvents().size());
    }

    @Test
    void episodeRatingsUseTheShowIdSeasonAndNumber() {
        MediaItem pilot = MediaItem.builder(MediaType.EPISODE).showIds(io.crosswatch.api.media.MediaIds.of("imdb", "tt0944947"))
                .season(1).episode(1).rating(9).build();
        MediaItem season = MediaItem.builder(MediaType.SEASON).showIds(io.crosswatch.api.media.MediaIds.of("tmdb", "1399"))
                .season(1).rating(9).build();
        try (ConnectorSession s = open(Map.of("accountId", "548"))) {
            WriteResult r = s.add(Feature.RATINGS, List.of(pilot, season), false);
            assertEquals(List.of(Outcome.ADDED, Outcome.UNSUPPORTED), r.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
            assertEquals(Map.of("1399:1:1", 9.0), FAKE.episodeRatings());
            wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/3/tv/1399/season/1/episode/1/rating"))
                    .withRequestBody(equalToJson("{\"value\": 9.0}")));

            MediaItem read = s.read(Feature.RATINGS).items().stream().filter(i -> i.type() == MediaType.EPISODE)
                    .findFirst().orElseThrow();
            assertEquals("1399", read.showIds().tmdb().orElseThrow());
            assertEquals(List.of(1, 1, 9), List.of(read.season().orElseThrow(), read.episode().orElseThrow(),
                    read.rating().orElseThrow()));

            assertEquals(Outcome.REMOVED, s.remove(Feature.RATINGS, List.of(read), false).outcomes().get(0).outcome());
            assertTrue(FAKE.episodeRatings().isEmpty());
        }
        // find (show by imdb) + post + 3 list reads + delete
        assertEquals(6, wm.getAllServeEvents().size());
    }

    @Test
    void dryRunResolvesButWritesNothing() {
        try (ConnectorSession s = open(Map.of("accountId", "548"))) {
            WriteResult r = s.add(Feature.WATCHLIST, List.of(movie(550),
                    MediaItem.builder(MediaType.MOVIE).id("imdb", "tt7654321").build()), true);
            assertEquals(List.of(Outcome.ADDED, Outcome.NOT_FOUND), r.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
        }
        assertTrue(FAKE.watchlistMovies().isEmpty());
        wm.verify(exactly(0), postRequestedFor(urlPathMatching("/3/.*")));
        assertEquals(1, wm.getAllServeEvents().size(), "only the find");
    }

    @Test
    void rateLimitedWriteWaitsRetryAfterOnVirtualTime() {
        wm.stubFor(post(urlPathEqualTo("/3/account/548/watchlist")).atPriority(1).inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withBody("{\"success\": false, \"status_code\": 25}")));
        try (ConnectorSession s = open(Map.of("accountId", "548"))) {
            assertEquals(Outcome.ADDED, s.add(Feature.WATCHLIST, List.of(movie(550)), false).outcomes().get(0).outcome());
        }
        assertEquals(Set.of(550), FAKE.watchlistMovies());
        assertTrue(time.slept().compareTo(Duration.ofSeconds(2)) >= 0, "slept " + time.slept());
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/3/account/548/watchlist")));
    }

    @Test
    void rejectedSessionIsAnAuthErrorWithoutSecrets() {
        ProviderConfig revoked = FakeTmdbAccount.config(wm.baseUrl()).with(Map.of("sessionId", "revoked0000000000", "accountId", "548"));
        try (ConnectorSession s = connector.open(TestContext.of(revoked, time))) {
            AuthException e = assertThrows(AuthException.class, () -> s.read(Feature.WATCHLIST));
            new SecretScanner().addConfig(revoked).assertNotIn(e);
        }
        assertEquals(1, wm.getAllServeEvents().size(), "no retry of a refused session");
    }

    @Test
    void missingSessionIsNotConfigured() {
        ProviderConfig noSession = ProviderConfig.of("tmdb", "default", Map.of("apiKey", FakeTmdbAccount.API_KEY));
        assertTrue(!connector.isConfigured(noSession));
        assertTrue(connector.isConfigured(FakeTmdbAccount.config(wm.baseUrl())));
    }

    @Test
    void isRegisteredForServiceLoader() {
        assertTrue(java.util.ServiceLoader.load(io.crosswatch.api.sync.Connector.class).stream()
                .anyMatch(p -> p.type() == TmdbConnector.class));
    }
}
