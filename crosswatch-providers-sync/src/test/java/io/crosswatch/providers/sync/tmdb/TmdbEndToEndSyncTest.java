package io.crosswatch.providers.sync.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.local.LocalTrackerConnector;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Local tracker → TMDB through the generic sync engine, with the stateful fake TMDB behind WireMock. */
class TmdbEndToEndSyncTest {

    static final FakeTmdbAccount FAKE = new FakeTmdbAccount();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @TempDir
    Path dir;

    private VirtualTime time;
    private final LocalTrackerConnector local = new LocalTrackerConnector();
    private final TmdbConnector tmdb = new TmdbConnector(HttpToolkit.builder().build());

    private static final PairSpec PAIR = PairSpec.builder(Endpoint.parse("local"), Endpoint.parse("tmdb"),
                    SyncMode.ONE_WAY_PROPAGATE).name("local-to-tmdb")
            .feature(Feature.WATCHLIST, FeatureOptions.ALL).feature(Feature.RATINGS, FeatureOptions.ALL).build();

    @BeforeEach
    void setUp() {
        FAKE.reset();
        wm.stubFor(any(urlPathMatching("/3/.*")).willReturn(aResponse().withTransformers(FakeTmdbAccount.NAME)));
        time = VirtualTime.create();
    }

    private ConnectorSession localSession() {
        return local.open(TestContext.of(ProviderConfig.of("local", "default",
                Map.of("path", dir.resolve("local.db").toString())), time));
    }

    private SyncResult sync(SqliteStateStore state) {
        try (ConnectorSession source = localSession();
             ConnectorSession target = tmdb.open(TestContext.of(FakeTmdbAccount.config(wm.baseUrl())
                     .with(Map.of("accountId", "548")), time))) {
            return new GenericSyncModule().runSync(SyncContext.builder(PAIR)
                    .source(local.manifest(), source).target(tmdb.manifest(), target)
                    .state(state).clock(time.clock()).sleeper(time.sleeper()).build());
        }
    }

    @Test
    void watchlistAndRatingsFlowFromLocalToTmdbAndStayInStep() {
        FAKE.watchlistMovie(27205); // already on TMDB only: a one-way first run never deletes it
        MediaItem fightClub = MediaItem.builder(MediaType.MOVIE).id("tmdb", 550).id("imdb", "tt0137523")
                .title("Fight Club").year(1999).build();
        MediaItem breakingBad = MediaItem.builder(MediaType.SHOW).id("tvdb", 81189).title("Breaking Bad").year(2008).build();
        MediaItem matrix = MediaItem.builder(MediaType.MOVIE).id("tmdb", 603).title("The Matrix").year(1999).rating(8).build();
        MediaItem got = MediaItem.builder(MediaType.SHOW).id("tmdb", 1399).title("Game of Thrones").year(2011).rating(9).build();
        try (ConnectorSession s = localSession()) {
            s.add(Feature.WATCHLIST, List.of(fightClub, breakingBad), false);
            s.add(Feature.RATINGS, List.of(matrix, got), false);
        }

        try (SqliteStateStore state = SqliteStateStore.open(dir.resolve("state.db"))) {
            SyncResult first = sync(state);
            assertEquals(2, first.feature(Feature.WATCHLIST).orElseThrow().toTarget().added(), first.toString());
            assertEquals(2, first.feature(Feature.RATINGS).orElseThrow().toTarget().added(), first.toString());
            assertEquals(Set.of(550, 27205), FAKE.watchlistMovies());
            assertEquals(Set.of(1396), FAKE.watchlistShows());
            assertEquals(Map.of(603, 8.0), FAKE.movieRatings());
            assertEquals(Map.of(1399, 9.0), FAKE.showRatings());
            wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/3/account/548/watchlist")));
            wm.verify(exactly(2), postRequestedFor(urlPathMatching("/3/(movie|tv)/\\d+/rating")));

            // The user un-watchlists Fight Club and re-rates The Matrix locally.
            try (ConnectorSession s = localSession()) {
                s.remove(Feature.WATCHLIST, List.of(fightClub), false);
                s.add(Feature.RATINGS, List.of(matrix.toBuilder().rating(6).build()), false);
            }
            wm.resetRequests();
            SyncResult second = sync(state);
            assertEquals(1, second.feature(Feature.WATCHLIST).orElseThrow().toTarget().removed(), second.toString());
            assertEquals(1, second.feature(Feature.RATINGS).orElseThrow().toTarget().updated(), second.toString());
            assertEquals(Set.of(27205), FAKE.watchlistMovies());
            assertEquals(Map.of(603, 6.0), FAKE.movieRatings());
            wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/3/account/548/watchlist"))
                    .withRequestBody(equalToJson("{\"media_type\": \"movie\", \"media_id\": 550, \"watchlist\": false}")));
            wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/3/movie/603/rating"))
                    .withRequestBody(equalToJson("{\"value\": 6.0}")));
            wm.verify(exactly(0), deleteRequestedFor(urlPathMatching("/3/.*")));

            wm.resetRequests();
            SyncResult third = sync(state);
            assertEquals(0, third.totalToTarget().added() + third.totalToTarget().removed() + third.totalToTarget().updated(),
                    third.toString());
            wm.verify(exactly(0), postRequestedFor(urlPathMatching("/3/.*")));
        }
    }

    @Test
    void anItemTmdbCannotResolveIsReportedUnresolvedAndNotWritten() {
        MediaItem unknown = MediaItem.builder(MediaType.MOVIE).id("imdb", "tt7654321").title("Nowhere").year(2020).build();
        try (ConnectorSession s = localSession()) {
            s.add(Feature.WATCHLIST, List.of(unknown), false);
        }
        try (SqliteStateStore state = SqliteStateStore.open(dir.resolve("state.db"))) {
            SyncResult result = sync(state);
            assertEquals(0, result.feature(Feature.WATCHLIST).orElseThrow().toTarget().added(), result.toString());
            assertEquals(1, result.feature(Feature.WATCHLIST).orElseThrow().unresolved(), result.toString());
        }
        assertEquals(Set.of(), FAKE.watchlistMovies());
        wm.verify(exactly(0), postRequestedFor(urlPathMatching("/3/.*")));
        wm.verify(exactly(1), com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/3/find/tt7654321")));
    }
}
