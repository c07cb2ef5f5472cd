package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOutcome;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.ProgressEvent;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.config.CrossWatchConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync command's plumbing (pair and feature selection, progress, report table and JSON, exit
 * codes, the guard hint) with a scripted sync module; the real engine is exercised end to end
 * in {@code EndToEndTest}.
 */
class SyncCommandTest {

    @TempDir
    Path dir;
    CliHarness cli;
    final Scripted module = new Scripted();

    /** Returns a scripted status per pair and records what it was asked to do. */
    static final class Scripted implements SyncModule {
        final List<SyncContext> runs = new ArrayList<>();
        Map<String, SyncStatus> status = Map.of();
        int held;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Set<Feature> supportedFeatures() {
            return EnumSet.allOf(Feature.class);
        }

        @Override
        public SyncResult runSync(SyncContext ctx) {
            runs.add(ctx);
            ctx.progress().onProgress(new ProgressEvent("read", 1, 2, null));
            ctx.progress().onProgress(new ProgressEvent("read", 2, 2, null));
            ctx.progress().onProgress(new ProgressEvent("apply", 1, 1, null));
            SyncStatus s = status.getOrDefault(ctx.pair().name(), SyncStatus.SUCCESS);
            SyncResult.Builder b = SyncResult.builder(ctx.runId(), ctx.pair().name(), ctx.clock().instant())
                    .dryRun(ctx.dryRun()).status(s).phase("read", Duration.ofMillis(12)).phase("plan", Duration.ofMillis(3))
                    .phase("apply", Duration.ofMillis(40)).finishedAt(ctx.clock().instant());
            for (Feature f : ctx.pair().enabledFeatures()) {
                b.feature(new FeatureOutcome(f, s, new FeatureOutcome.Counts(2, 0, 1), FeatureOutcome.Counts.ZERO,
                        f == Feature.RATINGS ? 1 : 0, f == Feature.WATCHLIST ? held : 0, List.of()));
            }
            if (s == SyncStatus.FAILED) {
                b.error("trakt: the token expired; run 'crosswatch connect trakt'");
            }
            return b.build();
        }
    }

    /** Baselines in memory. */
    static final class MemoryState implements StateStore {
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

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
        cli.fallback = () -> module;
        cli.stateStores = p -> new MemoryState();
        assertEquals(0, cli.run("init").code());
        CrossWatchConfig cfg = ConfigStore.open(cli.config).load()
                .withProviderValues("local", "b", Map.of("path", dir.resolve("b.db").toString()));
        PairSpec ab = PairSpec.builder(Endpoint.parse("local"), Endpoint.parse("local:b"), SyncMode.TWO_WAY).name("ab")
                .allFeatures().build();
        PairSpec ba = PairSpec.builder(Endpoint.parse("local:b"), Endpoint.parse("local"), SyncMode.ONE_WAY_ADD).name("ba")
                .allFeatures().build();
        ConfigStore.open(cli.config).save(cfg.withPairs(List.of(ab, ba)));
    }

    @Test
    void successPrintsATablePerPairAndFeatureWithTimings() {
        CliHarness.Result r = cli.run("sync");
        assertEquals(0, r.code(), r::toString);
        assertEquals(2, module.runs.size());
        assertTrue(r.out().contains("pair ab: success"), r::toString);
        assertTrue(r.out().contains("pair ba: success"), r::toString);
        assertTrue(r.out().matches("(?s).*  ratings +success +to target +2 +0 +1 +1 +0\n.*"), r::toString);
        assertTrue(r.out().contains("timings: read 12 ms, plan 3 ms, apply 40 ms"), r::toString);
        assertTrue(r.out().contains("result: success (exit 0)"), r::toString);
        assertTrue(r.out().contains("'crosswatch unresolved'"), r::toString);
        assertTrue(r.err().contains("pair ab (1/2)") && r.err().contains("  read 2/2"), "plain progress lines: " + r);
        assertFalse(r.err().contains("\r"), "no live line without a terminal");
    }

