package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code bin/crosswatch} in a forked process: proves the module path in
 * {@code lib/} resolves (automatic modules included) and the distribution layout is complete.
 * Bound to failsafe because {@code lib/} exists only after {@code package}.
 */
class LauncherIT {

    static Path dist;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        dist = Path.of(System.getProperty("crosswatch.dist", "target/crosswatch")).toAbsolutePath();
        assertTrue(Files.isExecutable(dist.resolve("bin/crosswatch")), "bin/crosswatch is executable in " + dist);
        assertTrue(Files.isDirectory(dist.resolve("plugins")), "plugins/ exists");
        assertTrue(Files.isRegularFile(dist.resolve("sample-data/imdb/ratings.csv")), "sample data is bundled");
    }

    record Run(int code, String out, String err) {
    }

    Run launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", dist.resolve("bin/crosswatch").toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        pb.environment().remove("JAVA_OPTS");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher finished");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionRunsOnTheModulePath() throws Exception {
        Run r = launch("--version");
        assertEquals(0, r.code(), () -> r.out() + r.err());
        assertTrue(r.out().startsWith("crosswatch 0.1"), r::out);
    }

    @Test
    void providersFindTheLocalConnectorFromTheModuleLayer() throws Exception {
        Path config = dir.resolve("c/config.json");
        assertEquals(0, launch("--config", config.toString(), "init").code());
        Run r = launch("--config", config.toString(), "providers");
        assertEquals(0, r.code(), () -> r.out() + r.err());
        assertTrue(r.out().contains("from module io.crosswatch.core"), r::out);
        assertTrue(r.out().contains("plugins: " + dist.resolve("plugins")), r::out);
        assertTrue(r.out().lines().noneMatch(l -> l.contains("version ?")),
                () -> "a manifest without a version falls back to the module's version: " + r.out());
    }

    @Test
    void importAndExportThroughTheLauncher() throws Exception {
        Path config = dir.resolve("c/config.json");
        assertEquals(0, launch("--config", config.toString(), "init").code());
        Run im = launch("--config", config.toString(), "import", dist.resolve("sample-data/letterboxd").toString());
        assertEquals(0, im.code(), () -> im.out() + im.err());
        Run ex = launch("--config", config.toString(), "export", "--format", "json");
        assertEquals(0, ex.code(), () -> ex.out() + ex.err());
        assertTrue(ex.out().contains("\"title\":\"Past Lives\""), ex::out);
    }

    @Test
    void planRunsThroughTheLauncher() throws Exception {
        Files.writeString(dir.resolve("a.json"), "[{\"feature\":\"watchlist\",\"type\":\"movie\",\"title\":\"Heat\","
                + "\"year\":1995,\"ids\":{\"imdb\":\"tt0113277\"}}]");
        Files.writeString(dir.resolve("b.json"), "[]");
        Run r = launch("plan", "--source", "a.json", "--target", "b.json", "--mode", "one_way_add", "--json");
        assertEquals(0, r.code(), () -> r.out() + r.err());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("counts").get("features").get("watchlist").get("toTarget").get("add").asInt(), r::out);
        assertTrue(json.get("timingsMs").has("plan"), r::out);
    }

    @Test
    void quickstartUsesTheInstalledSamplesAndIsIdempotent() throws Exception {
        for (int i = 0; i < 2; i++) {
            Run r = launch("quickstart");
            assertEquals(0, r.code(), () -> r.out() + r.err());
            assertTrue(r.out().contains("sample data from " + dist.resolve("sample-data")), r::out);
            assertTrue(r.out().contains("the second sync was a no-op"), r::out);
        }
    }
}
