package io.crosswatch.core.sync;

import static io.crosswatch.core.sync.PlanFixtures.movies;
import static io.crosswatch.core.sync.PlanFixtures.range;
import static io.crosswatch.core.sync.PlanFixtures.rated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.UndoService;
import io.crosswatch.core.state.RunJournal;
import io.crosswatch.core.state.RunRecord;
import io.crosswatch.core.state.SqliteStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's journal records exactly what it wrote, and undo puts both sides back as they were. */
class UndoTest {

    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final GenericSyncModule module = new GenericSyncModule();
    @TempDir
    Path dir;
    SqliteStateStore store;
    final PairSpec pair = PairSpec.builder(Endpoint.parse("a"), Endpoint.parse("b"), SyncMode.TWO_WAY)
            .feature(Feature.WATCHLIST, FeatureOptions.ALL).feature(Feature.RATINGS, FeatureOptions.ALL).build();

    @BeforeEach
    void open() {
        store = SqliteStateStore.open(dir.resolve("state.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    SyncResult sync(InMemoryConnector a, InMemoryConnector b, boolean force) {
        return module.runSync(SyncContext.builder(pair).runId("run-" + store.runs(pair.name(), 100).size())
                .source(a.manifest(), a).target(b.manifest(), b).state(store).clock(clock).force(force).build());
    }

    static Set<MediaItem> snapshot(InMemoryConnector c, Feature f) {
        return new HashSet<>(c.items(f));
    }

    @Test
    void undoRestoresBothSidesAndIsItselfARecordedUndoableRun() {
        InMemoryConnector a = new InMemoryConnector("a", ConnectorCapabilities.defaults())
                .put(Feature.WATCHLIST, movies(1, 2, 3)).put(Feature.RATINGS, List.of(rated(7, 5, NOW.minusSeconds(9000))));
        InMemoryConnector b = new InMemoryConnector("b", ConnectorCapabilities.defaults()).put(Feature.WATCHLIST, movies(3, 4));
        assertEquals(SyncStatus.SUCCESS, sync(a, b, false).status());
        // the user removes 1 and adds 5 on a, and re-rates 7
        a.data.get(Feature.WATCHLIST).removeIf(i -> i.ids().tmdb().orElseThrow().equals("1"));
        a.put(Feature.WATCHLIST, movies(5));
        a.data.get(Feature.RATINGS).clear();
        a.put(Feature.RATINGS, List.of(rated(7, 9, NOW.minusSeconds(60))));
        Set<MediaItem> preA = snapshot(a, Feature.WATCHLIST);
        Set<MediaItem> preB = snapshot(b, Feature.WATCHLIST);
        Set<MediaItem> preRatingsA = snapshot(a, Feature.RATINGS);
        Set<MediaItem> preRatingsB = snapshot(b, Feature.RATINGS);
        SyncResult run = sync(a, b, false);
        assertEquals(SyncStatus.SUCCESS, run.status(), run.toString());
        assertFalse(snapshot(b, Feature.WATCHLIST).equals(preB), "the run changed b");

        RunRecord record = store.runs(pair.name(), 10).get(0);
        RunJournal journal = RunJournal.fromReport(record.report()).orElseThrow();
        assertEquals(movies(5), journal.writes(Feature.WATCHLIST, Side.TARGET).added());
        assertEquals(movies(1), journal.writes(Feature.WATCHLIST, Side.TARGET).removed());
        assertEquals(1, journal.writes(Feature.RATINGS, Side.TARGET).changed().size());
        assertEquals(5, journal.writes(Feature.RATINGS, Side.TARGET).changed().get(0).previous().rating().orElseThrow());
        assertTrue(journal.writes(Feature.WATCHLIST, Side.SOURCE).added().isEmpty(), journal.toString());

        UndoService undo = new UndoService(store, clock);
        int writes = a.writes + b.writes;
        SyncResult dry = undo.undo(pair.name(), record.runId(), a, b, true);
        assertEquals(writes, a.writes + b.writes, "a dry-run undo writes nothing");
        assertEquals(1, dry.feature(Feature.WATCHLIST).orElseThrow().toTarget().added());
        assertEquals(2, store.runs(pair.name(), 10).size(), "a dry-run undo records nothing");

        SyncResult undone = undo.undo(pair.name(), record.runId(), a, b, false);
        assertEquals(SyncStatus.SUCCESS, undone.status(), undone.toString());
        assertEquals(record.runId(), undone.metadata().get(UndoService.UNDO_OF));
        assertEquals(preA, snapshot(a, Feature.WATCHLIST));
        assertEquals(preB, snapshot(b, Feature.WATCHLIST));
        assertEquals(preRatingsA, snapshot(a, Feature.RATINGS));
        assertEquals(preRatingsB, snapshot(b, Feature.RATINGS));
        RunRecord undoRecord = store.runs(pair.name(), 10).get(0);
        assertEquals(undone.runId(), undoRecord.runId());
        assertTrue(undoRecord.report().contains(record.runId()));

        // the undo is itself undoable: that re-applies the original run
        undo.undo(pair.name(), undoRecord.runId(), a, b, false);
        assertEquals(snapshot(a, Feature.WATCHLIST), snapshot(b, Feature.WATCHLIST));
        assertFalse(snapshot(b, Feature.WATCHLIST).contains(PlanFixtures.movie(1)));
    }

    @Test
    void aRemovedItemComesBackFromTheJournalEvenIfTheServiceLostIt() {
        InMemoryConnector a = new InMemoryConnector("a", ConnectorCapabilities.defaults()).put(Feature.WATCHLIST, movies(1, 2, 3));
        InMemoryConnector b = new InMemoryConnector("b", ConnectorCapabilities.defaults());
        sync(a, b, false);
        a.data.get(Feature.WATCHLIST).clear();
        a.put(Feature.WATCHLIST, movies(3));
        SyncResult run = sync(a, b, true); // forced: recorded in the report even when the guard had nothing to hold
        assertEquals(2, run.totalToTarget().removed(), run.toString());
        assertEquals("true", run.metadata().get("forced"));
        RunRecord record = store.runs(pair.name(), 10).get(0);
        assertTrue(record.report().contains("\"forced\":true"), record.report());
        // the removed items exist only in the journal now
        new UndoService(store, clock).undo(pair.name(), record.runId(), a, b, false);
        assertEquals(Set.copyOf(movies(1, 2, 3)), snapshot(b, Feature.WATCHLIST));
    }

    @Test
    void overridingTheMassDeleteGuardIsRecordedInTheRunReport() {
        InMemoryConnector a = new InMemoryConnector("a", ConnectorCapabilities.defaults()).put(Feature.WATCHLIST, range(1, 11));
        InMemoryConnector b = new InMemoryConnector("b", ConnectorCapabilities.defaults());
        sync(a, b, false);
        // six of ten gone on a: above the guard's ratio (10 %) and its minimum (5)
        a.data.get(Feature.WATCHLIST).clear();
        a.put(Feature.WATCHLIST, range(7, 11));

        SyncResult held = sync(a, b, false);
        assertEquals(6, held.feature(Feature.WATCHLIST).orElseThrow().held(), held.toString());
        assertEquals(10, b.items(Feature.WATCHLIST).size(), "the guard held the removals");
        RunRecord heldRecord = store.runs(pair.name(), 10).get(0);
        assertTrue(heldRecord.report().contains("\"forced\":false"), heldRecord.report());
        assertFalse(held.metadata().containsKey("forced"));

        SyncResult forced = sync(a, b, true);
        assertEquals(6, forced.totalToTarget().removed(), forced.toString());
        RunRecord forcedRecord = store.runs(pair.name(), 10).get(0);
        assertEquals(forced.runId(), forcedRecord.runId());
        assertTrue(forcedRecord.report().contains("\"forced\":true"), forcedRecord.report());
        assertEquals("true", forced.metadata().get("forced"));
        // and the forced run is undoable like any other
        new UndoService(store, clock).undo(pair.name(), forcedRecord.runId(), a, b, false);
        assertEquals(Set.copyOf(range(1, 11)), snapshot(b, Feature.WATCHLIST));
    }

    @Test
    void unknownRunsAndDryRunsAreClearErrors() {
        UndoService undo = new UndoService(store, clock);
        InMemoryConnector a = new InMemoryConnector("a", ConnectorCapabilities.defaults()).put(Feature.WATCHLIST, range(1, 3));
        ConfigException e = assertThrows(ConfigException.class, () -> undo.undo(pair.name(), "nope", a, a, false));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
