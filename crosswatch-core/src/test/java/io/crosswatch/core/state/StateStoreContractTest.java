package io.crosswatch.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.sync.GuardState;
import io.crosswatch.core.sync.PhantomRecord;
import io.crosswatch.core.sync.Tombstone;
import io.crosswatch.core.sync.UnresolvedItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SyncStateStore} shares; subclasses supply the store. */
abstract class StateStoreContractTest {

    static final Instant NOW = Instant.parse("2024-05-01T20:00:00Z");
    static final MediaItem MATRIX = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "603", "imdb", "tt0133093"))
            .title("The Matrix").year(1999).attribute("plex.ratingKey", "55").build();

    SyncStateStore store;

    abstract SyncStateStore create() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = create();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void baselinesArePerPairFeatureAndSide() {
        Baseline b = new Baseline(List.of(MATRIX), NOW, "cp1", "act1");
        store.commitBaseline("a->b", Feature.WATCHLIST, Side.SOURCE, b);
        assertEquals(b, store.baseline("a->b", Feature.WATCHLIST, Side.SOURCE).orElseThrow());
        assertTrue(store.baseline("a->b", Feature.WATCHLIST, Side.TARGET).isEmpty());
        assertTrue(store.baseline("a->c", Feature.WATCHLIST, Side.SOURCE).isEmpty());
        assertTrue(store.baseline("a->b", Feature.RATINGS, Side.SOURCE).isEmpty());
    }

    @Test
    void commitReplacesAndClearsGuardRecords() {
        Tombstone live = new Tombstone(Feature.WATCHLIST, MATRIX, NOW, NOW.plusSeconds(3600));
        Tombstone old = new Tombstone(Feature.RATINGS, MATRIX, NOW.minusSeconds(7200), NOW.minusSeconds(1));
        UnresolvedItem un = new UnresolvedItem(Feature.WATCHLIST, Side.TARGET, MATRIX, "not found", 1, NOW, NOW.plusSeconds(60));
        PhantomRecord ph = new PhantomRecord(Feature.WATCHLIST, Side.TARGET, MATRIX, 1, NOW);
        store.commit(StateCommit.builder("p", NOW).tombstone(live).tombstone(old).unresolved(un).phantom(ph)
                .run(new RunRecord("r1", "p", NOW, NOW.plusSeconds(5), SyncStatus.SUCCESS, false, "{\"ok\":true}")).build());
        GuardState g = store.guards("p", NOW);
        assertEquals(List.of(live), g.tombstones());
        assertEquals(List.of(un), g.unresolved());
        assertEquals(List.of(ph), g.phantoms());
        assertEquals(List.of(), store.guards("other", NOW).tombstones());

        UnresolvedItem again = new UnresolvedItem(Feature.WATCHLIST, Side.TARGET, MATRIX, "not found", 2, NOW, NOW.plusSeconds(120));
        store.commit(StateCommit.builder("p", NOW.plusSeconds(1)).unresolved(again)
                .clearPhantom(Feature.WATCHLIST, Side.TARGET, ph.key()).build());
        g = store.guards("p", NOW.plusSeconds(1));
        assertEquals(List.of(again), g.unresolved());
        assertEquals(List.of(), g.phantoms());
        assertEquals(List.of(), store.guards("p", NOW.plusSeconds(3601)).tombstones(), "expired tombstones are not read");

        store.commit(StateCommit.builder("p", NOW).clearUnresolved(Feature.WATCHLIST, Side.TARGET, again.key()).build());
        assertEquals(List.of(), store.guards("p", NOW).unresolved());
    }

    @Test
    void runsAreListedNewestFirst() {
        for (int i = 0; i < 3; i++) {
            store.commit(StateCommit.builder("p", NOW).run(new RunRecord("r" + i, "p", NOW.plusSeconds(i), NOW.plusSeconds(i + 1),
                    SyncStatus.SUCCESS, false, "{}")).build());
        }
        List<RunRecord> runs = store.runs("p", 2);
        assertEquals(List.of("r2", "r1"), runs.stream().map(RunRecord::runId).toList());
    }

    @Test
    void aBegunRunIsInterruptedUntilItsCommitAndKeepsItsChunks() {
        MediaItem rated = MATRIX.toBuilder().rating(8).build();
        MediaItem was = MATRIX.toBuilder().rating(5).build();
        store.beginRun(RunRecord.begun("r1", "p", NOW));
        store.journalChunk(new JournalChunk("r1", 0, Feature.WATCHLIST, Side.TARGET, JournalChunk.Op.REMOVE,
                List.of(new JournalChunk.Entry(MATRIX, null, JournalChunk.Outcome.UNKNOWN))));
        store.recordOutcomes("r1", 0, List.of(JournalChunk.Outcome.APPLIED));
        store.journalChunk(new JournalChunk("r1", 1, Feature.RATINGS, Side.SOURCE, JournalChunk.Op.UPDATE,
                List.of(new JournalChunk.Entry(rated, was, JournalChunk.Outcome.UNKNOWN),
                        new JournalChunk.Entry(MATRIX, null, JournalChunk.Outcome.UNKNOWN))));
        store.recordOutcomes("r1", 1, List.of(JournalChunk.Outcome.FAILED, JournalChunk.Outcome.APPLIED));

        RunRecord begun = store.runs("p", 5).get(0);
        assertTrue(begun.interrupted(), begun.toString());
        assertEquals(SyncStatus.FAILED, begun.status());
        List<JournalChunk> chunks = store.journalChunks("r1");
        assertEquals(2, chunks.size());
        assertEquals(new JournalChunk("r1", 0, Feature.WATCHLIST, Side.TARGET, JournalChunk.Op.REMOVE,
                List.of(new JournalChunk.Entry(MATRIX, null, JournalChunk.Outcome.APPLIED))), chunks.get(0));
        assertEquals(List.of(new JournalChunk.Entry(rated, was, JournalChunk.Outcome.FAILED),
                new JournalChunk.Entry(MATRIX, null, JournalChunk.Outcome.APPLIED)), chunks.get(1).entries());
        assertEquals(List.of(), store.journalChunks("other"));

        store.commit(StateCommit.builder("p", NOW).run(new RunRecord("r1", "p", NOW, NOW.plusSeconds(3), SyncStatus.SUCCESS,
                false, "{}")).build());
        List<RunRecord> runs = store.runs("p", 5);
        assertEquals(1, runs.size(), "the commit replaces the begun record");
        assertEquals(SyncStatus.SUCCESS, runs.get(0).status());
        assertTrue(!runs.get(0).interrupted());
        assertEquals(List.of(), store.journalChunks("r1"), "a committed run's journal lives in its report");
    }
}
