package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.state.RunRecord;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.core.state.StateCommit;
import io.crosswatch.core.sync.UnresolvedItem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init → import the samples → sync --dry-run → sync → sync (no-op) → status / unresolved, with the real engine. */
class EndToEndTest {

    @TempDir
    Path dir;
    CliHarness cli;
    Path lb;
    Path local;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
        assertEquals(0, cli.run("init").code());
        lb = dir.resolve("lb.db");
        local = cli.config.resolveSibling("local-tracker.db");
        CrossWatchConfig cfg = ConfigStore.open(cli.config).load()
                .withProviderValues("local", "lb", Map.of("path", lb.toString()));
        PairSpec pair = PairSpec.builder(new Endpoint("local", "lb"), Endpoint.parse("local"), SyncMode.TWO_WAY)
                .name("lb-local").allFeatures().build();
        ConfigStore.open(cli.config).save(cfg.withPairs(List.of(pair)));
    }

    private static int count(Path file, Feature f) {
        try (LocalTracker t = LocalTracker.open(file)) {
            return t.count(f);
        }
    }

    @Test
    void importDryRunSyncAndNoOp() throws Exception {
        for (String f : new String[] {"letterboxd/watched.csv", "letterboxd/watchlist.csv"}) {
            CliHarness.Result r = cli.run("import", CliHarness.SAMPLES.resolve(f).toString(), "--into", "local:lb");
            assertEquals(0, r.code(), r::toString);
        }
        assertEquals(0, cli.run("import", CliHarness.SAMPLES.resolve("imdb/ratings.csv").toString()).code());

        CliHarness.Result dry = cli.run("sync", "--dry-run");
        assertEquals(0, dry.code(), dry::toString);
        assertTrue(dry.out().contains("(dry run: nothing written)"), dry::toString);
        assertTrue(dry.out().matches("(?s).*  history +success +to target +24 +0 +0 .*"), dry::toString);
        assertEquals(0, count(local, Feature.HISTORY), "a dry run writes nothing");
        assertEquals(0, count(lb, Feature.RATINGS));

        CliHarness.Result sync = cli.run("sync");
        assertEquals(0, sync.code(), sync::toString);
        assertTrue(sync.out().matches("(?s).*  watchlist +success +to target +15 +0 +0 .*"), sync::toString);
        assertTrue(sync.out().matches("(?s).*  ratings +success +to target +0 +0 +0 .*\n +to source +20 +0 +0 .*"), sync::toString);
        assertTrue(sync.out().contains("timings: read "), sync::toString);
        assertEquals(24, count(local, Feature.HISTORY));
        assertEquals(15, count(local, Feature.WATCHLIST));
        assertEquals(20, count(lb, Feature.RATINGS));
        try (LocalTracker t = LocalTracker.open(lb)) {
            MediaItem shawshank = t.items(Feature.RATINGS).stream()
                    .filter(i -> i.ids().imdb().filter("tt0111161"::equals).isPresent()).findFirst().orElseThrow();
            assertEquals(10, shawshank.rating().orElseThrow());
        }

        CliHarness.Result again = cli.run("sync", "--json");
        assertEquals(0, again.code(), again::toString);
        JsonNode json = new ObjectMapper().readTree(again.out());
        for (JsonNode f : json.get("pairs").get(0).get("features")) {
            for (String dirName : new String[] {"toTarget", "toSource"}) {
                for (String k : new String[] {"added", "removed", "updated"}) {
                    assertEquals(0, f.get(dirName).get(k).asInt(), () -> "second sync is a no-op: " + again.out());
                }
            }
        }
        assertTrue(json.get("pairs").get(0).get("phasesMs").has("read"));

        CliHarness.Result status = cli.run("status");
        assertEquals(0, status.code(), status::toString);
        assertTrue(status.out().contains("pair lb-local (local:lb -> local, two_way)"), status::toString);
        assertEquals(2, status.out().lines().filter(l -> l.contains(" success ")).count(), "dry runs are not recorded: " + status);
        assertTrue(status.out().contains("guards: 0 tombstone(s), 0 unresolved item(s)"), status::toString);
        assertTrue(cli.run("unresolved").out().contains("nothing unresolved"));
    }

    @Test
    void undoRevertsARunOnBothSides() throws Exception {
        assertEquals(0, cli.run("import", CliHarness.SAMPLES.resolve("letterboxd/watchlist.csv").toString(),
                "--into", "local:lb").code());
        assertEquals(0, cli.run("import", CliHarness.SAMPLES.resolve("imdb/ratings.csv").toString()).code());
        CliHarness.Result sync = cli.run("sync", "--json");
        assertEquals(0, sync.code(), sync::toString);
        String runId = new ObjectMapper().readTree(sync.out()).get("runId").asText();
        assertEquals(15, count(local, Feature.WATCHLIST));
        assertEquals(20, count(lb, Feature.RATINGS));

        CliHarness.Result dry = cli.run("undo", runId, "--dry-run");
        assertEquals(0, dry.code(), dry::toString);
        assertEquals(15, count(local, Feature.WATCHLIST), "a dry-run undo writes nothing");

        CliHarness.Result undo = cli.run("undo", runId);
        assertEquals(0, undo.code(), undo::toString);
        assertTrue(undo.out().contains("undo of " + runId), undo::toString);
        assertEquals(0, count(local, Feature.WATCHLIST), "the watchlist copied by the run is gone again");
        assertEquals(0, count(lb, Feature.RATINGS), "the ratings copied by the run are gone again");
        assertEquals(15, count(lb, Feature.WATCHLIST), "what the user had before the run stays");
        assertEquals(20, count(local, Feature.RATINGS));

        CliHarness.Result again = cli.run("sync", "--dry-run", "--json");
        assertEquals(0, again.code(), again::toString);
        for (JsonNode f : new ObjectMapper().readTree(again.out()).get("pairs").get(0).get("features")) {
            assertEquals(0, f.get("toTarget").get("removed").asInt(), () -> "the undo is not read as deletions: " + again.out());
            assertEquals(0, f.get("toSource").get("removed").asInt(), () -> "the undo is not read as deletions: " + again.out());
        }

        CliHarness.Result unknown = cli.run("undo", "no-such-run");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("no-such-run"), unknown::toString);
    }

    @Test
    void statusBeforeAnyRunAndUnknownPair() {
        CliHarness.Result r = cli.run("status");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("no runs recorded yet"), r::toString);
        CliHarness.Result bad = cli.run("status", "--pair", "nope");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("hint: configured pairs: lb-local"), bad::toString);
    }

    @Test
    void unresolvedListsReasonAndHint() {
        assertEquals(0, cli.run("sync").code());
        CrossWatchConfig cfg = ConfigStore.open(cli.config).load();
        Instant now = cli.time.clock().instant();
        MediaItem noIds = MediaItem.builder(MediaType.MOVIE).title("Perfect Days").year(2023).build();
        MediaItem limited = MediaItem.builder(MediaType.MOVIE).title("Alien").year(1979).id("imdb", "tt0078748").build();
        try (SqliteStateStore s = SqliteStateStore.open(cfg.stateFile())) {
            s.commit(StateCommit.builder("lb-local", now)
                    .unresolved(new UnresolvedItem(Feature.WATCHLIST, Side.TARGET, noIds, "not found on local", 1, now,
                            now.plusSeconds(3600)))
                    .unresolved(new UnresolvedItem(Feature.RATINGS, Side.SOURCE, limited, "account limit reached", 2, now,
                            now.plusSeconds(7200)))
                    .build());
        }
        CliHarness.Result all = cli.run("unresolved");
        assertEquals(0, all.code(), all::toString);
        assertTrue(all.out().contains("pair lb-local: 2 unresolved item(s)"), all::toString);
        assertTrue(all.out().contains("watchlist -> local: Perfect Days (2023)"), all::toString);
        assertTrue(all.out().contains("no external ids"), all::toString);
        assertTrue(all.out().contains("ratings -> local:lb: Alien (1979)"), all::toString);
        assertTrue(all.out().contains("account reached a limit"), all::toString);
        CliHarness.Result ratings = cli.run("unresolved", "--feature", "ratings");
        assertTrue(ratings.out().contains("1 unresolved item(s)") && !ratings.out().contains("Perfect Days"), ratings::toString);
        assertTrue(cli.run("status").out().contains("2 unresolved item(s) ('crosswatch unresolved --pair lb-local'"));
    }

    @Test
    void statusShowsRunIdsAndAnInterruptedRun() {
        assertEquals(0, cli.run("sync").code());
        CrossWatchConfig cfg = ConfigStore.open(cli.config).load();
        String done;
        try (SqliteStateStore s = SqliteStateStore.open(cfg.stateFile())) {
            done = s.runs("lb-local", 1).get(0).runId();
            // what a sync killed mid-apply leaves: its start recorded, its end never
            s.beginRun(RunRecord.begun("killed-run", "lb-local", cli.time.clock().instant().plusSeconds(60)));
        }
        CliHarness.Result status = cli.run("status");
        assertEquals(0, status.code(), status::toString);
        assertTrue(status.out().contains("run " + done), status::toString);
        assertTrue(status.out().contains("interrupted run killed-run never finished"), status::toString);
        assertTrue(status.out().contains("'crosswatch undo killed-run'"), status::toString);
    }
}
