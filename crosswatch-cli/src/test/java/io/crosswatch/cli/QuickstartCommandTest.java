package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.core.local.LocalTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsTwiceInATempDirFromTheBundledSamples() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result first = cli.runRaw("quickstart", "--dir", "qs");
        assertEquals(0, first.code(), first::toString);
        Path qs = dir.resolve("qs");
        assertTrue(first.out().contains("(created: local:letterboxd <-> local, two-way)"), first::toString);
        assertTrue(first.out().contains("sample data from the CrossWatch jar"), "no install dir, not the source tree: " + first);
        assertTrue(first.out().contains("4. dry run") && first.out().contains("(dry run: nothing written)"), first::toString);
        assertTrue(first.out().contains("the second sync was a no-op"), first::toString);
        assertTrue(first.out().contains("result: success (exit 0)"), first::toString);
        try (LocalTracker local = LocalTracker.open(qs.resolve("local-tracker.db"));
             LocalTracker lb = LocalTracker.open(qs.resolve("letterboxd-tracker.db"))) {
            assertEquals(24, local.count(Feature.HISTORY));
            assertEquals(15, local.count(Feature.WATCHLIST));
            assertEquals(20, lb.count(Feature.RATINGS));
        }
        assertTrue(Files.exists(qs.resolve("config.json.README.md")));

        CliHarness.Result second = cli.runRaw("quickstart", "--dir", "qs");
        assertEquals(0, second.code(), second::toString);
        assertTrue(second.out().contains("(kept from an earlier quickstart)"), second::toString);
        assertTrue(second.out().contains("0 added,     0 updated,    24 already there"), second::toString);
        assertTrue(second.out().contains("the second sync was a no-op"), second::toString);
    }

    @Test
    void usesTheSourceTreeSamplesWhenRunThere() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path examples = dir.resolve("examples").resolve("sample-data");
        for (String f : new String[] {"letterboxd/watched.csv", "letterboxd/ratings.csv", "letterboxd/watchlist.csv",
                "imdb/ratings.csv"}) {
            Files.createDirectories(examples.resolve(f).getParent());
            Files.copy(CliHarness.SAMPLES.resolve(f), examples.resolve(f));
        }
        CliHarness.Result r = cli.runRaw("quickstart");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("sample data from " + examples), r::toString);
        assertTrue(Files.exists(dir.resolve("crosswatch-quickstart").resolve("config.json")));
    }

    @Test
    void refusesADirectoryHoldingAnotherConfig() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other").resolve("config.json"), "{\"providers\": {}}");
        CliHarness.Result r = cli.runRaw("quickstart", "--dir", "other");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("exists but is not a quickstart config"), r::toString);
    }
}
