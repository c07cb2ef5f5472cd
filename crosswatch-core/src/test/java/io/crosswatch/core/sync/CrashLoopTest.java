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
import io.crosswatch.core.state.RunRecord;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a forked JVM syncing two local tracker files is killed with
 * {@code destroyForcibly} after a seeded random number of applied chunks (it prints one line per
 * chunk, so no real-time waits; the kill lands wherever the child has got to by then), 50 times by
 * default ({@code -Dcrosswatch.crashRounds=N} changes it). After every kill the config file
 * parses, every SQLite file passes {@code PRAGMA integrity_check}, each baseline is either the
 * previous one or a complete new one, and the killed run is in the history (interrupted, or ended
 * if the kill came late). In every other round (and for the first interrupted run) the killed run
 * is then undone, and both sides must equal their state before it, item for item. Then the next run (in this JVM) completes with both
 * sides equal. Between rounds the "user" changes side a, so every round has writes to interrupt.
 *
 * <p>Cost: a round is one JVM start plus a few in-process runs; {@link ChildJvm} keeps the child
 * cheap (the sqlite native library copied once instead of per JVM, a minimal class path, C1 only).
 * The test prints the measured time per round to its output.
 */
class CrashLoopTest {

    static final int ROUNDS = Integer.getInteger("crosswatch.crashRounds", 50);
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
        int undoneInterrupted = 0;
        long childNanos = 0;
        long loopStart = System.nanoTime();
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
            Map<String, List<String>> preRun = sides();
            int killAfter = 1 + r.nextInt(8);
            long childStart = System.nanoTime();
            Child child = runChildAndKill(killAfter);
            childNanos += System.nanoTime() - childStart;
            killedMidRun += child.killed() ? 1 : 0;

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
            RunRecord record;
            try (SqliteStateStore s = SqliteStateStore.open(dir.resolve("state.db"))) {
                record = s.runs(CrashLoopMain.PAIR, 5).stream().filter(x -> x.runId().equals(child.runId())).findFirst()
                        .orElseThrow(() -> new AssertionError(where + "the killed run " + child.runId() + " is not in the history"));
            }
            assertTrue(record.interrupted() || !child.killed() || record.status() == SyncStatus.SUCCESS, where + record);
            // every other round, and the first interrupted run whatever the round
            if (round % 2 == 0 || record.interrupted() && undoneInterrupted == 0) {
                SyncResult undone = CrashLoopMain.undo(dir, child.runId(), false);
                assertEquals(SyncStatus.SUCCESS, undone.status(), where + "undo: " + undone + undone.errors());
                assertEquals(preRun, sides(), where + "undo did not restore both sides (run interrupted: "
                        + record.interrupted() + ")");
                undoneInterrupted += record.interrupted() ? 1 : 0;
            }
            SyncResult rerun = CrashLoopMain.sync(dir, () -> { });
            assertEquals(SyncStatus.SUCCESS, rerun.status(), where + rerun + rerun.warnings() + rerun.errors());
            for (Feature f : List.of(Feature.WATCHLIST, Feature.HISTORY)) {
                Set<MediaItem> contentA = content("a.db", f);
                assertEquals(contentA, content("b.db", f), where + f + " did not converge");
                assertEquals(contentA.size(), list("b.db", f).size(), where + f + " has duplicates on b");
            }
        }
        long loopNanos = System.nanoTime() - loopStart;
        System.out.printf(Locale.ROOT, "crash loop: %d rounds in %.1f s (%.0f ms a round, of which %.0f ms the child"
                + " JVM); %d killed mid-run, %d interrupted runs undone%n", ROUNDS, loopNanos / 1e9, loopNanos / 1e6 / ROUNDS,
                childNanos / 1e6 / ROUNDS, killedMidRun, undoneInterrupted);
        assertTrue(killedMidRun >= ROUNDS / 2, "most kills must land mid-run, only " + killedMidRun + " did");
        assertTrue(undoneInterrupted >= 1 || ROUNDS < 12, "no kill left an interrupted run to undo");
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

    /**
     * @param runId  the child's run id
     * @param killed whether it was killed before it finished
     */
    record Child(String runId, boolean killed) {
    }

    /** Each side's items, as sorted guard keys per feature (duplicates kept). */
    private Map<String, List<String>> sides() {
        Map<String, List<String>> out = new TreeMap<>();
        for (String file : List.of("a.db", "b.db")) {
            for (Feature f : List.of(Feature.WATCHLIST, Feature.HISTORY)) {
                List<String> keys = new ArrayList<>();
                list(file, f).forEach(i -> keys.add(Ids.guardKey(f, i)));
                keys.sort(null);
                out.put(file + " " + f.key(), keys);
            }
        }
        return out;
    }

    private Child runChildAndKill(int killAfter) throws Exception {
        Process child = ChildJvm.start(CrashLoopMain.class, dir.toString());
        try {
            return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                StringBuilder seen = new StringBuilder();
                String runId = null;
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    int chunks = 0;
                    String line;
                    while ((line = in.readLine()) != null) {
                        seen.append(line).append('\n');
                        if (line.startsWith(CrashLoopMain.RUN)) {
                            runId = line.substring(CrashLoopMain.RUN.length());
                        }
                        if (line.equals(CrashLoopMain.CHUNK) && ++chunks == killAfter) {
                            child.destroyForcibly();
                            child.waitFor();
                            return new Child(runId, true);
                        }
                        if (line.startsWith(CrashLoopMain.DONE)) {
                            child.waitFor();
                            return new Child(runId, false);
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
