package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.local.LocalTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportExportCommandTest {

    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
        assertEquals(0, cli.run("init").code());
        CrossWatchConfig cfg = ConfigStore.open(cli.config).load();
        for (String instance : new String[] {"lb", "copy"}) {
            cfg = cfg.withProviderValues("local", instance, Map.of("path", dir.resolve(instance + ".db").toString()));
        }
        ConfigStore.open(cli.config).save(cfg);
    }

    @Test
    void importsLetterboxdIntoAnInstanceAndReimportChangesNothing() {
        CliHarness.Result r = cli.run("import", CliHarness.SAMPLES.resolve("letterboxd").toString(), "--into", "local:lb");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("(letterboxd) into local:lb"), r::toString);
        try (LocalTracker t = LocalTracker.open(dir.resolve("lb.db"))) {
            assertEquals(15, t.count(Feature.WATCHLIST));
            assertEquals(20, t.count(Feature.RATINGS));
            assertEquals(24, t.count(Feature.HISTORY));
        }
        CliHarness.Result again = cli.run("import", CliHarness.SAMPLES.resolve("letterboxd").toString(), "--into", "local:lb");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("ratings       20 read,     0 added,     0 updated,    20 already there"), again::toString);
    }

    @Test
    void importsImdbRatingsIntoTheDefaultTracker() {
        CliHarness.Result r = cli.run("import", CliHarness.SAMPLES.resolve("imdb/ratings.csv").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("(imdb ratings) into local ("), r::toString);
        try (LocalTracker t = LocalTracker.open(cli.config.resolveSibling("local-tracker.db"))) {
            assertEquals(20, t.count(Feature.RATINGS));
            assertTrue(t.items(Feature.RATINGS).stream().allMatch(i -> i.ids().imdb().isPresent()));
        }
    }

    @Test
    void jsonExportRoundTripIsLossless() throws Exception {
        assertEquals(0, cli.run("import", CliHarness.SAMPLES.resolve("letterboxd").toString(), "--into", "local:lb").code());
        assertEquals(0, cli.run("import", CliHarness.SAMPLES.resolve("imdb/ratings.csv").toString(), "--into", "local:lb").code());
        Path first = dir.resolve("out/first.json");
        CliHarness.Result ex = cli.run("export", "--from", "local:lb", "--format", "json", "--output", first.toString());
        assertEquals(0, ex.code(), ex::toString);
        assertTrue(ex.err().matches("(?s)exported \\d+ row\\(s\\) from local:lb as json.*"), ex::toString);

        CliHarness.Result im = cli.run("import", first.toString(), "--into", "local:copy");
        assertEquals(0, im.code(), im::toString);
        assertTrue(im.out().contains("(item json)"), im::toString);
        CliHarness.Result second = cli.run("export", "--from", "local:copy", "--format", "json");
        assertEquals(0, second.code(), second::toString);
        assertEquals(Files.readString(first), second.out(), "export → import → export is byte-identical");

        try (LocalTracker a = LocalTracker.open(dir.resolve("lb.db")); LocalTracker b = LocalTracker.open(dir.resolve("copy.db"))) {
            for (Feature f : Feature.values()) {
                List<MediaItem> x = a.items(f);
                assertEquals(x, b.items(f), f.key());
            }
        }
    }

    @Test
    void exportsCsvLetterboxdAndImdb() throws Exception {
        assertEquals(0, cli.run("import", CliHarness.SAMPLES.resolve("imdb/ratings.csv").toString()).code());
        CliHarness.Result csv = cli.run("export", "--format", "csv");
        assertEquals(0, csv.code(), csv::toString);
        assertTrue(csv.out().startsWith("feature,type,title,year,imdb"), csv::toString);
        assertEquals(21, csv.out().lines().count());
        CliHarness.Result imdb = cli.run("export", "--format", "imdb", "--feature", "ratings");
        assertTrue(imdb.out().startsWith("Const,Your Rating"), imdb::toString);
        assertTrue(imdb.out().contains("tt0111161,10,"), imdb::toString);
        CliHarness.Result lb = cli.run("export", "--format", "letterboxd", "--output", "lb.csv");
        assertEquals(0, lb.code(), lb::toString);
        assertTrue(Files.readString(dir.resolve("lb.csv")).startsWith("imdbID,tmdbID,Title,Year,Rating10"));
    }

    @Test
    void errorsNameTheProblem() {
        CliHarness.Result notLocal = cli.run("import", CliHarness.SAMPLES.resolve("imdb/ratings.csv").toString(), "--into", "trakt");
        assertEquals(2, notLocal.code(), notLocal::toString);
        assertTrue(notLocal.err().startsWith("error: 'trakt' is not a local tracker"), notLocal::toString);
        CliHarness.Result undefined = cli.run("import", CliHarness.SAMPLES.resolve("imdb/ratings.csv").toString(), "--into", "local:nope");
        assertEquals(2, undefined.code(), undefined::toString);
        assertTrue(undefined.err().contains("local tracker instance 'nope' is not defined"), undefined::toString);
        assertTrue(undefined.err().contains("hint: add it under $.providers.local.instances.nope"), undefined::toString);
        CliHarness.Result missing = cli.run("import", "no-such-file.csv");
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.err().contains("no such file or directory"), missing::toString);
        CliHarness.Result badFormat = cli.run("export", "--format", "xml");
        assertEquals(2, badFormat.code(), badFormat::toString);
        assertTrue(badFormat.err().startsWith("error: unknown export format 'xml'; expected csv, json, letterboxd or imdb"),
                badFormat::toString);
        CliHarness.Result unknownSource = cli.run("export", "--from", "nosuch", "--format", "json");
        assertEquals(2, unknownSource.code(), unknownSource::toString);
        assertTrue(unknownSource.err().startsWith("error: no sync provider named 'nosuch' is installed"), unknownSource::toString);
    }
}