    @Test
    void liveProgressOnATerminal() {
        cli.terminal = true;
        CliHarness.Result r = cli.run("sync", "--pair", "ab");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("\r  read 1/2") && r.err().contains("\r  read 2/2"), r::toString);
    }

    @Test
    void pairFeatureDryRunAndForceReachTheModule() {
        CliHarness.Result r = cli.run("sync", "--pair", "ba", "--feature", "ratings,history", "--dry-run", "--force");
        assertEquals(0, r.code(), r::toString);
        assertEquals(1, module.runs.size());
        SyncContext ctx = module.runs.get(0);
        assertEquals("ba", ctx.pair().name());
        assertEquals(EnumSet.of(Feature.RATINGS, Feature.HISTORY), ctx.pair().enabledFeatures());
        assertTrue(ctx.dryRun());
        assertTrue(ctx.force());
        assertTrue(r.out().contains("(dry run: nothing written)"), r::toString);
    }

    @Test
    void partialAndFailureExitCodesWithTheReason() {
        module.status = Map.of("ab", SyncStatus.FAILED);
        CliHarness.Result partial = cli.run("sync");
        assertEquals(1, partial.code(), partial::toString);
        assertTrue(partial.out().contains("error: trakt: the token expired; run 'crosswatch connect trakt'"), partial::toString);
        assertTrue(partial.out().contains("result: partial (exit 1)"), partial::toString);

        module.status = Map.of("ab", SyncStatus.FAILED, "ba", SyncStatus.FAILED);
        CliHarness.Result failed = cli.run("sync");
        assertEquals(2, failed.code(), failed::toString);
        assertTrue(failed.out().contains("result: failure (exit 2)"), failed::toString);

        module.status = Map.of("ba", SyncStatus.PARTIAL);
        assertEquals(1, cli.run("sync").code());
    }

    @Test
    void guardHoldsAreExplainedWithHowToForce() {
        module.held = 7;
        module.status = Map.of("ab", SyncStatus.PARTIAL, "ba", SyncStatus.PARTIAL);
        CliHarness.Result r = cli.run("sync");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("14 removal(s) were held back by a guard"), r::toString);
        assertTrue(r.out().contains("'crosswatch sync --dry-run'") && r.out().contains("'crosswatch sync --force'"), r::toString);
    }

    @Test
    void jsonReportForScripts() throws Exception {
        module.held = 1;
        CliHarness.Result r = cli.run("sync", "--json", "--feature", "watchlist");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), "no progress with --json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("success", json.get("outcome").asText());
        assertEquals(0, json.get("exitCode").asInt());
        assertEquals(2, json.get("heldByGuard").asInt());
        JsonNode ab = json.get("pairs").get(0);
        assertEquals("ab", ab.get("pair").asText());
        assertEquals(12, ab.get("phasesMs").get("read").asInt());
        assertEquals(40, ab.get("phasesMs").get("apply").asInt());
        JsonNode watchlist = ab.get("features").get(0);
        assertEquals("watchlist", watchlist.get("feature").asText());
        assertEquals(2, watchlist.get("toTarget").get("added").asInt());
        assertEquals(1, watchlist.get("toTarget").get("updated").asInt());
        assertEquals(1, ab.get("features").size());
    }

    @Test
    void unknownPairAndMissingPairs() throws Exception {
        CliHarness.Result r = cli.run("sync", "--pair", "nope");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("error: no pair named 'nope'"), r::toString);
        assertTrue(r.err().contains("hint: configured pairs: ab, ba"), r::toString);
        ConfigStore.open(cli.config).save(ConfigStore.open(cli.config).load().withPairs(List.of()));
        CliHarness.Result none = cli.run("sync");
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().startsWith("error: no pairs are configured"), none::toString);
        assertTrue(none.err().contains("crosswatch quickstart"), none::toString);
    }

    @Test
    void lockHeldByAnotherRunIsOneLineWithAHint() throws Exception {
        Path lock = cli.config.resolveSibling("config.json.lock");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = ch.lock()) {
            assertTrue(held.isValid());
            CliHarness.Result r = cli.run("sync");
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().startsWith("error: "), r::toString);
            assertTrue(r.err().contains("hint: wait for the other run to finish"), r::toString);
            assertTrue(module.runs.isEmpty());
        }
    }
}
