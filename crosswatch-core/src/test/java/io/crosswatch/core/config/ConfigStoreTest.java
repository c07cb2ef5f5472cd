package io.crosswatch.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.internal.config.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    private static final String SECRET = "s3cr3t-token-value-ZZZ";

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path f = dir.resolve("crosswatch.json");
        Files.writeString(f, json);
        return f;
    }

    private static final String FULL = """
            {
              "providers": {
                "trakt": {
                  "clientId": "cid",
                  "accessToken": "%s",
                  "baseUrl": "https://api.trakt.tv",
                  "instances": {
                    "work": {"accessToken": "work-token", "clientId": "cid-work"},
                    "shared": {"accessToken": null}
                  }
                },
                "plex": {"token": "plex-token", "whatever": {"nested": [1, 2]}}
              },
              "pairs": [
                {"name": "plex-to-trakt", "source": "plex", "target": "trakt:work", "mode": "one_way_add",
                 "features": {"watchlist": {"enabled": true, "add": true, "remove": false}, "ratings": false},
                 "options": {"massDeletePercent": 10}},
                {"source": "trakt", "target": "plex", "mode": "two_way"}
              ],
              "sync": {"dryRun": true, "guards": {"tombstoneDays": 30}},
              "metadata": {"priority": ["tmdb", "trakt"], "locale": "de-DE"},
              "stateFile": "state/cw.db",
              "pluginsDir": "ext"
            }
            """.formatted(SECRET);

    @Test
    void loadsEverySection() throws IOException {
        CrossWatchConfig c = ConfigStore.open(write(FULL)).load();
        assertEquals(List.of("trakt", "plex"), List.copyOf(c.providers()));
        assertEquals(2, c.pairs().size());
        PairSpec p = c.pairs().get(0);
        assertEquals("plex-to-trakt", p.name());
        assertEquals("plex", p.source().provider());
        assertEquals("work", p.target().instance());
        assertEquals(SyncMode.ONE_WAY_ADD, p.mode());
        assertEquals(new FeatureOptions(true, true, false), p.feature(Feature.WATCHLIST));
        assertEquals(FeatureOptions.OFF, p.feature(Feature.RATINGS));
        assertEquals("10", p.options().get("massDeletePercent"));
        PairSpec second = c.pairs().get(1);
        assertEquals("trakt->plex", second.name());
        assertEquals(SyncMode.TWO_WAY, second.mode());
        assertEquals(Feature.values().length, second.enabledFeatures().size(), "no features section means all on");
        assertTrue(c.sync().dryRun());
        assertEquals("30", c.sync().guards().get("tombstoneDays"));
        assertEquals(List.of("tmdb", "trakt"), c.metadata().priority());
        assertEquals("de-DE", c.metadata().locale());
        assertEquals(dir.resolve("state/cw.db").toAbsolutePath(), c.stateFile());
        assertEquals(dir.resolve("ext").toAbsolutePath(), c.pluginsDir());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void instancesInheritAndOverride() throws IOException {
        CrossWatchConfig c = ConfigStore.open(write(FULL)).load();
        ProviderConfig def = c.providerConfig("trakt", ProviderConfig.DEFAULT_INSTANCE);
        assertEquals("cid", def.require("clientId"));
        assertFalse(def.keys().contains("instances"));
        ProviderConfig work = c.providerConfig("trakt", "work");
        assertEquals("cid-work", work.require("clientId"));
        assertEquals("work-token", work.require("accessToken"));
        assertEquals("https://api.trakt.tv", work.baseUrl("https://x.invalid").toString(), "inherited");
        ProviderConfig shared = c.providerConfig("trakt", "shared");
        assertEquals("cid", shared.require("clientId"));
        assertFalse(shared.has("accessToken"), "explicit null hides the inherited token");
        assertEquals(Map.of(), c.providerConfig("simkl", "default").values(), "unconfigured provider is empty");
        assertEquals(Map.of("work", 0, "shared", 0).keySet(), c.instances("trakt"));
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        ConfigStore store = ConfigStore.open(write(FULL));
        CrossWatchConfig first = store.load();
        store.save(first);
        CrossWatchConfig second = store.load();
        assertEquals(first, second);
        assertEquals(first.providerConfig("plex", "default"), second.providerConfig("plex", "default"));
        assertEquals(first.pairs().toString(), second.pairs().toString());
        CrossWatchConfig rewritten = second.withPairs(second.pairs());
        store.save(rewritten);
        assertEquals(first.pairs().toString(), store.load().pairs().toString());
        assertEquals(first.pairs().get(0).feature(Feature.WATCHLIST), store.load().pairs().get(0).feature(Feature.WATCHLIST));
    }

    @Test
    void updatePersistsAndProviderStoreIsBoundToTheFile() throws IOException {
        ConfigStore store = ConfigStore.open(dir.resolve("new/crosswatch.json"));
        assertFalse(store.exists());
        ProviderStore ps = store.providerStore("trakt", "work");
        ProviderConfig after = ps.update(Map.of("accessToken", "a1", "expiresAt", 123L));
        assertEquals("a1", after.require("accessToken"));
        assertTrue(store.exists());
        assertEquals(123L, ConfigStore.open(store.path()).load().providerConfig("trakt", "work").number("expiresAt", 0));
        Map<String, Object> removal = new HashMap<>();
        removal.put("accessToken", null);
        ps.update(removal);
        assertFalse(ps.current().has("accessToken"));
        assertEquals(123L, ps.current().number("expiresAt", 0));
    }

    @Test
    void concurrentUpdatesAreAllKept() throws Exception {
        ConfigStore store = ConfigStore.open(dir.resolve("c.json"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                // every other update goes through a second store on the same file
                ConfigStore via = n % 2 == 0 ? store : ConfigStore.open(dir.resolve("c.json"));
                fs.add(pool.submit(() -> via.update("p", "default", Map.of("k" + n, n))));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20, store.load().providerConfig("p", "default").keys().size());
    }

    @Test
    void failedWriteLeavesTheOldFileIntact() throws IOException {
        Path f = write(FULL);
        byte[] before = Files.readAllBytes(f);
        AtomicFiles.Hook crash = (temp, target) -> {
            assertTrue(Files.exists(temp));
            throw new IOException("simulated crash before rename");
        };
        ConfigStore store = new ConfigStore(f, crash);
        ConfigException e = assertThrows(ConfigException.class,
                () -> store.update("trakt", "default", Map.of("accessToken", "new-token")));
        assertTrue(e.getMessage().contains("previous file is unchanged"), e.getMessage());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temp file left behind");
        }
        assertEquals(SECRET, ConfigStore.open(f).load().providerConfig("trakt", "default").require("accessToken"));
    }

    @Test
    void writesOwnerOnlyMode() throws IOException {
        Assumptions.assumeTrue(AtomicFiles.posix(dir), "POSIX permissions not supported here");
        Path f = dir.resolve("mode.json");
        List<String> tempModes = new ArrayList<>();
        ConfigStore store = new ConfigStore(f, (temp, target) ->
                tempModes.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp))));
        store.update("trakt", "default", Map.of("accessToken", "x"));
        assertEquals(List.of("rw-------"), tempModes);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void malformedJsonGivesFileLineAndColumn() throws IOException {
        Path f = write("{\n  \"providers\": {\n    \"trakt\": {\"accessToken\": " + SECRET + "}\n  }\n}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigStore.open(f).load());
        assertTrue(e.getMessage().contains(f.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getCause() == null || !String.valueOf(e.getCause().getMessage()).contains(SECRET));
        ConfigException eof = assertThrows(ConfigException.class, () -> ConfigStore.open(write("{\"pairs\": [")).load());
        assertTrue(eof.getMessage().contains("line 1"), eof.getMessage());
        assertTrue(eof.getMessage().contains("unexpected end"), eof.getMessage());
        ConfigException dup = assertThrows(ConfigException.class,
                () -> ConfigStore.open(write("{\"sync\": {}, \"sync\": {}}")).load());
        assertTrue(dup.getMessage().contains("column"), dup.getMessage());
    }

    @Test
    void invalidValuesNameTheJsonPath() throws IOException {
        ConfigException mode = assertThrows(ConfigException.class, () -> ConfigStore.open(write("""
                {"pairs": [{"source": "plex", "target": "trakt", "mode": "two_way"},
                           {"source": "plex", "target": "simkl", "mode": "oneway"}]}""")).load());
        assertEquals("$.pairs[1].mode", mode.path().orElseThrow());
        assertTrue(mode.getMessage().startsWith("$.pairs[1].mode: unknown mode 'oneway'; expected one of one_way_add, "
                + "one_way_propagate, one_way_mirror, two_way"), mode.getMessage());

        ConfigException types = assertThrows(ConfigException.class, () -> ConfigStore.open(write("""
                {"providers": {"trakt": {"baseUrl": 5}},
                 "pairs": [{"source": "plex", "target": 3, "mode": "two_way", "features": {"watchlst": true}}],
                 "sync": {"dryRun": "yes"}, "metadata": {"priority": "tmdb"}}""")).load());
        assertEquals("$.providers.trakt.baseUrl", types.path().orElseThrow());
        String m = types.getMessage();
        assertTrue(m.contains("$.pairs[0].target: expected text"), m);
        assertTrue(m.contains("$.pairs[0].features.watchlst: unknown feature"), m);
        assertTrue(m.contains("$.sync.dryRun: expected true or false"), m);
        assertTrue(m.contains("$.metadata.priority: expected a list"), m);

        ConfigException dupName = assertThrows(ConfigException.class, () -> ConfigStore.open(write("""
                {"pairs": [{"name": "a", "source": "plex", "target": "trakt", "mode": "two_way"},
                           {"name": "a", "source": "plex", "target": "simkl", "mode": "two_way"}]}""")).load());
        assertEquals("$.pairs[1].name", dupName.path().orElseThrow());

        ConfigException root = assertThrows(ConfigException.class, () -> ConfigStore.open(write("[1]")).load());
        assertEquals("$", root.path().orElseThrow());
    }

    @Test
    void unknownKeysAreWarningsExceptInsideProviderBlocks() throws IOException {
        CrossWatchConfig c = ConfigStore.open(write("""
                {"providerz": {}, "providers": {"plex": {"anythingGoes": 1}},
                 "pairs": [{"source": "plex", "target": "trakt:home", "mode": "two_way", "featurs": {},
                            "features": {"history": {"enabled": true, "removes": false}}}],
                 "sync": {"dry_run": true}}""")).load();
        List<String> paths = c.warnings().stream().map(ConfigWarning::path).toList();
        assertEquals(List.of("$.providerz", "$.pairs[0].featurs", "$.pairs[0].target",
                "$.pairs[0].features.history.removes", "$.sync.dry_run"), paths);
        assertEquals(5, paths.size(), paths.toString());
        assertTrue(c.warnings().get(0).message().contains("unknown key"));
    }

    @Test
    void secretsNeverShow() throws IOException {
        Path f = write(FULL);
        ConfigStore store = ConfigStore.open(f);
        CrossWatchConfig c = store.load();
        assertFalse(c.toString().contains(SECRET), c.toString());
        assertFalse(c.providerConfig("trakt", "default").toString().contains(SECRET));
        assertFalse(store.providerStore("trakt", "default").toString().contains(SECRET));
        assertFalse(store.toString().contains(SECRET));
        // a type error next to a secret does not echo any value
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigStore.open(write(
                "{\"providers\": {\"trakt\": {\"accessToken\": \"" + SECRET + "\", \"baseUrl\": \"" + SECRET + "\"}}}"))
                .load());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }
}
