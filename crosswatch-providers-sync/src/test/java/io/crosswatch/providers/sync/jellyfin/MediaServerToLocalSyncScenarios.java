package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserConnectorContract.WATCHED;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserConnectorContract.breakingBad;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserConnectorContract.inception;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.local.LocalTrackerConnector;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a media server (WireMock fake behind the real connector) ↔ the local tracker through
 * the generic sync module, for history and the watchlist, over several runs. Subclasses pick the
 * server.
 */
abstract class MediaServerToLocalSyncScenarios {
    static final String MATRIX = FeatureWritesScenarios.MATRIX;
    static final String INCEPTION = FeatureWritesScenarios.INCEPTION;
    static final String SERIES = FeatureWritesScenarios.SERIES;
    static final String PILOT = FeatureWritesScenarios.PILOT;
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    abstract WireMockExtension server();

    abstract FakeMediaServer fake();

    abstract MediaBrowserConnector connector();

    /** @return requests of a no-op read of both features: the version probe (Jellyfin) and one page */
    abstract int noOpRequests();

    @TempDir
    Path dir;

    private final InMemoryStateStore state = new InMemoryStateStore();
    private final VirtualTime time = VirtualTime.startingAt(NOW);

    @BeforeEach
    void seed() {
        server().resetAll();
        server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        MediaBrowserConnectorContract.seed(fake());
        FakeMediaServer.Item matrix = fake().item(MATRIX);
        matrix.played = true;
        matrix.playCount = 1;
        matrix.lastPlayed = WATCHED;
        matrix.favorite = true;
        FakeMediaServer.Item pilot = fake().item(PILOT);
        pilot.played = true;
        pilot.playCount = 1;
        pilot.lastPlayed = WATCHED.plusSeconds(86_400);
        fake().item(INCEPTION).favorite = true;
        // An item the server cannot identify: reported unresolved, never synced.
        fake().movie("c1b2c3d4e5f60718293a4b5c6d7e8f90", "Home Video", 2020).played = true;
    }

    private Path localFile() {
        return dir.resolve("local.db");
    }

    private SyncResult run(SyncMode mode) {
        PairSpec pair = PairSpec.builder(Endpoint.parse(connector().manifest().name()), Endpoint.parse("local"), mode)
                .feature(Feature.HISTORY, FeatureOptions.ALL).feature(Feature.WATCHLIST, FeatureOptions.ALL).build();
        MediaBrowserConnector jellyfin = connector();
        LocalTrackerConnector local = new LocalTrackerConnector();
        ProviderConfig jf = ProviderConfig.of(jellyfin.manifest().name(), "default", Map.of("baseUrl", server().baseUrl(),
                "accessToken", FakeMediaServer.TOKEN, "userId", FakeMediaServer.USER_ID, "deviceId", "dev-1"));
        ProviderConfig lc = ProviderConfig.of("local", "default", Map.of("path", localFile().toString()));
        try (ConnectorSession source = jellyfin.open(TestContext.of(jf, time));
             ConnectorSession target = local.open(TestContext.of(lc, time))) {
            SyncContext ctx = SyncContext.builder(pair).source(jellyfin.manifest(), source).target(local.manifest(), target)
                    .state(state).clock(time.clock()).sleeper(time.sleeper()).build();
            return new GenericSyncModule().runSync(ctx);
        }
    }

    private List<MediaItem> local(Feature feature) {
        try (LocalTracker tracker = LocalTracker.open(localFile())) {
            return tracker.items(feature);
        }
    }

    private static Set<String> describe(List<MediaItem> items) {
        return items.stream().map(MediaItem::describe).collect(Collectors.toCollection(TreeSet::new));
    }

    private long writesToServer() {
        return server().getAllServeEvents().stream().filter(e -> !e.getRequest().getMethod().getName().equals("GET")).count();
    }

    @Test
    void historyAndWatchlistFlowBothWaysAndARerunWritesNothing() {
        try (LocalTracker tracker = LocalTracker.open(localFile())) {
            tracker.add(Feature.HISTORY, List.of(inception().toBuilder().watchedAt(WATCHED.minusSeconds(3600)).build()), false);
            tracker.add(Feature.WATCHLIST, List.of(breakingBad()), false);
        }

        SyncResult first = run(SyncMode.TWO_WAY);
        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString());

        List<MediaItem> history = local(Feature.HISTORY);
        assertEquals(Set.of("Inception (2010)", "The Matrix (1999)", "Breaking Bad S01E01"), describe(history), history.toString());
        MediaItem matrixPlay = history.stream().filter(i -> i.type() == MediaType.MOVIE && i.ids().tmdb().orElse("").equals("603"))
                .findFirst().orElseThrow();
        assertEquals(WATCHED, matrixPlay.watchedAt().orElseThrow(), "the server's play date travels");
        assertEquals(Set.of("Breaking Bad", "Inception (2010)", "The Matrix (1999)"), describe(local(Feature.WATCHLIST)));
        assertTrue(local(Feature.HISTORY).stream().noneMatch(i -> i.title().orElse("").equals("Home Video")),
                "an item without ids is never synced");

        // The other direction: the local play and watchlist entry reached the server, with the date.
        assertTrue(fake().item(INCEPTION).played);
        assertEquals(WATCHED.minusSeconds(3600), fake().item(INCEPTION).lastPlayed);
        assertTrue(fake().item(SERIES).favorite);

        long writes = writesToServer();
        int requestsBefore = server().getAllServeEvents().size();
        SyncResult second = run(SyncMode.TWO_WAY);
        // A no-op run costs at most the version probe and one page: history and watchlist share the scan.
        assertEquals(noOpRequests(), server().getAllServeEvents().size() - requestsBefore);
        assertEquals(SyncStatus.SUCCESS, second.status(), second.toString());
        assertEquals(writes, writesToServer(), "an unchanged rerun writes nothing to the server");
        assertEquals(0, second.totalToTarget().added() + second.totalToSource().added(), second.toString());

        // Unfavoriting on the server removes the watchlist entry locally on the next run.
        fake().item(MATRIX).favorite = false;
        SyncResult third = run(SyncMode.TWO_WAY);
        assertEquals(SyncStatus.SUCCESS, third.status(), third.toString());
        assertEquals(Set.of("Breaking Bad", "Inception (2010)"), describe(local(Feature.WATCHLIST)));
        assertEquals(1, third.totalToTarget().removed());
    }

    @Test
    void aFailingServerNeverEmptiesTheLocalSide() {
        run(SyncMode.ONE_WAY_MIRROR);
        assertEquals(2, local(Feature.WATCHLIST).size());
        server().stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
        SyncResult failed = run(SyncMode.ONE_WAY_MIRROR);
        assertTrue(failed.status() != SyncStatus.SUCCESS, failed.toString());
        assertEquals(2, local(Feature.WATCHLIST).size(), "a failed read of the server removes nothing");
        assertEquals(2, local(Feature.HISTORY).size());
    }
}
