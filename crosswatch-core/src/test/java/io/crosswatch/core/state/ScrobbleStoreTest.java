package io.crosswatch.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Side;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrobbleStoreTest {

    static final Instant T = Instant.parse("2026-03-01T20:15:30Z");

    static MediaItem play(int tmdb, Instant at) {
        return MediaItem.builder(MediaType.MOVIE).id("tmdb", tmdb).title("M" + tmdb).watchedAt(at).build();
    }

    static void contract(ScrobbleStore s) {
        QueuedScrobble a = s.enqueue(new QueuedScrobble(0, "trakt", QueuedScrobble.Action.STOP, play(1, T), 95, T, 0, T));
        QueuedScrobble b = s.enqueue(new QueuedScrobble(0, "trakt", QueuedScrobble.Action.PAUSE, play(2, T), 40, T, 0, T));
        s.enqueue(new QueuedScrobble(0, "simkl", QueuedScrobble.Action.STOP, play(3, T), 95, T, 0, T));
        assertTrue(a.id() < b.id());
        assertEquals(List.of("simkl", "trakt"), s.queuedTargets());
        assertEquals(List.of(a.id(), b.id()), s.queued("trakt").stream().map(QueuedScrobble::id).toList());
        s.requeue(a.failedOnce(T.plusSeconds(60)));
        assertEquals(1, s.queued("trakt").get(0).attempts());
        assertEquals(T.plusSeconds(60), s.queued("trakt").get(0).nextAttemptAt());
        assertEquals(play(1, T), s.queued("trakt").get(0).item());
        s.dequeue(a.id());
        assertEquals(List.of(b.id()), s.queued("trakt").stream().map(QueuedScrobble::id).toList());

        s.recordPlay(new RecordedPlay("trakt", "movie:tmdb:1", play(1, T), T));
        s.recordPlay(new RecordedPlay("trakt", "movie:tmdb:1", play(1, T.plusSeconds(10)), T.plusSeconds(5))); // same minute
        s.recordPlay(new RecordedPlay("trakt", "movie:tmdb:1", play(1, T.plusSeconds(7200)), T.plusSeconds(7200)));
        assertEquals(2, s.recordedPlays("trakt").size());
        assertEquals(List.of(), s.recordedPlays("simkl"));
        assertEquals(1, s.forgetPlays(T.plusSeconds(3600)));
        assertEquals(T.plusSeconds(7200), s.recordedPlays("trakt").get(0).item().watchedAt().orElseThrow());
    }

    @Test
    void inMemory() {
        contract(new InMemoryStateStore());
    }

    @Test
    void sqlite(@TempDir Path dir) {
        try (SqliteStateStore s = SqliteStateStore.open(dir.resolve("s.db"))) {
            contract(s);
        }
    }

    @Test
    void aRecordedPlayNeedsItsTime() {
        MediaItem undated = MediaItem.builder(MediaType.MOVIE).id("tmdb", 1).build();
        assertThrows(IllegalArgumentException.class, () -> new RecordedPlay("trakt", "k", undated, T));
    }

    @Test
    void aVersionOneDatabaseMigratesAndKeepsItsBaselines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            st.execute("INSERT INTO schema_version VALUES (1)");
            st.execute("CREATE TABLE baselines (pair TEXT NOT NULL, feature TEXT NOT NULL, side TEXT NOT NULL, taken_at INTEGER"
                    + " NOT NULL, checkpoint TEXT, activity TEXT, items TEXT NOT NULL, PRIMARY KEY (pair, feature, side))");
            st.execute("INSERT INTO baselines VALUES ('p', 'HISTORY', 'TARGET', 1, NULL, NULL, '[]')");
            // version 1's run history, as written before the write-ahead journal (version 3) existed
            st.execute("CREATE TABLE runs (run_id TEXT PRIMARY KEY, pair TEXT NOT NULL, started_at INTEGER NOT NULL,"
                    + " finished_at INTEGER NOT NULL, status TEXT NOT NULL, dry_run INTEGER NOT NULL, report TEXT NOT NULL)");
            st.execute("INSERT INTO runs VALUES ('r1', 'p', 1, 2, 'SUCCESS', 0, '{}')");
        }
        try (SqliteStateStore s = SqliteStateStore.open(file)) {
            assertEquals(3, s.schemaVersion());
            assertTrue(s.baseline("p", Feature.HISTORY, Side.TARGET).isPresent());
            assertFalse(s.runs("p", 5).get(0).interrupted(), "a run recorded before version 3 ended");
            s.recordPlay(new RecordedPlay("trakt", "movie:tmdb:1", play(1, T), T));
            assertEquals(1, s.recordedPlays("trakt").size());
        }
    }
}
