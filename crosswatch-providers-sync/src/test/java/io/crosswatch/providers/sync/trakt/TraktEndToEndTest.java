package io.crosswatch.providers.sync.trakt;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.local.LocalTrackerConnector;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: the generic sync module between the local tracker and the Trakt connector, with
 * the stateful {@link FakeTrakt} behind the connector. Every scenario counts what reached Trakt.
 */
class TraktEndToEndTest {

    static final FakeTrakt FAKE = new FakeTrakt();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @TempDir
    Path dir;

    private final VirtualTime time = VirtualTime.create();
    private final HttpToolkit toolkit = HttpToolkit.builder().build();
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final GenericSyncModule module = new GenericSyncModule();
    private TestContext traktContext;

    @BeforeEach
    void setUp() {
        FAKE.reset();
        FAKE.clock = time.clock();
        wm.resetAll();
        TraktFixtures.routeToFake(wm);
        traktContext = TestContext.of(TraktFixtures.config(wm.baseUrl(), Map.of()), time);
    }

    private ConnectorSession local() {
        return new LocalTrackerConnector().open(TestContext.of(ProviderConfig.of("local", ProviderConfig.DEFAULT_INSTANCE,
                Map.of("path", dir.resolve("local.db").toString())), time));
    }

    private ConnectorSession trakt() {
        return new TraktConnector(toolkit).open(traktContext);
    }

    /** One run of the pair, sessions opened and closed as the orchestrator does. */
    private SyncResult run(boolean localIsSource) {
        return run(localIsSource, Feature.values());
    }

    private SyncResult run(boolean localIsSource, Feature... features) {
        LocalTrackerConnector lc = new LocalTrackerConnector();
        TraktConnector tc = new TraktConnector(toolkit);
        Endpoint l = Endpoint.parse("local");
        Endpoint t = Endpoint.parse("trakt");
        PairSpec.Builder pb = PairSpec.builder(localIsSource ? l : t, localIsSource ? t : l, SyncMode.ONE_WAY_PROPAGATE);
        for (Feature f : features) {
            pb.feature(f, FeatureOptions.ALL);
        }
        PairSpec pair = pb.build();
        try (ConnectorSession ls = local(); ConnectorSession ts = trakt()) {
            SyncContext.Builder b = SyncContext.builder(pair).state(state).clock(time.clock()).sleeper(time.sleeper());
            if (localIsSource) {
                b.source(lc.manifest(), ls).target(tc.manifest(), ts);
            } else {
                b.source(tc.manifest(), ts).target(lc.manifest(), ls);
            }
            return module.runSync(b.build());
        }
    }

    /** Requests that reached Trakt since the last call, as {@code METHOD path → count}. */
    private Map<String, Integer> drainRequests() {
        Map<String, Integer> out = new TreeMap<>();
        FAKE.log.forEach(l -> out.merge(l.substring(0, l.indexOf('@')), 1, Integer::sum));
        FAKE.log.clear();
        return out;
    }

    private static Map<Feature, List<MediaItem>> everyFeature() {
        return Map.of(
                Feature.WATCHLIST, List.of(TraktFixtures.tron(), TraktFixtures.breakingBad()),
                Feature.RATINGS, List.of(TraktFixtures.tron().toBuilder().rating(9).ratedAt(Instant.parse("2026-01-10T21:00:00Z")).build(),
                        TraktFixtures.season(1).toBuilder().rating(7).ratedAt(Instant.parse("2026-01-11T21:00:00Z")).build(),
                        TraktFixtures.episode(1, 1).toBuilder().rating(10).ratedAt(Instant.parse("2026-01-12T21:00:00Z")).build()),
                Feature.HISTORY, List.of(
                        // seconds on purpose: Trakt keeps the minute, the engine compares at the minute
                        TraktFixtures.tron().toBuilder().watchedAt(Instant.parse("2025-12-01T20:15:42Z")).build(),
                        TraktFixtures.tron().toBuilder().watchedAt(Instant.parse("2025-12-20T20:00:00Z")).build(),
                        TraktFixtures.episode(1, 1).toBuilder().watchedAt(Instant.parse("2025-12-02T21:00:00Z")).build()),
                Feature.PROGRESS, List.of(TraktFixtures.movie(5).toBuilder().playback(TraktFixtures.resume(30, 120)).build(),
                        TraktFixtures.episode(1, 2).toBuilder().playback(TraktFixtures.resume(45, 60)).build()),
                Feature.PLAYLISTS, List.of(TraktFixtures.tron().toBuilder().list("Favourites").build(),
                        TraktFixtures.episode(1, 1).toBuilder().list("Favourites").build()));
    }

