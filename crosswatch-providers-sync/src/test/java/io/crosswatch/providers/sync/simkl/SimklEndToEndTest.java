package io.crosswatch.providers.sync.simkl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Local tracker ↔ SIMKL through the generic sync module, SIMKL being the stateful fake on WireMock. */
class SimklEndToEndTest {

    static final SimklFake FAKE = new SimklFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    static final Instant PLAYED = Instant.parse("2026-03-01T20:00:00Z");
    static final MediaItem DUNE = MediaItem.builder(MediaType.MOVIE).title("Dune: Part Two").year(2024)
            .ids(MediaIds.of("imdb", "tt15239678", "tmdb", "693134")).build();
    static final MediaItem LAST_OF_US = MediaItem.builder(MediaType.SHOW).title("The Last of Us").year(2023)
            .ids(MediaIds.of("tvdb", "392256")).build();
    static final MediaItem INCEPTION_9 = MediaItem.builder(MediaType.MOVIE).title("Inception").year(2010)
            .ids(MediaIds.of("imdb", "tt1375666")).rating(9).ratedAt(PLAYED).build();
    static final MediaItem BREAKING_BAD_1X1 = MediaItem.builder(MediaType.EPISODE).showTitle("Breaking Bad")
            .showIds(MediaIds.of("tvdb", "81189", "imdb", "tt0903747")).season(1).episode(1).watchedAt(PLAYED).build();

    @TempDir
    Path dir;

    private VirtualTime time;
    private InMemoryStateStore state;
    private Path localFile;

