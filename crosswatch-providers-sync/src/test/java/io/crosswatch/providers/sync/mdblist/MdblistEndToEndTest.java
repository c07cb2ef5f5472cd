package io.crosswatch.providers.sync.mdblist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
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
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.local.LocalTracker;
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
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Local tracker → MDBList watchlist through the generic sync engine, MDBList being the WireMock fake. */
class MdblistEndToEndTest {

    private static final MdblistFake FAKE = new MdblistFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @TempDir
    Path dir;

    private final VirtualTime time = VirtualTime.create();
    private final InMemoryStateStore state = new InMemoryStateStore();

    @BeforeEach
    void setUp() {
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.preload("movie", 603, "tt0133093", "The Matrix");
        try (LocalTracker local = LocalTracker.open(dir.resolve("local.db"), time.clock())) {
            local.add(Feature.WATCHLIST, List.of(
                    MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt15239678", "tmdb", "693134")).title("Dune: Part Two").build(),
                    MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("imdb", "tt0944947", "tmdb", "1399")).title("Game of Thrones").build(),
                    MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt0133093", "tmdb", "603")).title("The Matrix").build()),
                    false);
        }
    }

    private SyncResult run() {
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        MdblistConnector mdblist = new MdblistConnector(toolkit);
        LocalTrackerConnector localConnector = new LocalTrackerConnector();
        PairSpec pair = PairSpec.builder(Endpoint.parse("local"), Endpoint.parse("mdblist"), SyncMode.ONE_WAY_ADD)
                .feature(Feature.WATCHLIST, FeatureOptions.ALL).build();
        try (ConnectorSession source = localConnector.open(TestContext.of(ProviderConfig.of("local", "default",
                     Map.of("path", dir.resolve("local.db").toString())), time));
             ConnectorSession target = mdblist.open(TestContext.of(ProviderConfig.of("mdblist", "default",
                     Map.of("apiKey", MdblistFake.KEY, "baseUrl", wm.baseUrl(), "pageSize", 2)), time))) {
            return new GenericSyncModule().runSync(SyncContext.builder(pair)
                    .source(localConnector.manifest(), source).target(mdblist.manifest(), target)
                    .state(state).clock(time.clock()).build());
        }
    }

    private static long posts() {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("POST")).count();
    }

    @Test
    void localWatchlistReachesMdblistInOneBatchAndASecondRunWritesNothing() {
        SyncResult first = run();

        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString());
        assertEquals(2, first.feature(Feature.WATCHLIST).orElseThrow().toTarget().added(), first.toString());
        assertEquals(1, posts(), "both missing items go out in one batched add");
        try (ConnectorSession s = new MdblistConnector(HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build())
                .open(TestContext.of(ProviderConfig.of("mdblist", "default", Map.of("apiKey", MdblistFake.KEY,
                        "baseUrl", wm.baseUrl())), time))) {
            assertEquals(3, s.read(Feature.WATCHLIST).items().size());
        }

        wm.resetRequests();
        SyncResult second = run();

        assertEquals(SyncStatus.SUCCESS, second.status(), second.toString());
        assertEquals(0, second.feature(Feature.WATCHLIST).orElseThrow().toTarget().added());
        assertEquals(0, posts(), "nothing to write the second time");
        // The activity probe says nothing changed since the last run: the engine reuses its baseline.
        assertEquals(1, wm.getAllServeEvents().size(), "a no-op run costs one request");
        wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/sync/last_activities")));
    }
}
