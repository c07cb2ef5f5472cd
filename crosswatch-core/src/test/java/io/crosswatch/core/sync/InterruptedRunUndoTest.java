package io.crosswatch.core.sync;

import static io.crosswatch.core.sync.PlanFixtures.movies;
import static io.crosswatch.core.sync.PlanFixtures.play;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.UndoService;
import io.crosswatch.core.state.JournalChunk;
import io.crosswatch.core.state.RunRecord;
import io.crosswatch.core.state.SqliteStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run that dies mid-apply (simulated in-process: an {@link Error} thrown right after the n-th
 * write reached the service, so that chunk is applied but its outcome never recorded, and the
 * store is abandoned without closing) is listed as interrupted, and undo puts both sides back
 * exactly — including the side whose service appends a new play on every add, so a blind restore
 * would duplicate plays.
 */
class InterruptedRunUndoTest {

    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final PairSpec pair = PairSpec.builder(Endpoint.parse("a"), Endpoint.parse("b"), SyncMode.TWO_WAY)
            .feature(Feature.WATCHLIST, FeatureOptions.ALL).feature(Feature.HISTORY, FeatureOptions.ALL).build();
    @TempDir
    Path dir;

    /** The JVM "dies": nothing in the engine catches an {@link Error}. */
    static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }

    /** A service that keeps every play it is sent, duplicates included, and can die right after a write. */
    static final class PlayLog extends InMemoryConnector {
        int dieAfterWrite = -1;

        PlayLog(String name) {
            super(name, ConnectorCapabilities.builder().batchSize(Feature.WATCHLIST, 2).batchSize(Feature.HISTORY, 2)
                    .keepsPlayEvents(true).setsWatchedDate(true).build());
        }

        @Override
        public WriteResult add(Feature f, List<MediaItem> items, boolean dryRun) {
            WriteResult r;
            if (f == Feature.HISTORY && !dryRun) {
                writes++;
                data.get(f).addAll(items);
                version.merge(f, 1, Integer::sum);
                r = WriteResult.all(items, WriteResult.Outcome.ADDED);
            } else {
                r = super.add(f, items, dryRun);
            }
            dieIfDue();
            return r;
        }

        @Override
        public WriteResult remove(Feature f, List<MediaItem> items, boolean dryRun) {
            WriteResult r = super.remove(f, items, dryRun);
            dieIfDue();
            return r;
        }

        private void dieIfDue() {
            if (writes == dieAfterWrite) {
                throw new Killed();
            }
        }
    }

    SyncResult sync(SqliteStateStore store, PlayLog a, PlayLog b) {
        return new GenericSyncModule().runSync(SyncContext.builder(pair).source(a.manifest(), a).target(b.manifest(), b)
                .state(store).clock(clock).force(true).build());
    }

    static List<String> sorted(InMemoryConnector c, Feature f) {
        List<String> out = new ArrayList<>();
        c.items(f).forEach(i -> out.add(Ids.guardKey(f, i)));
        out.sort(Comparator.naturalOrder());
        return out;
    }

    static List<List<String>> sides(PlayLog a, PlayLog b) {
        return List.of(sorted(a, Feature.WATCHLIST), sorted(a, Feature.HISTORY), sorted(b, Feature.WATCHLIST),
                sorted(b, Feature.HISTORY));
    }

    static List<MediaItem> plays(int from, int toExclusive) {
        List<MediaItem> l = new ArrayList<>();
        for (int i = from; i < toExclusive; i++) {
            l.add(play(i, NOW.minusSeconds(86_400L * i)));
        }
        return l;
    }

    @ParameterizedTest(name = "dies after write {0}")
    @ValueSource(ints = {1, 2, 3, 5, 7, 8})
    void undoOfAnInterruptedRunRestoresBothSidesWithoutDuplicates(int dieAfter) {
        Path file = dir.resolve("state.db");
        PlayLog a = new PlayLog("a");
        PlayLog b = new PlayLog("b");
        a.put(Feature.WATCHLIST, movies(1, 2, 3, 4, 5, 6)).put(Feature.HISTORY, plays(1, 5));
        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            assertEquals(SyncStatus.SUCCESS, sync(store, a, b).status());
        }
        // the user removes three and adds four on a's watchlist, deletes a play and watches five more
        a.data.get(Feature.WATCHLIST).removeIf(i -> Integer.parseInt(i.ids().tmdb().orElseThrow()) <= 3);
        a.data.get(Feature.HISTORY).removeIf(i -> i.ids().tmdb().orElseThrow().equals("1"));
        a.put(Feature.WATCHLIST, movies(7, 8, 9, 10)).put(Feature.HISTORY, plays(5, 10));
        List<List<String>> before = sides(a, b);

        SqliteStateStore dying = SqliteStateStore.open(file);
        b.dieAfterWrite = b.writes + dieAfter;
        assertThrows(Killed.class, () -> sync(dying, a, b));
        List<List<String>> afterKill = sides(a, b);
        assertTrue(!afterKill.equals(before), "the killed run wrote something");

        try (SqliteStateStore store = SqliteStateStore.open(file)) {
            RunRecord killed = store.runs(pair.name(), 5).get(0);
            assertTrue(killed.interrupted(), killed.toString());
            assertEquals(dieAfter, store.journalChunks(killed.runId()).size());
            assertEquals(JournalChunk.Outcome.UNKNOWN, store.journalChunks(killed.runId()).get(dieAfter - 1).entries().get(0)
                    .outcome(), "the chunk being sent when the process died has no outcome");
            UndoService undo = new UndoService(store, clock);

            int writes = a.writes + b.writes;
            SyncResult dry = undo.undo(pair.name(), killed.runId(), a, b, true);
            assertTrue(dry.dryRun());
            assertEquals(writes, a.writes + b.writes, "a dry-run undo writes nothing");
            assertEquals(afterKill, sides(a, b));
            assertEquals(2, store.runs(pair.name(), 5).size(), "a dry-run undo records nothing");

            SyncResult undone = undo.undo(pair.name(), killed.runId(), a, b, false);
            assertEquals(SyncStatus.SUCCESS, undone.status(), undone + " " + undone.errors());
            assertEquals(before, sides(a, b), "both sides are as they were before the killed run");
            RunRecord undoRecord = store.runs(pair.name(), 5).get(0);
            assertEquals(undone.runId(), undoRecord.runId());
            assertTrue(!undoRecord.interrupted());

            // undoing it again finds nothing left to revert and duplicates nothing
            undo.undo(pair.name(), killed.runId(), a, b, false);
            assertEquals(before, sides(a, b));

            // the undo of the undo puts back what the killed run had applied
            undo.undo(pair.name(), undoRecord.runId(), a, b, false);
            assertEquals(afterKill, sides(a, b));

            // and the next sync completes and converges
            SyncResult next = sync(store, a, b);
            assertEquals(SyncStatus.SUCCESS, next.status(), next + " " + next.errors() + next.warnings());
            assertEquals(sorted(a, Feature.WATCHLIST), sorted(b, Feature.WATCHLIST));
            assertEquals(sorted(a, Feature.HISTORY), sorted(b, Feature.HISTORY));
        } finally {
            dying.close();
        }
    }
}
