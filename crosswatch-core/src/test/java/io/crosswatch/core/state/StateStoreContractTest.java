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
}
