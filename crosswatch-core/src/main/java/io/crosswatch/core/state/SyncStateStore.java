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
     * Applies one run's state atomically.
     *
     * @param commit what to write
     */
    void commit(StateCommit commit);

    /**
     * @param pair  the pair name
     * @param limit at most this many
     * @return the pair's most recent runs, newest first
     */
    List<RunRecord> runs(String pair, int limit);

    /** Commits one baseline as a single-entry {@link #commit}. */
    @Override
    default void commitBaseline(String pair, Feature feature, Side side, Baseline baseline) {
        commit(StateCommit.builder(pair, baseline.takenAt()).baseline(feature, side, baseline).build());
    }
}
