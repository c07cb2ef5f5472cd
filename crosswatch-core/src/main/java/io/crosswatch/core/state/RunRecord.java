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
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record RunRecord(String runId, String pair, Instant startedAt, Instant finishedAt, SyncStatus status, boolean dryRun,
                        String report) {

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
