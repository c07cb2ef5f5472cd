package io.crosswatch.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.state.JournalChunk;
import io.crosswatch.core.state.RunRecord;
import io.crosswatch.core.state.SqliteStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run killed with {@code destroyForcibly} mid-apply leaves the previous SQLite baseline intact,
 * and the run listed as interrupted with every chunk it sent journaled.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed at write {0}")
    @ValueSource(ints = {1, 4, 9})
    void killedRunLeavesThePreviousBaseline(int killAt) throws Exception {
        Path db = dir.resolve("state.db");
        try (SqliteStateStore store = SqliteStateStore.open(db)) {
            CrashSyncMain.setup(store);
        }
        Baseline before;
        try (SqliteStateStore store = SqliteStateStore.open(db)) {
            before = store.baseline(CrashSyncMain.PAIR, Feature.WATCHLIST, Side.TARGET).orElseThrow();
        }
        assertEquals(10, before.items().size());

        Process child = ChildJvm.start(CrashSyncMain.class, db.toString(), "crash", String.valueOf(killAt));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    StringBuilder seen = new StringBuilder();
                    while ((line = r.readLine()) != null && !line.equals(CrashSyncMain.APPLYING)) {
                        seen.append(line).append('\n');
                    }
                    assertEquals(CrashSyncMain.APPLYING, line, "the child never reached the apply phase:\n" + seen);
                }
                child.destroyForcibly();
                child.waitFor();
            });
        } finally {
            child.destroyForcibly();
        }

        try (SqliteStateStore store = SqliteStateStore.open(db)) {
            assertEquals(before, store.baseline(CrashSyncMain.PAIR, Feature.WATCHLIST, Side.TARGET).orElseThrow());
            assertEquals(before.items(), store.baseline(CrashSyncMain.PAIR, Feature.WATCHLIST, Side.SOURCE).orElseThrow().items());
            List<RunRecord> runs = store.runs(CrashSyncMain.PAIR, 10);
            assertEquals(2, runs.size(), "the setup run and the killed one");
            RunRecord killed = runs.get(0);
            assertTrue(killed.interrupted(), "the killed run is listed as interrupted: " + killed);
            assertEquals(SyncStatus.FAILED, killed.status());
            // every chunk sent was journaled first; the one being sent when the JVM died has no outcome
            List<JournalChunk> chunks = store.journalChunks(killed.runId());
            assertEquals(killAt, chunks.size(), chunks.toString());
            assertEquals(List.of(JournalChunk.Outcome.UNKNOWN), chunks.get(killAt - 1).outcomes());
            chunks.subList(0, killAt - 1).forEach(c -> assertEquals(List.of(JournalChunk.Outcome.APPLIED), c.outcomes(), c.toString()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            assertTrue(rs.next());
            assertEquals("ok", rs.getString(1));
        }
    }
}
