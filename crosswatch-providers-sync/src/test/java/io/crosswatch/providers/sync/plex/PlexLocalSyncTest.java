package io.crosswatch.providers.sync.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.local.LocalTrackerConnector;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** End to end through core's GenericSyncModule: Plex (WireMock) ↔ the local tracker, history and ratings. */
class PlexLocalSyncTest {

    static final FakePlex FAKE = new FakePlex();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @TempDir
    Path dir;

    private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2024-06-01T12:00:00Z"));
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final Connector plex = new PlexConnector();
    private final Connector local = new LocalTrackerConnector();

    @BeforeEach
    void setUp() {
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.reset();
        PlexFixtures.library(FAKE);
    }

    private Path trackerFile() {
        return dir.resolve("tracker.db");
    }

    private SyncResult run(boolean plexIsSource, SyncMode mode) {
        PairSpec pair = PairSpec.builder(Endpoint.parse(plexIsSource ? "plex" : "local"),
                Endpoint.parse(plexIsSource ? "local" : "plex"), mode)
                .feature(Feature.HISTORY, FeatureOptions.ALL).feature(Feature.RATINGS, FeatureOptions.ALL).build();
        TestContext plexCtx = TestContext.of(RecordingProviderStore.of(PlexFixtures.config(wm.baseUrl(), Map.of())), time);
        TestContext localCtx = TestContext.of(RecordingProviderStore.of(ProviderConfig.of("local", "default",
                Map.of("path", trackerFile().toString()))), time);
        try (ConnectorSession p = plex.open(plexCtx); ConnectorSession l = local.open(localCtx)) {
            SyncContext.Builder b = SyncContext.builder(pair).state(state).clock(time.clock()).sleeper(time.sleeper());
            if (plexIsSource) {
                b.source(plex.manifest(), p).target(local.manifest(), l);
            } else {
                b.source(local.manifest(), l).target(plex.manifest(), p);
            }
            return new GenericSyncModule().runSync(b.build());
        }
    }

    private List<MediaItem> tracked(Feature feature) {
        try (LocalTracker t = LocalTracker.open(trackerFile())) {
            return t.items(feature);
        }
    }

    private static int writes() {
        int n = 0;
        for (ServeEvent e : wm.getAllServeEvents()) {
            n += e.getRequest().getMethod().getName().equals("GET") ? 0 : 1;
        }
        return n;
    }

    @Test
    void plexHistoryAndRatingsReachTheLocalTrackerOnceAndUnmatchedItemsAreReported() {
        SyncResult first = run(true, SyncMode.ONE_WAY_PROPAGATE);
        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString());
        Set<String> watched = tracked(Feature.HISTORY).stream().map(MediaItem::describe)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("The Matrix (1999)", "Some Show S01E01", "Old Show S02E03"), watched);
        List<MediaItem> ratings = tracked(Feature.RATINGS);
        assertEquals(1, ratings.size());
        assertEquals(8, ratings.get(0).rating().orElseThrow());
        assertEquals(2, first.feature(Feature.HISTORY).orElseThrow().unresolved(), first.toString());
        assertEquals(0, writes(), "Plex is only read");
        int firstRequests = wm.getAllServeEvents().size();
        assertEquals(4, firstRequests, "one library pass serves both features");

        SyncResult second = run(true, SyncMode.ONE_WAY_PROPAGATE);
        assertEquals(SyncStatus.SUCCESS, second.status(), second.toString());
        assertTrue(second.totalToTarget().isEmpty(), second.toString());
        assertEquals(3, tracked(Feature.HISTORY).size());
    }

    @Test
    void localHistoryAndRatingsAreWrittenToPlexAndARerunWritesNothing() {
        Instant watchedAt = Instant.parse("2023-02-01T20:00:00Z");
        try (LocalTracker t = LocalTracker.open(trackerFile())) {
            t.add(Feature.HISTORY, List.of(MediaItem.builder(MediaType.MOVIE).id("tmdb", "27205").id("imdb", "tt1375666")
                    .title("Inception").year(2010).watchedAt(watchedAt).build()), false);
            t.add(Feature.RATINGS, List.of(MediaItem.builder(MediaType.MOVIE).id("tmdb", "27205").title("Inception")
                    .year(2010).rating(7).ratedAt(watchedAt).build()), false);
        }
        SyncResult first = run(false, SyncMode.ONE_WAY_ADD);
        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString());
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/scrobble")).withQueryParam("key", equalTo("104")));
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/rate")).withQueryParam("key", equalTo("104"))
                .withQueryParam("rating", equalTo("7")));
        assertEquals(2, writes());
        assertEquals(1, FAKE.item("104").path("viewCount").asInt());
        assertEquals(7.0, FAKE.item("104").path("userRating").asDouble());

        // Plex stamped "now" as the watched date; the engine must not take that for a new play.
        SyncResult second = run(false, SyncMode.ONE_WAY_ADD);
        assertEquals(SyncStatus.SUCCESS, second.status(), second.toString());
        assertTrue(second.totalToTarget().isEmpty(), second.toString());
        assertEquals(2, writes(), "a rerun writes nothing to Plex");
    }

    @Test
    void twoWayHistoryAndRatingsSettleAfterOneRun() {
        Instant watchedAt = Instant.parse("2023-02-01T20:00:00Z");
        try (LocalTracker t = LocalTracker.open(trackerFile())) {
            t.add(Feature.HISTORY, List.of(MediaItem.builder(MediaType.MOVIE).id("tmdb", "27205").title("Inception")
                    .year(2010).watchedAt(watchedAt).build()), false);
            t.add(Feature.RATINGS, List.of(MediaItem.builder(MediaType.MOVIE).id("tmdb", "27205").title("Inception")
                    .year(2010).rating(7).ratedAt(watchedAt).build()), false);
        }
        SyncResult first = run(true, SyncMode.TWO_WAY);
        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString());
        assertEquals(4, tracked(Feature.HISTORY).size(), "Plex's three plays joined the local one");
        assertEquals(2, tracked(Feature.RATINGS).size());
        assertEquals(1, FAKE.item("104").path("viewCount").asInt());
        int writesAfterFirst = writes();

        time.advance(java.time.Duration.ofHours(1));
        SyncResult second = run(true, SyncMode.TWO_WAY);
        assertEquals(SyncStatus.SUCCESS, second.status(), second.toString());
        assertTrue(second.totalToTarget().isEmpty() && second.totalToSource().isEmpty(), second.toString());
        assertEquals(4, tracked(Feature.HISTORY).size(), "Plex's 'now' watched date is not a new play");
        assertEquals(writesAfterFirst, writes());
    }
}
