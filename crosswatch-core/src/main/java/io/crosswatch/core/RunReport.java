package io.crosswatch.core;

import io.crosswatch.api.Api;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Orchestrator} run did: one {@link SyncResult} per pair, in run order, and the
 * overall status (the worst of the pairs', {@link SyncStatus#SKIPPED} when none ran).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class RunReport {

    private final String runId;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final boolean dryRun;
    private final List<SyncResult> results;
    private final SyncStatus status;

    private RunReport(String runId, Instant startedAt, Instant finishedAt, boolean dryRun, List<SyncResult> results) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
        this.dryRun = dryRun;
        this.results = List.copyOf(results);
        SyncStatus s = SyncStatus.SKIPPED;
        for (SyncResult r : this.results) {
            s = s.worst(r.status());
        }
        this.status = s;
    }

    /**
     * @param runId      the run id
     * @param startedAt  when it started
     * @param finishedAt when it finished
     * @param dryRun     whether nothing was written
     * @param results    one result per pair, in order
     * @return the report
     */
    public static RunReport of(String runId, Instant startedAt, Instant finishedAt, boolean dryRun,
                               List<SyncResult> results) {
        return new RunReport(runId, startedAt, finishedAt, dryRun, results);
    }

    /** @return the run id */
    public String runId() {
        return runId;
    }

    /** @return when the run started */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when the run finished */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** @return how long it took */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** @return whether it was a dry run */
    public boolean dryRun() {
        return dryRun;
    }

    /** @return one result per pair, in run order */
    public List<SyncResult> results() {
        return results;
    }

    /** @return the result of the pair named {@code pair} */
    public Optional<SyncResult> result(String pair) {
        return results.stream().filter(r -> r.pair().equals(pair)).findFirst();
    }

    /** @return the worst status of the pairs; {@link SyncStatus#SKIPPED} when none ran */
    public SyncStatus status() {
        return status;
    }

    @Override
    public String toString() {
        return "RunReport[" + runId + " " + status + (dryRun ? " dry-run" : "") + " " + results + "]";
    }
}
