package io.crosswatch.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.core.testing.SeededCases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a forked JVM syncing two local tracker files is killed with
 * {@code destroyForcibly} after a seeded random number of applied chunks (it prints one line per
 * chunk, so no real-time waits), 12 times by default (50 with {@code -Dcrosswatch.crashRounds=50}; a
 * round costs a JVM start, about 3.6 s on a loaded 2-core machine: 50 rounds passed in 181 s). After every kill the config file parses,
 * every SQLite file passes {@code PRAGMA integrity_check}, each baseline is either the previous
 * one or a complete new one, and the next run (in this JVM) completes with both sides equal.
 * Between rounds the "user" changes side a, so every round has writes to interrupt.
 * {@code -Dcrosswatch.crashRounds=N} changes the count.
 */
class CrashLoopTest {

    static final int ROUNDS = Integer.getInteger("crosswatch.crashRounds", 12);
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void killedAtRandomPointsNothingIsLostOrCorrupted() throws Exception {
        long seed = SeededCases.seeds("crash.loop", 1).findFirst().orElseThrow();
        SplittableRandom r = new SplittableRandom(seed);
        ConfigStore.open(dir.resolve("config.json")).update("local", "default", Map.of("file", "a.db"));
        int next = 1;
        try (LocalTracker a = LocalTracker.open(dir.resolve("a.db"))) {
            a.add(Feature.WATCHLIST, PlanFixtures.range(next, next + 12), false);
            a.add(Feature.HISTORY, plays(next, 12), false);
            next += 12;
        }
        assertEquals(SyncStatus.SUCCESS, CrashLoopMain.sync(dir, () -> { }).status());
        int killedMidRun = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String where = "seed " + seed + " round " + round + ": ";
            // the user adds a few and removes one on side a
            try (LocalTracker a = LocalTracker.open(dir.resolve("a.db"))) {
                int n = 2 + r.nextInt(6);
                a.add(Feature.WATCHLIST, PlanFixtures.range(next, next + n), false);
                a.add(Feature.HISTORY, plays(next, n), false);
                next += n;
                List<MediaItem> wl = a.items(Feature.WATCHLIST);
                a.remove(Feature.WATCHLIST, List.of(wl.get(r.nextInt(wl.size()))), false);
            }
            Map<Feature, Map<Side, Baseline>> before = baselines();
            int killAfter = 1 + r.nextInt(8);
            boolean killed = runChildAndKill(killAfter);
            killedMidRun += killed ? 1 : 0;

            ConfigStore.open(dir.resolve("config.json")).load();
            for (String f : List.of("state.db", "a.db", "b.db")) {
                assertEquals("ok", integrity(dir.resolve(f)), where + f);
            }
            Map<Feature, Map<Side, Baseline>> after = baselines();
            for (Feature f : List.of(Feature.WATCHLIST, Feature.HISTORY)) {
                Set<MediaItem> contentA = content("a.db", f);
                Set<MediaItem> contentB = content("b.db", f);
                for (Side s : Side.values()) {
                    Baseline was = before.get(f).get(s);
                    Baseline now = after.get(f).get(s);
                    Set<MediaItem> side = s == Side.SOURCE ? contentA : contentB;
                    assertTrue(now.equals(was) || new HashSet<>(now.items()).equals(side),
                            where + f + " " + s + " baseline is neither the previous one nor complete");
                }
            }
            SyncResult rerun = CrashLoopMain.sync(dir, () -> { });
            assertEquals(SyncStatus.SUCCESS, rerun.status(), where + rerun + rerun.warnings() + rerun.errors());
            for (Feature f : List.of(Feature.WATCHLIST, Feature.HISTORY)) {
                Set<MediaItem> contentA = content("a.db", f);
                assertEquals(contentA, content("b.db", f), where + f + " did not converge");
                assertEquals(contentA.size(), list("b.db", f).size(), where + f + " has duplicates on b");
            }
        }
        assertTrue(killedMidRun >= ROUNDS / 2, "most kills must land mid-run, only " + killedMidRun + " did");
        for (String f : List.of("config.json", "state.db", "a.db", "b.db")) {
            Set<PosixFilePermission> perms = java.nio.file.Files.getPosixFilePermissions(dir.resolve(f));
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms, f + " is not 0600");
        }
    }

    private static List<MediaItem> plays(int from, int n) {
        List<MediaItem> l = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            l.add(PlanFixtures.play(i, T0.plusSeconds(3600L * i)));
        }
        return l;
    }

    /** @return whether the child was killed before it finished */
    private boolean runChildAndKill(int killAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashLoopMain.class.getName(), dir.toString()))
                .redirectErrorStream(true).start();
        try {
            return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                StringBuilder seen = new StringBuilder();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    int chunks = 0;
                    String line;
                    while ((line = in.readLine()) != null) {
                        seen.append(line).append('\n');
                        if (line.equals(CrashLoopMain.CHUNK) && ++chunks == killAfter) {
                            child.destroyForcibly();
                            child.waitFor();
                            return true;
                        }
                        if (line.startsWith(CrashLoopMain.DONE)) {
                            child.waitFor();
                            return false;
                        }
                    }
                }
                child.waitFor();
                throw new AssertionError("the child ended without finishing:\n" + seen);
            });
        } finally {
            child.destroyForcibly();
        }
    }

    private Map<Feature, Map<Side, Baseline>> baselines() {
        Map<Feature, Map<Side, Baseline>> out = new EnumMap<>(Feature.class);
        try (SqliteStateStore s = SqliteStateStore.open(dir.resolve("state.db"))) {
            for (Feature f : List.of(Feature.WATCHLIST, Feature.HISTORY)) {
                Map<Side, Baseline> m = new EnumMap<>(Side.class);
                for (Side side : Side.values()) {
                    Optional<Baseline> b = s.baseline(CrashLoopMain.PAIR, f, side);
                    m.put(side, b.orElseThrow());
                }
                out.put(f, m);
            }
        }
        return out;
    }

    private Set<MediaItem> content(String file, Feature f) {
        return new HashSet<>(list(file, f));
    }

    private List<MediaItem> list(String file, Feature f) {
        try (LocalTracker t = LocalTracker.open(dir.resolve(file))) {
            return t.items(f);
        }
    }

    private static String integrity(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        }
    }
}