    @BeforeEach
    void setUp() {
        wm.resetAll();
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(SimklFake.NAME)));
        time = VirtualTime.create();
        state = new InMemoryStateStore();
        localFile = dir.resolve("local.db");
        try (LocalTracker local = LocalTracker.open(localFile, time.clock())) {
            local.add(Feature.WATCHLIST, List.of(DUNE, LAST_OF_US), false);
            local.add(Feature.RATINGS, List.of(INCEPTION_9), false);
            local.add(Feature.HISTORY, List.of(BREAKING_BAD_1X1), false);
        }
        FAKE.seed("show", "Severance", 2022, "plantowatch", "simkl", "1600001", "tvdb", "371980");
        SimklFake.Row tlou = FAKE.seed("show", "The Last of Us", 2023, "watching", "simkl", "1500001", "tvdb", "392256");
        tlou.episodes.computeIfAbsent(1, k -> new java.util.TreeMap<>()).put(1, "2026-02-01T20:00:00Z");
        SimklFake.Row hxh = FAKE.seed("anime", "Hunter x Hunter", 2011, "completed", "simkl", "40398", "mal", "11061",
                "anidb", "8550");
        hxh.rating = 10;
        hxh.ratedAt = "2020-01-01T00:00:00Z";
        hxh.episodes.computeIfAbsent(1, k -> new java.util.TreeMap<>()).put(148, "2019-12-31T23:00:00Z");
        SimklFake.Row cap = FAKE.seed("movie", "Captain America: The First Avenger", 2011, "completed", "simkl", "55328",
                "imdb", "tt0458339");
        cap.lastWatchedAt = "2014-08-09T07:25:55Z";
    }

    private SyncResult run() {
        PairSpec pair = PairSpec.builder(Endpoint.parse("local"), Endpoint.parse("simkl"), SyncMode.TWO_WAY)
                .feature(Feature.WATCHLIST, FeatureOptions.ALL).feature(Feature.HISTORY, FeatureOptions.ALL)
                .feature(Feature.RATINGS, FeatureOptions.ALL).build();
        LocalTrackerConnector local = new LocalTrackerConnector();
        SimklConnector simkl = new SimklConnector(HttpToolkit.builder().okHttpClient(SimklConnectorContractTest.OK_HTTP).build());
        ProviderContext localCtx = TestContext.of(ProviderConfig.of("local", "default", Map.of("path", localFile.toString())), time);
        ProviderContext simklCtx = TestContext.of(SimklConnectorContractTest.config(wm.baseUrl()), time);
        try (ConnectorSession ls = local.open(localCtx); ConnectorSession ss = simkl.open(simklCtx)) {
            return new GenericSyncModule().runSync(SyncContext.builder(pair).source(local.manifest(), ls)
                    .target(simkl.manifest(), ss).state(state).clock(time.clock()).sleeper(time.sleeper()).build());
        }
    }

    private List<MediaItem> local(Feature f) {
        try (LocalTracker local = LocalTracker.open(localFile, time.clock())) {
            return local.items(f);
        }
    }

    private static SimklFake.Row row(String title) {
        return FAKE.rows().stream().filter(r -> title.equals(r.media.path("title").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(title + " is not on SIMKL"));
    }

    @Test
    void firstSyncGoesBothWaysAndAnUnchangedSecondRunCostsOneRequest() {
        SyncResult first = run();
        assertEquals(SyncStatus.SUCCESS, first.status(), first + " " + first.errors() + " " + first.warnings());

        // local → SIMKL
        assertEquals("plantowatch", row("Dune: Part Two").status);
        assertEquals("watching", row("The Last of Us").status, "a watching show is never moved to plan to watch");
        assertEquals(9, row("Inception").rating);
        assertEquals("2026-03-01T20:00:00Z", FAKE.rows().stream().filter(r -> r.ids().tvdb().orElse("").equals("81189"))
                .findFirst().orElseThrow().episodes.get(1).get(1));

        // SIMKL → local, anime matched through its mal/anidb ids
        assertTrue(local(Feature.WATCHLIST).stream().anyMatch(i -> i.ids().tvdb().orElse("").equals("371980")));
        MediaItem hxh = local(Feature.RATINGS).stream().filter(i -> i.rating().orElse(0) == 10).findFirst().orElseThrow();
        assertEquals("11061", hxh.ids().get(MediaIds.MAL).orElseThrow());
        assertEquals("8550", hxh.ids().get(MediaIds.ANIDB).orElseThrow());
        List<MediaItem> history = local(Feature.HISTORY);
        assertTrue(history.stream().anyMatch(i -> i.type() == MediaType.MOVIE && i.ids().imdb().orElse("").equals("tt0458339")));
        assertTrue(history.stream().anyMatch(i -> i.type() == MediaType.EPISODE && i.episode().orElse(0) == 148
                && i.showIds().get(MediaIds.MAL).orElse("").equals("11061")));
        assertTrue(history.stream().anyMatch(i -> i.type() == MediaType.EPISODE && i.showIds().tvdb().orElse("").equals("392256")));

        int before = wm.getAllServeEvents().size();
        SyncResult second = run();
        List<ServeEvent> events = wm.getAllServeEvents();
        assertEquals(1, events.size() - before, "an unchanged library costs one SIMKL request: "
                + events.subList(0, events.size() - before).stream().map(e -> e.getRequest().getUrl()).toList());
        assertEquals("/sync/activities", java.net.URI.create(events.get(0).getRequest().getUrl()).getPath(),
                "the newest request is the activity probe");
        assertTrue(second.totalToTarget().isEmpty() && second.totalToSource().isEmpty(), second.toString());
    }

    @Test
    void aChangeOnSimklIsReadAndCopied() {
        run();
        FAKE.seed("movie", "Past Lives", 2023, "plantowatch", "simkl", "2000001", "imdb", "tt13238346");
        wm.resetRequests();
        SyncResult r = run();
        assertEquals(SyncStatus.SUCCESS, r.status(), r.toString());
        assertTrue(local(Feature.WATCHLIST).stream().anyMatch(i -> i.ids().imdb().orElse("").equals("tt13238346")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sync/all-items")));
        wm.verify(0, postRequestedFor(anyUrl()));
        // The engine offers the watching show to the watchlist again (it never appears there);
        // the connector answers from the library it already read, sends nothing, and the engine
        // re-probes activities after the offer.
        wm.verify(2, getRequestedFor(urlPathEqualTo("/sync/activities")));
        assertEquals(3, wm.getAllServeEvents().size());
        assertEquals("watching", row("The Last of Us").status);
    }

    @Test
    void aRemovalOnSimklReachesTheLocalTracker() {
        run();
        assertTrue(local(Feature.WATCHLIST).stream().anyMatch(i -> i.ids().tvdb().orElse("").equals("371980")));
        FAKE.delete("Severance");
        SyncResult r = run();
        assertEquals(SyncStatus.SUCCESS, r.status(), r.toString());
        assertTrue(local(Feature.WATCHLIST).stream().noneMatch(i -> i.ids().tvdb().orElse("").equals("371980")),
                "a full read sees the deletion that date_from would hide");
        assertEquals(1, r.feature(Feature.WATCHLIST).orElseThrow().toSource().removed());
        assertTrue(local(Feature.WATCHLIST).stream().anyMatch(i -> i.ids().tvdb().orElse("").equals("392256")),
                "the show SIMKL keeps as watching is not a deletion from SIMKL's watchlist");
        assertEquals("watching", row("The Last of Us").status);
    }
}
