package io.crosswatch.providers.sync.simkl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.local.LocalTrackerConnector;
import io.crosswatch.core.scrobble.ScrobbleManager;
import io.crosswatch.core.scrobble.ScrobbleResult;
import io.crosswatch.core.scrobble.ScrobbleSettings;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plex-style stops through the {@link ScrobbleManager} to SIMKL (the stateful fake on WireMock),
 * then a history sync of the same plays from a local tracker through {@link GenericSyncModule}:
 * one {@code /scrobble/stop} per real play, and the sync does not post a scrobbled play again.
 */
class SimklScrobbleEndToEndTest {

    static final SimklFake FAKE = new SimklFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    static final Instant PLAYED = Instant.parse("2026-03-01T20:00:00Z");
    static final MediaItem DUNE = MediaItem.builder(MediaType.MOVIE).title("Dune: Part Two").year(2024)
            .ids(MediaIds.of("imdb", "tt15239678", "tmdb", "693134")).build();
    static final MediaItem SEVERANCE_2X1 = MediaItem.builder(MediaType.EPISODE).showTitle("Severance")
            .showIds(MediaIds.of("tvdb", "371980", "imdb", "tt11280740")).season(2).episode(1).build();
    static final PairSpec PAIR = PairSpec.builder(Endpoint.parse("local"), Endpoint.parse("simkl"), SyncMode.ONE_WAY_ADD)
            .name("local-simkl").feature(Feature.HISTORY, FeatureOptions.ALL).build();

    @TempDir
    Path dir;

    final VirtualTime time = VirtualTime.startingAt(PLAYED);
    Path localFile;
    HttpToolkit toolkit;

    @BeforeEach
    void setUp() {
        wm.resetAll();
        FAKE.reset();
        FAKE.useClock(time.clock()::instant);
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(SimklFake.NAME)));
        localFile = dir.resolve("local.db");
        toolkit = HttpToolkit.builder().okHttpClient(SimklConnectorContractTest.OK_HTTP).clock(time.clock())
                .sleeper(time.sleeper()).build();
    }

    ScrobbleManager manager(InMemoryStateStore state) throws Exception {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"providers\":{\"simkl\":{\"clientId\":\"" + SimklFake.CLIENT + "\",\"accessToken\":\""
                + SimklFake.TOKEN + "\",\"baseUrl\":\"" + wm.baseUrl() + "\"}}}");
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(cfg))
                .clock(time.clock()).sleeper(time.sleeper())
                .register(new SimklScrobbleTarget(toolkit)).register(new SimklConnector(toolkit)).build();
        return ScrobbleManager.builder().platform(platform).store(state).pairs(List.of(PAIR))
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("simkl")).build()).build();
    }

    static ScrobbleEvent stop(MediaItem item, Instant at, double percent) {
        return new ScrobbleEvent(ScrobbleEvent.Kind.STOP, item, percent, null, at, "plex", "alice", "Home", "Library");
    }

    void played(MediaItem item, Instant at) {
        try (LocalTracker local = LocalTracker.open(localFile, time.clock())) {
            local.add(Feature.HISTORY, List.of(item.toBuilder().watchedAt(at).build()), false);
        }
    }

    SyncResult sync(InMemoryStateStore state) {
        LocalTrackerConnector local = new LocalTrackerConnector();
        SimklConnector simkl = new SimklConnector(toolkit);
        ProviderContext localCtx = TestContext.of(ProviderConfig.of("local", "default", Map.of("path", localFile.toString())), time);
        ProviderContext simklCtx = TestContext.of(SimklConnectorContractTest.config(wm.baseUrl()), time);
        try (ConnectorSession ls = local.open(localCtx); ConnectorSession ss = simkl.open(simklCtx)) {
            return new GenericSyncModule().runSync(SyncContext.builder(PAIR).source(local.manifest(), ls)
                    .target(simkl.manifest(), ss).state(state).clock(time.clock()).sleeper(time.sleeper()).build());
        }
    }

    static int posts(String path) {
        return wm.findAll(postRequestedFor(urlPathEqualTo(path))).size();
    }

    @Test
    void oneStopPerRealPlayAndALaterSyncDoesNotPostTheScrobbledPlaysAgain() throws Exception {
        InMemoryStateStore state = new InMemoryStateStore();
        ScrobbleManager manager = manager(state);

        // the movie: Plex's scrobble at 90 %, then its stop at the end, both webhooks arriving
        played(DUNE, PLAYED);
        time.advance(Duration.ofSeconds(40));
        assertEquals(ScrobbleResult.Status.RECORDED, manager.onEvent(stop(DUNE, PLAYED, 91)).get(0).status());
        time.advance(Duration.ofMinutes(8));
        assertEquals(ScrobbleResult.Status.ALREADY_PRESENT, manager.onEvent(stop(DUNE, PLAYED.plusSeconds(480), 100)).get(0).status());

        // an episode, five hours later
        Instant episodeAt = PLAYED.plus(Duration.ofHours(5));
        time.advance(Duration.between(time.clock().instant(), episodeAt).plusSeconds(20));
        played(SEVERANCE_2X1, episodeAt);
        assertEquals(ScrobbleResult.Status.RECORDED, manager.onEvent(stop(SEVERANCE_2X1, episodeAt, 95)).get(0).status());
        assertEquals(2, posts("/scrobble/stop"), "one stop per real play");

        time.advance(Duration.ofMinutes(30));
        SyncResult r = sync(state);
        assertEquals(SyncStatus.SUCCESS, r.status(), r + " " + r.errors());
        assertEquals(0, posts("/sync/history"), "the sync recognises both scrobbled plays");
        assertEquals(0, r.features().get(Feature.HISTORY).toTarget().added(), r.toString());
        assertEquals(2, posts("/scrobble/stop"));
        assertEquals("2026-03-01T20:00:40Z", FAKE.rows().stream().filter(x -> x.kind.equals("movie")).findFirst()
                .orElseThrow().lastWatchedAt, "SIMKL stamped the scrobble's receive time");

        // the same movie watched again the next day is a new play: one more stop
        Instant again = PLAYED.plus(Duration.ofDays(1));
        time.advance(Duration.between(time.clock().instant(), again).plusSeconds(5));
        assertEquals(ScrobbleResult.Status.RECORDED, manager.onEvent(stop(DUNE, again, 97)).get(0).status());
        assertEquals(3, posts("/scrobble/stop"));
    }

    @Test
    void aPlayThatWasNeverScrobbledIsStillPostedBySync() throws Exception {
        InMemoryStateStore state = new InMemoryStateStore();
        ScrobbleManager manager = manager(state);
        played(DUNE, PLAYED);
        played(SEVERANCE_2X1, PLAYED.plusSeconds(7200));
        time.advance(Duration.ofMinutes(1));
        manager.onEvent(stop(DUNE, PLAYED, 95)); // the episode's webhook never arrived
        time.advance(Duration.ofHours(3));
        SyncResult r = sync(state);
        assertEquals(SyncStatus.SUCCESS, r.status(), r + " " + r.errors());
        assertEquals(1, posts("/scrobble/stop"));
        assertEquals(1, posts("/sync/history"), "the sync fills in what the scrobbler missed: " + r);
        assertEquals(1, r.features().get(Feature.HISTORY).toTarget().added(), r.toString());
        assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo("/sync/history"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("tt15239678"))).size(),
                "only the episode is posted, not the scrobbled movie");
    }
}
