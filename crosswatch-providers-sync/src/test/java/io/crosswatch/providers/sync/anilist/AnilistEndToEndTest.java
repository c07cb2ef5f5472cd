package io.crosswatch.providers.sync.anilist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AniList → local tracker history through the generic sync engine, AniList being the WireMock GraphQL fake. */
class AnilistEndToEndTest {

    private static final AnilistFake FAKE = new AnilistFake();

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
        FAKE.put(1535, "COMPLETED", 9).putObject("completedAt").put("year", 2024).put("month", 3).put("day", 9);
        FAKE.put(199, "REPEATING", 0);
        FAKE.put(16498, "CURRENT", 0);
        FAKE.put(999001, "COMPLETED", 0); // no MyAnimeList id: cannot be matched anywhere
    }

    private SyncResult run() {
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        AnilistConnector anilist = new AnilistConnector(toolkit);
        LocalTrackerConnector localConnector = new LocalTrackerConnector();
        PairSpec pair = PairSpec.builder(Endpoint.parse("anilist"), Endpoint.parse("local"), SyncMode.ONE_WAY_ADD)
                .feature(Feature.HISTORY, FeatureOptions.ALL).build();
        try (ConnectorSession source = anilist.open(TestContext.of(ProviderConfig.of("anilist", "default",
                     Map.of("accessToken", AnilistFake.TOKEN, "baseUrl", wm.baseUrl())), time));
             ConnectorSession target = localConnector.open(TestContext.of(ProviderConfig.of("local", "default",
                     Map.of("path", dir.resolve("local.db").toString())), time))) {
            return new GenericSyncModule().runSync(SyncContext.builder(pair)
                    .source(anilist.manifest(), source).target(localConnector.manifest(), target)
                    .state(state).clock(time.clock()).build());
        }
    }

    @Test
    void completedAndRewatchedAnimeBecomeLocalHistoryWithTheirDates() {
        SyncResult first = run();

        assertEquals(SyncStatus.SUCCESS, first.status(), first.toString());
        var outcome = first.feature(Feature.HISTORY).orElseThrow();
        assertEquals(2, outcome.toTarget().added());
        assertEquals(1, outcome.unresolved(), "the entry without a MyAnimeList id");
        assertTrue(outcome.notes().stream().anyMatch(n -> n.contains("MyAnimeList")), outcome.notes().toString());
        try (LocalTracker local = LocalTracker.open(dir.resolve("local.db"), time.clock())) {
            List<MediaItem> history = local.items(Feature.HISTORY);
            Set<String> mal = history.stream().map(i -> i.ids().get("mal").orElse("?")).collect(Collectors.toSet());
            assertEquals(Set.of("1535", "199"), mal, history.toString());
            MediaItem deathNote = history.stream().filter(i -> i.ids().get("mal").orElse("").equals("1535")).findFirst().orElseThrow();
            assertEquals(Instant.parse("2024-03-09T00:00:00Z"), deathNote.watchedAt().orElseThrow());
        }
        assertTrue(wm.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getBodyAsString().contains("mutation")),
                "a one-way sync into local never writes to AniList");
        assertEquals(2, wm.getAllServeEvents().size(), "Viewer and one collection chunk");

        SyncResult second = run();
        assertEquals(0, second.feature(Feature.HISTORY).orElseThrow().toTarget().added(), second.toString());
    }
}
