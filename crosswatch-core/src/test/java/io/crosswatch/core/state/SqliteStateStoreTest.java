package io.crosswatch.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest extends StateStoreContractTest {

    @TempDir
    Path dir;

    @Override
    SyncStateStore create() {
        return SqliteStateStore.open(dir.resolve("state/state.db"));
    }

    @Test
    void fileIsOwnerOnlyWalAndVersioned() throws Exception {
        Path db = dir.resolve("state/state.db");
        if (db.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
        }
        assertEquals(3, ((SqliteStateStore) store).schemaVersion());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void eachJournaledChunkIsDurableAtOnceAndCarriesTheOutcomesOfTheOneBefore() {
        store.beginRun(RunRecord.begun("r1", "p", NOW));
        store.journalChunk(new JournalChunk("r1", 0, Feature.WATCHLIST, Side.TARGET, JournalChunk.Op.ADD,
                List.of(new JournalChunk.Entry(MATRIX, null, JournalChunk.Outcome.UNKNOWN))));
        store.recordOutcomes("r1", 0, List.of(JournalChunk.Outcome.APPLIED));
        // another connection, as after a crash: the outcome of chunk 0 is still only in memory
        try (SqliteStateStore other = SqliteStateStore.open(dir.resolve("state/state.db"))) {
            assertEquals(List.of(JournalChunk.Outcome.UNKNOWN), other.journalChunks("r1").get(0).outcomes());
            assertTrue(other.runs("p", 1).get(0).interrupted());
        }
        store.journalChunk(new JournalChunk("r1", 1, Feature.WATCHLIST, Side.TARGET, JournalChunk.Op.REMOVE,
                List.of(new JournalChunk.Entry(MATRIX, null, JournalChunk.Outcome.UNKNOWN))));
        try (SqliteStateStore other = SqliteStateStore.open(dir.resolve("state/state.db"))) {
            List<JournalChunk> chunks = other.journalChunks("r1");
            assertEquals(List.of(JournalChunk.Outcome.APPLIED), chunks.get(0).outcomes(), "written with chunk 1");
            assertEquals(List.of(JournalChunk.Outcome.UNKNOWN), chunks.get(1).outcomes());
        }
    }

    @Test
    void stateSurvivesReopening() {
        Baseline b = new Baseline(List.of(MATRIX), NOW, null, "tok");
        store.commitBaseline("p", Feature.HISTORY, Side.TARGET, b);
        store.close();
        store = SqliteStateStore.open(dir.resolve("state/state.db"));
        assertEquals(b, store.baseline("p", Feature.HISTORY, Side.TARGET).orElseThrow());
    }

    @Test
    void anUnchangedBaselineIsRestampedAndStillReadsBackEqual() {
        Baseline first = new Baseline(List.of(MATRIX), NOW, "c1", "tok1");
        store.commitBaseline("p", Feature.WATCHLIST, Side.SOURCE, first);
        Baseline read = store.baseline("p", Feature.WATCHLIST, Side.SOURCE).orElseThrow();
        Baseline again = new Baseline(List.copyOf(read.items()), NOW.plusSeconds(60), "c2", "tok2");
        store.commitBaseline("p", Feature.WATCHLIST, Side.SOURCE, again);
        store.close();
        store = SqliteStateStore.open(dir.resolve("state/state.db"));
        assertEquals(again, store.baseline("p", Feature.WATCHLIST, Side.SOURCE).orElseThrow());
    }

    @Test
    void anotherWritersCommitIsNeverHiddenByWhatThisStoreLastSaw() {
        Path db = dir.resolve("state/state.db");
        Baseline mine = new Baseline(List.of(MATRIX), NOW, null, "tok");
        store.commitBaseline("p", Feature.WATCHLIST, Side.SOURCE, mine);
        assertEquals(mine, store.baseline("p", Feature.WATCHLIST, Side.SOURCE).orElseThrow());
        Baseline theirs = new Baseline(List.of(), NOW.plusSeconds(1), null, "other");
        try (SqliteStateStore other = SqliteStateStore.open(db)) {
            other.commitBaseline("p", Feature.WATCHLIST, Side.SOURCE, theirs);
        }
        // this store must see the other writer's items, not the ones it remembers
        assertEquals(theirs, store.baseline("p", Feature.WATCHLIST, Side.SOURCE).orElseThrow());
        try (SqliteStateStore other = SqliteStateStore.open(db)) {
            other.commitBaseline("p", Feature.WATCHLIST, Side.SOURCE, theirs);
        }
        // committing items equal to what this store last saw must still write them in full
        store.commitBaseline("p", Feature.WATCHLIST, Side.SOURCE, new Baseline(List.of(), NOW.plusSeconds(2), null, "x"));
        Baseline back = new Baseline(List.of(MATRIX), NOW.plusSeconds(3), null, "tok");
        try (SqliteStateStore other = SqliteStateStore.open(db)) {
            other.commitBaseline("p", Feature.WATCHLIST, Side.SOURCE, back);
        }
        store.commitBaseline("p", Feature.WATCHLIST, Side.SOURCE, new Baseline(List.of(), NOW.plusSeconds(4), null, "y"));
        try (SqliteStateStore fresh = SqliteStateStore.open(db)) {
            assertEquals(List.of(), fresh.baseline("p", Feature.WATCHLIST, Side.SOURCE).orElseThrow().items());
        }
    }

    @Test
    void aNewerSchemaIsRefusedWithAClearMessage() throws Exception {
        store.close();
        Path db = dir.resolve("state/state.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("UPDATE schema_version SET version = 99");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqliteStateStore.open(db));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        store = new InMemoryStateStore();
    }

    @Test
    void existingLooseFileIsTightenedTo0600() throws Exception {
        Path db = dir.resolve("loose.db");
        if (!db.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.createFile(db, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        SqliteStateStore.open(db).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
    }
}
