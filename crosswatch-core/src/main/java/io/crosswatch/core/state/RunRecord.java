package io.crosswatch.core.state;

import io.crosswatch.api.Api;
import io.crosswatch.api.sync.SyncStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One run of a pair, as kept in the run history.
 *
 * @param runId      the run id
 * @param pair       the pair name
 * @param startedAt  when it started
 * @param finishedAt when it finished
 * @param status     how it ended
 * @param dryRun     whether it was a dry run (dry runs are not stored by the engine, but an app may)
 * @param report     the run's report as JSON
 * @param interrupted whether the run began writing but never recorded its end: its process was
 *                   killed (or it is still going on in another process). Its {@code status} is
 *                   then {@link SyncStatus#FAILED}, its {@code finishedAt} its start, and its
 *                   writes are in the store's chunk journal ({@link SyncStateStore#journalChunks});
 *                   {@link io.crosswatch.core.UndoService} reverts what it may have applied
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record RunRecord(String runId, String pair, Instant startedAt, Instant finishedAt, SyncStatus status, boolean dryRun,
                        String report, boolean interrupted) {

    /**
     * A run that ended (not interrupted).
     *
     * @param runId      the run id
     * @param pair       the pair name
     * @param startedAt  when it started
     * @param finishedAt when it finished
     * @param status     how it ended
     * @param dryRun     whether it was a dry run
     * @param report     the run's report as JSON
     */
    public RunRecord(String runId, String pair, Instant startedAt, Instant finishedAt, SyncStatus status, boolean dryRun,
                     String report) {
        this(runId, pair, startedAt, finishedAt, status, dryRun, report, false);
    }

    /**
     * The record of a run that is about to write: {@link SyncStateStore#beginRun} stores it, the
     * run's commit replaces it.
     *
     * @param runId     the run id
     * @param pair      the pair name
     * @param startedAt when it started
     * @return an interrupted-until-committed record
     */
    public static RunRecord begun(String runId, String pair, Instant startedAt) {
        return new RunRecord(runId, pair, startedAt, startedAt, SyncStatus.FAILED, false, "{\"interrupted\":true}", true);
    }

    /** Validates. */
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(status, "status");
        report = report == null ? "{}" : report;
    }
}
