package io.crosswatch.core.state;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.core.sync.GuardState;
import java.time.Instant;
import java.util.List;

/**
 * The state the generic sync engine keeps beyond baselines: tombstones, unresolved items, phantom
 * adds and run history, all per pair, and a {@link #commit} that writes one run's state in a
 * single transaction. Core ships {@link SqliteStateStore} and {@link InMemoryStateStore}; an
 * embedding app may implement this interface over its own database.
 *
 * <p>Contract: {@link #commit} MUST be atomic — after a crash either all of a commit is visible or
 * none of it, so the previous baseline survives a run killed mid-apply. Reads MUST NOT return
 * tombstones that expired before {@code now}.
 *
 * <p>The write-ahead journal ({@link #beginRun}, {@link #journalChunk}, {@link #recordOutcomes},
 * {@link #journalChunks}) makes a run undoable even when its process is killed mid-apply. Its
 * methods have do-nothing defaults so stores written before it still compile; such a store keeps
 * a run's journal only in the run record its {@link #commit} writes, so a killed run leaves no
 * undo record. {@link SqliteStateStore} and {@link InMemoryStateStore} implement it.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface SyncStateStore extends StateStore {

    /**
     * @param pair the pair name
     * @param now  the current time; expired tombstones are left out
     * @return the pair's guard memory
     */
    GuardState guards(String pair, Instant now);

    /**
     * Applies one run's state atomically. A commit carrying a run record replaces the run's
     * {@link #beginRun} record and drops its journaled chunks in the same transaction (the
     * report carries the journal from then on).
     *
     * @param commit what to write
     */
    void commit(StateCommit commit);

    /**
     * @param pair  the pair name
     * @param limit at most this many
     * @return the pair's most recent runs, newest first, including runs begun and never committed
     *         (marked {@link RunRecord#interrupted()})
     */
    List<RunRecord> runs(String pair, int limit);

    /**
     * Records, durably, that a real run is about to write: from now until its {@link #commit}
     * (whose run record replaces this one) the run is listed by {@link #runs} as
     * {@link RunRecord#interrupted()}. Called once per run, before its first chunk.
     *
     * @param run the record, usually {@link RunRecord#begun}
     */
    default void beginRun(RunRecord run) {
        // no write-ahead journal: the run is recorded by its commit only
    }

    /**
     * Records, durably and in one transaction, a chunk the run is about to send, before any of it
     * is sent. An implementation MAY write the outcomes given to {@link #recordOutcomes} since the
     * last call in the same transaction. When this throws, the chunk MUST NOT be sent.
     *
     * @param chunk the chunk, its outcomes {@link JournalChunk.Outcome#UNKNOWN}
     */
    default void journalChunk(JournalChunk chunk) {
        // no write-ahead journal
    }

    /**
     * Records what became of each item of a journaled chunk. An implementation MAY hold the
     * outcomes until its next {@link #journalChunk}, {@link #commit}, {@link #journalChunks} or
     * {@link #close}, to keep one transaction per chunk; outcomes lost in a crash read as
     * {@link JournalChunk.Outcome#UNKNOWN}, which undo handles by checking the side first.
     *
     * @param runId    the run
     * @param seq      the chunk's number
     * @param outcomes one per entry of the chunk, in order
     */
    default void recordOutcomes(String runId, int seq, List<JournalChunk.Outcome> outcomes) {
        // no write-ahead journal
    }

    /**
     * @param runId the run
     * @return the chunks journaled for a run that has not committed (an interrupted run), in the
     *         order sent; empty once the run has committed (its journal then lives in its run
     *         record's report, see {@link RunJournal}) or when the store keeps no journal
     */
    default List<JournalChunk> journalChunks(String runId) {
        return List.of();
    }

    /** Commits one baseline as a single-entry {@link #commit}. */
    @Override
    default void commitBaseline(String pair, Feature feature, Side side, Baseline baseline) {
        commit(StateCommit.builder(pair, baseline.takenAt()).baseline(feature, side, baseline).build());
    }
}
