package io.crosswatch.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ProgressEvent;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.config.ConfigStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestratorTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<String> closed = Collections.synchronizedList(new ArrayList<>());

    /** A connector named as asked, needing a {@code token} key when {@code needsToken}. */
    private final class TestConnector implements Connector {
        private final String name;
        private final boolean needsToken;
        private final Feature[] features;

        TestConnector(String name, boolean needsToken, Feature... features) {
            this.name = name;
            this.needsToken = needsToken;
            this.features = features.length == 0 ? Feature.values() : features;
        }

        @Override
        public ConnectorManifest manifest() {
            Feature[] rest = java.util.Arrays.copyOfRange(features, 1, features.length);
            return ConnectorManifest.builder(name, ApiVersion.CURRENT).features(features[0], rest).build();
        }

        @Override
        public boolean isConfigured(ProviderConfig config) {
            return !needsToken || config.has("token");
        }

        @Override
        public ConnectorSession open(ProviderContext context) {
            return new ConnectorSession() {
                @Override
                public ReadResult read(ReadRequest request) {
                    return ReadResult.complete(List.of());
                }

                @Override
                public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
                    return WriteResult.all(items, WriteResult.Outcome.ADDED);
                }

                @Override
                public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
                    return WriteResult.all(items, WriteResult.Outcome.REMOVED);
                }

                @Override
                public void close() {
                    closed.add(name + ":" + context.config().instance());
                }
            };
        }
    }

    /** Records every context it runs with. */
    private static final class RecordingModule implements SyncModule {
        final String name;
        final String handlesSource;
        final List<SyncContext> runs = Collections.synchronizedList(new ArrayList<>());
        Consumer<SyncContext> action = c -> { };

        RecordingModule(String name, String handlesSource) {
            this.name = name;
            this.handlesSource = handlesSource;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Feature> supportedFeatures() {
            return Set.of(Feature.values());
        }

        @Override
        public boolean handles(String sourceConnector, String targetConnector) {
            return sourceConnector.equals(handlesSource);
        }

        @Override
        public SyncResult runSync(SyncContext context) {
            runs.add(context);
            action.accept(context);
            return SyncResult.builder(context.runId(), context.pair().name(), context.clock().instant())
                    .dryRun(context.dryRun()).status(SyncStatus.SUCCESS).metadata("module", name).build();
        }
    }

    private static final class MemoryState implements StateStore {
        @Override
        public Optional<Baseline> baseline(String pair, Feature feature, Side side) {
            return Optional.empty();
        }

        @Override
        public void commitBaseline(String pair, Feature feature, Side side, Baseline baseline) {
        }

        @Override
        public void close() {
        }
    }

    private final RecordingModule fallback = new RecordingModule("generic", "-none-");
    private final RecordingModule special = new RecordingModule("special", "beta");

    private ConfigStore config(String json) throws IOException {
        Path f = dir.resolve("crosswatch.json");
        Files.writeString(f, json);
        return ConfigStore.open(f);
    }

    private Orchestrator orchestrator(ConfigStore store, Connector... connectors) {
        PlatformManager.Builder pb = PlatformManager.builder().autoDiscovery(false).clock(clock).configStore(store)
                .register(special);
        for (Connector c : connectors) {
            pb.register(c);
        }
        return Orchestrator.builder().platform(pb.build()).stateStore(new MemoryState()).fallback(fallback).build();
    }

    private static final String PAIRS = """
            {"providers": {"beta": {"token": "t"}},
             "pairs": [
              {"name": "one", "source": "alpha", "target": "beta", "mode": "one_way_add"},
              {"name": "two", "source": "beta", "target": "alpha:work", "mode": "two_way",
               "features": {"watchlist": true, "ratings": true}},
              {"name": "three", "source": "alpha", "target": "gamma", "mode": "one_way_add"},
              {"name": "four", "source": "alpha", "target": "locked", "mode": "one_way_add"}
             ],
             "sync": {"dryRun": true, "guards": {"massDeletePercent": "15"}}}
            """;

    @Test
    void runsPairsInOrderWithTheRightModuleAndSkipsWhatCannotRun() throws IOException {
        Orchestrator o = orchestrator(config(PAIRS), new TestConnector("alpha", false, Feature.WATCHLIST, Feature.HISTORY),
                new TestConnector("beta", true), new TestConnector("locked", true));
        List<ProgressEvent> progress = new ArrayList<>();
        RunReport report = o.run(RunRequest.builder().progress(progress::add).build());

        assertEquals(List.of("one", "two", "three", "four"), report.results().stream().map(SyncResult::pair).toList());
        assertEquals("generic", report.result("one").orElseThrow().metadata().get("module"));
        assertEquals("special", report.result("two").orElseThrow().metadata().get("module"));
        assertSame(o.moduleFor("beta", "x"), special);
        assertSame(o.moduleFor("alpha", "beta"), fallback);

        SyncResult three = report.result("three").orElseThrow();
        assertEquals(SyncStatus.SKIPPED, three.status());
        assertTrue(three.warnings().get(0).contains("connector 'gamma' is not installed"), three.warnings().toString());
        SyncResult four = report.result("four").orElseThrow();
        assertEquals(SyncStatus.SKIPPED, four.status());
        assertTrue(four.warnings().get(0).contains("locked is not configured; run 'crosswatch connect locked'"),
                four.warnings().toString());
        assertEquals(SyncStatus.SUCCESS, report.status());

        SyncContext one = fallback.runs.get(0);
        assertTrue(one.dryRun(), "config default sync.dryRun reaches the module");
        assertEquals(Set.of(Feature.WATCHLIST, Feature.HISTORY), one.pair().enabledFeatures(),
                "narrowed to what both connectors support");
        assertEquals("15", one.pair().options().get("massDeletePercent"));
        SyncContext two = special.runs.get(0);
        assertEquals(Set.of(Feature.WATCHLIST), two.pair().enabledFeatures());
        assertEquals("work", two.pair().target().instance());
        assertEquals(List.of("beta:default", "alpha:default", "alpha:work", "beta:default"), closed,
                "both sessions of every run pair are closed");
        assertEquals(5, progress.size());
        assertEquals("one", progress.get(0).note());
    }

    private static void assertSame(Object a, Object b) {
        org.junit.jupiter.api.Assertions.assertSame(b, a);
    }

    @Test
    void requestOverridesDryRunAndSelectsPairsByName() throws IOException {
        Orchestrator o = orchestrator(config(PAIRS), new TestConnector("alpha", false), new TestConnector("beta", true));
        RunReport report = o.run(RunRequest.builder().pair("two").pair("one").dryRun(false).force(true).build());
        assertEquals(List.of("one", "two"), report.results().stream().map(SyncResult::pair).toList(), "config order");
        assertFalse(report.dryRun());
        assertFalse(fallback.runs.get(0).dryRun());
        assertTrue(fallback.runs.get(0).force());
        ConfigException e = assertThrows(ConfigException.class, () -> o.run(RunRequest.builder().pair("nope").build()));
        assertTrue(e.getMessage().contains("no pair named 'nope'; configured pairs: one, two, three, four"), e.getMessage());
    }

    @Test
    void cancellationStopsTheRemainingPairs() throws IOException {
        Orchestrator o = orchestrator(config(PAIRS), new TestConnector("alpha", false), new TestConnector("beta", true));
        CancellationToken token = CancellationToken.create();
        fallback.action = c -> c.cancellation().cancel("user pressed ctrl-c");
        RunReport report = o.run(RunRequest.builder().cancellation(token).build());
        assertEquals(SyncStatus.SUCCESS, report.result("one").orElseThrow().status());
        assertTrue(fallback.runs.get(0).cancellation() == token);
        for (String p : List.of("two", "three", "four")) {
            assertEquals(SyncStatus.CANCELLED, report.result(p).orElseThrow().status(), p);
        }
        assertEquals(SyncStatus.CANCELLED, report.status());
        assertTrue(special.runs.isEmpty());

        fallback.action = c -> c.cancellation().throwIfCancelled();
        RunReport thrown = o.run(RunRequest.builder().cancellation(token).pair("one").build());
        assertEquals(SyncStatus.CANCELLED, thrown.status());

        RunReport late = o.run(RunRequest.builder().deadline(clock.instant()).build());
        assertTrue(late.results().stream().allMatch(r -> r.status() == SyncStatus.CANCELLED
                && r.warnings().get(0).contains("deadline")));
    }

    @Test
    void aSecondConcurrentRunIsRefusedAtOnce() throws Exception {
        ConfigStore store = config(PAIRS);
        Orchestrator o = orchestrator(store, new TestConnector("alpha", false), new TestConnector("beta", true));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fallback.action = c -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RunReport> first = pool.submit(() -> o.run(RunRequest.builder().pair("one").build()));
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            Path lock = dir.resolve("crosswatch.json.lock");
            assertEquals(lock, o.lockFile().orElseThrow());
            RunInProgressException e = assertThrows(RunInProgressException.class, () -> o.run(RunRequest.all()));
            assertEquals("another sync is running for " + store.path() + " (lock " + lock + ")", e.getMessage());
            Orchestrator other = orchestrator(store, new TestConnector("alpha", false));
            assertThrows(RunInProgressException.class, () -> other.run(RunRequest.all()), "same config, other instance");
            release.countDown();
            assertEquals(SyncStatus.SUCCESS, first.get(30, TimeUnit.SECONDS).status());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        fallback.action = c -> { };
        assertEquals(SyncStatus.SUCCESS, o.run(RunRequest.builder().pair("one").build()).status(), "lock released");
    }

    @Test
    void aThrowingModuleFailsOnlyItsPair() throws IOException {
        Orchestrator o = orchestrator(config(PAIRS), new TestConnector("alpha", false), new TestConnector("beta", true));
        fallback.action = c -> {
            throw new IllegalStateException("engine bug");
        };
        RunReport report = o.run(RunRequest.all());
        SyncResult one = report.result("one").orElseThrow();
        assertEquals(SyncStatus.FAILED, one.status());
        assertTrue(one.errors().get(0).contains("engine bug"));
        assertEquals(SyncStatus.SUCCESS, report.result("two").orElseThrow().status());
        assertEquals(SyncStatus.FAILED, report.status());
    }
}