    @Test
    void firstSyncLocalToTraktThenANoOpRunCostsOneRequest() {
        try (ConnectorSession ls = local()) {
            everyFeature().forEach((f, items) -> ls.add(f, items, false));
        }

        SyncResult first = run(true);

        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString() + first.warnings() + first.errors());
        assertEquals(2, FAKE.watchlist.size());
        assertEquals(3, FAKE.ratings.size());
        assertEquals(3, FAKE.history.size());
        assertEquals(2, FAKE.playback.size());
        assertEquals(1, FAKE.lists.size());
        assertEquals(2, FAKE.lists.values().iterator().next().items.size());
        assertEquals(expectedFirstPush(FAKE.lists.keySet().iterator().next()), drainRequests());

        SyncResult second = run(true);
        assertEquals(SyncStatus.SUCCESS, second.status(), second.toString() + second.warnings());
        assertEquals(Map.of("GET /sync/last_activities", 1), drainRequests(), "a no-op run only probes activities");
        assertEquals(0, second.totalToTarget().added() + second.totalToTarget().removed() + second.totalToTarget().updated());
    }

    /**
     * A first push of every feature: the activity probe, then one page of each feature (Trakt's
     * side is read before planning; history's existing plays come from that read, so no second
     * read), one batch per feature, one scrobble per resume point, the list's creation and its
     * items, and the probe after writing that stores the new tokens.
     */
    static Map<String, Integer> expectedFirstPush(long listId) {
        return Map.ofEntries(
            Map.entry("GET /sync/last_activities", 2),
            Map.entry("GET /sync/watchlist/movies", 1), Map.entry("GET /sync/watchlist/shows", 1),
            Map.entry("GET /sync/ratings/all", 1), Map.entry("GET /sync/history", 1), Map.entry("GET /sync/playback", 1),
            Map.entry("GET /users/me/lists", 1),
            Map.entry("POST /sync/watchlist", 1), Map.entry("POST /sync/ratings", 1), Map.entry("POST /sync/history", 1),
            Map.entry("POST /scrobble/pause", 2), Map.entry("POST /users/me/lists", 1),
            Map.entry("POST /users/me/lists/" + listId + "/items", 1));
    }

    @Test
    void historyRerunsCreateNoDuplicatePlays() {
        try (ConnectorSession ls = local()) {
            ls.add(Feature.HISTORY, everyFeature().get(Feature.HISTORY), false);
        }
        run(true);
        assertEquals(3, FAKE.history.size());
        // Trakt's history moves for another reason (a play elsewhere), so the next run must read it again
        FAKE.seedMovie(FAKE.history, 7);
        FAKE.activities.put("movies.watched_at", "2026-03-02T00:00:00.000Z");
        drainRequests();

        SyncResult again = run(true);

        assertEquals(SyncStatus.SUCCESS, again.status(), again.toString() + again.warnings());
        assertEquals(4, FAKE.history.size(), "no play was posted twice");
        assertEquals(Map.of("GET /sync/last_activities", 1, "GET /sync/history", 1), drainRequests());
    }

    @Test
    void aPlayRemovedLocallyRemovesExactlyThatPlayOnTrakt() throws Exception {
        List<MediaItem> plays = everyFeature().get(Feature.HISTORY);
        try (ConnectorSession ls = local()) {
            ls.add(Feature.HISTORY, plays, false);
        }
        run(true, Feature.HISTORY);
        assertEquals(3, FAKE.history.size());
        long keptId = FAKE.history.stream().filter(e -> e.at.startsWith("2025-12-20")).findFirst().orElseThrow().id;
        long goneId = FAKE.history.stream().filter(e -> e.at.startsWith("2025-12-01")).findFirst().orElseThrow().id;
        try (ConnectorSession ls = local()) {
            MediaItem stored = ls.read(Feature.HISTORY).items().stream()
                    .filter(i -> i.watchedAt().orElseThrow().equals(plays.get(0).watchedAt().orElseThrow())).findFirst().orElseThrow();
            ls.remove(Feature.HISTORY, List.of(stored), false);
        }
        drainRequests();
        wm.resetRequests();

        SyncResult r = run(true, Feature.HISTORY);

        assertEquals(SyncStatus.SUCCESS, r.status(), r.toString() + r.warnings() + r.errors());
        assertEquals(1, r.totalToTarget().removed());
        assertEquals(2, FAKE.history.size());
        assertTrue(FAKE.history.stream().anyMatch(e -> e.id == keptId), "the other play of the same movie stays");
        assertTrue(FAKE.history.stream().noneMatch(e -> e.id == goneId));
        String body = wm.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(q -> q.getUrl().equals("/sync/history/remove")).findFirst().orElseThrow().getBodyAsString();
        assertEquals("{\"ids\":[" + goneId + "]}", body);
        // probe, a read to find the play's id (the baseline holds the pushed item), the removal, the probe after
        assertEquals(Map.of("GET /sync/last_activities", 2, "GET /sync/history", 1, "POST /sync/history/remove", 1),
                drainRequests());
    }

    @Test
    void anAccountLimitLeavesTheRestUnresolvedAndIsNotRetriedNextRun() {
        wm.stubFor(post("/sync/watchlist").atPriority(1).inScenario("420").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(420).withHeader("X-Account-Limit", "100")));
        wm.stubFor(post("/sync/watchlist").atPriority(2).inScenario("420").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withTransformers(FakeTrakt.NAME)).willSetStateTo("second"));
        try (ConnectorSession ls = local()) {
            ls.add(Feature.WATCHLIST, IntStream.rangeClosed(1, 150).mapToObj(TraktFixtures::movie).toList(), false);
        }

        SyncResult first = run(true, Feature.WATCHLIST);

        assertEquals(100, FAKE.watchlist.size(), "the first batch is applied");
        assertEquals(100, first.totalToTarget().added());
        assertEquals(50, first.feature(Feature.WATCHLIST).orElseThrow().unresolved(), first.toString());
        assertEquals(1, wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/sync/watchlist")
                && e.getResponse().getStatus() == 420).count());

        wm.resetRequests();
        SyncResult second = run(true, Feature.WATCHLIST);

        assertEquals(0, wm.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("POST")).count(),
                "items refused by the account limit are not sent again right away: " + second);
    }

    @Test
    void firstSyncTraktToLocalThenANoOpRun() {
        try (ConnectorSession ts = trakt()) {
            everyFeature().forEach((f, items) -> ts.add(f, items, false));
        }
        drainRequests();

        SyncResult first = run(false);

        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString() + first.warnings() + first.errors());
        try (ConnectorSession ls = local()) {
            assertEquals(2, ls.read(Feature.WATCHLIST).items().size());
            assertEquals(3, ls.read(Feature.RATINGS).items().size());
            assertEquals(3, ls.read(Feature.HISTORY).items().size());
            assertEquals(2, ls.read(Feature.PROGRESS).items().size());
            assertEquals(2, ls.read(Feature.PLAYLISTS).items().size());
        }
        assertEquals(expectedFirstPull(FAKE.lists.keySet().iterator().next()), drainRequests());

        run(false);
        assertEquals(Map.of("GET /sync/last_activities", 1), drainRequests());
    }

    /**
     * A first pull: the probe and one page of each feature (plus the one list's items); nothing
     * is written to Trakt, so there is no second probe.
     */
    static Map<String, Integer> expectedFirstPull(long listId) {
        return Map.of("GET /sync/last_activities", 1, "GET /sync/watchlist/movies", 1, "GET /sync/watchlist/shows", 1,
                "GET /sync/ratings/all", 1, "GET /sync/history", 1, "GET /sync/playback", 1, "GET /users/me/lists", 1,
                "GET /users/me/lists/" + listId + "/items/movie,show,season,episode", 1);
    }

    @Test
    void aBigFirstPushIsPagedAndBatched() {
        try (ConnectorSession ls = local()) {
            ls.add(Feature.WATCHLIST, IntStream.rangeClosed(1, 260).mapToObj(TraktFixtures::movie).toList(), false);
        }
        IntStream.rangeClosed(1000, 1300).forEach(n -> FAKE.seedMovie(FAKE.watchlist, n));

        SyncResult r = run(true, Feature.WATCHLIST);

        assertEquals(SyncStatus.SUCCESS, r.status(), r.toString() + r.warnings());
        assertEquals(561, FAKE.watchlist.size());
        // 301 on Trakt: 2 pages of movies + 1 of shows; 260 to add: 3 POSTs; probe before and after
        assertEquals(Map.of("GET /sync/last_activities", 2, "GET /sync/watchlist/movies", 2, "GET /sync/watchlist/shows", 1,
                "POST /sync/watchlist", 3), drainRequests());
    }
}
