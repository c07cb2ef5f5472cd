package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.local.LocalTrackerConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAStarterConfigThatLoadsWithoutWarnings() throws Exception {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result r = cli.run("init");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("wrote " + cli.config), r::toString);
        CrossWatchConfig cfg = ConfigStore.open(cli.config).load();
        assertTrue(cfg.warnings().isEmpty(), () -> "warnings: " + cfg.warnings());
        assertTrue(cfg.pairs().isEmpty());
        for (String p : new String[] {"local", "trakt", "plex", "jellyfin", "emby", "simkl", "mdblist", "anilist", "tmdb"}) {
            assertTrue(cfg.hasProvider(p), p);
        }
        ProviderConfig local = cfg.providerConfig("local", null);
        assertEquals(cli.config.getParent().resolve("local-tracker.db"),
                LocalTrackerConnector.resolveFile(local));
        assertTrue(cfg.providerConfig("trakt", null).string("_comment").orElseThrow().contains("crosswatch connect trakt"));
        assertTrue(Files.readString(cli.config.resolveSibling("config.json.README.md")).contains("\"pairs\"")
                || Files.readString(cli.config.resolveSibling("config.json.README.md")).contains("`pairs`"));
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        CliHarness cli = new CliHarness(dir);
        assertEquals(0, cli.run("init").code());
        Files.writeString(cli.config, "{\"providers\": {}}");
        CliHarness.Result again = cli.run("init");
        assertEquals(2, again.code(), again::toString);
        assertTrue(again.err().startsWith("error: a config file already exists at " + cli.config), again::toString);
        assertTrue(again.err().contains("hint: "), again::toString);
        assertFalse(again.err().contains("\tat "), "no stack trace without --verbose");
        assertEquals("{\"providers\": {}}", Files.readString(cli.config));
        assertEquals(0, cli.run("init", "--force").code());
        assertTrue(ConfigStore.open(cli.config).load().hasProvider("trakt"));
    }

    @Test
    void defaultLocationIsUnderXdgConfigHome() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result r = cli.runRaw("init");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.exists(dir.resolve("xdg").resolve("crosswatch").resolve("config.json")));
    }

    @Test
    void defaultLocationFallsBackToDotConfigInHome() {
        CliHarness cli = new CliHarness(dir);
        cli.envVars.remove("XDG_CONFIG_HOME");
        CliHarness.Result r = cli.runRaw("init");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.exists(dir.resolve("home").resolve(".config").resolve("crosswatch").resolve("config.json")));
    }
}
