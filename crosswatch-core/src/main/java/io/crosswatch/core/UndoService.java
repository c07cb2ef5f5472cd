package io.crosswatch.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.Api;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.FeatureOutcome;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.state.RunJournal;
import io.crosswatch.core.state.RunRecord;
import io.crosswatch.core.state.StateCommit;
import io.crosswatch.core.state.SyncStateStore;
import io.crosswatch.core.sync.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reverts one recorded run of one pair: removes what it added, restores what it removed (from the
 * journal, so an item the service has since lost comes back too) and puts back the previous value
 * of what it changed. The undo is itself recorded as a run with its own journal — so it can be
 * undone — and moves the pair's baselines the same way, so the next sync does not mistake the
 * reverted items for deletions. A dry run reports what would be written and writes nothing.
 *
 * <p>{@link Orchestrator#undo(String, boolean)} finds the run's pairs and opens the sessions; call
 * this class directly when embedding with sessions of your own.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class UndoService {

    /** The report field naming the run an undo reverted. */
    public static final String UNDO_OF = "undoOf";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyncStateStore state;
    private final Clock clock;

    /**
     * @param state the store holding the run history and baselines
     * @param clock the clock for the undo's run record
     */
    public UndoService(SyncStateStore state, Clock clock) {
        this.state = Objects.requireNonNull(state, "state");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param pair  the pair name
     * @param runId the run id
     * @return the run's record, if the pair's history (its latest 10 000 runs) holds it
     */
    public Optional<RunRecord> find(String pair, String runId) {
        return state.runs(pair, 10_000).stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    /**
     * Reverts a run of a pair.
     *
     * @param pair   the pair name
     * @param runId  the run to revert
     * @param source an open session on the pair's source
     * @param target an open session on the pair's target
     * @param dryRun report only
     * @return the undo's result; its run id is new, its metadata names the reverted run
     * @throws ConfigException when the pair has no such run, it was a dry run, or it carries no journal
     */
    public SyncResult undo(String pair, String runId, ConnectorSession source, ConnectorSession target, boolean dryRun) {
        RunRecord run = find(pair, runId).orElseThrow(() -> new ConfigException("run " + runId,
                "pair '" + pair + "' has no recorded run " + runId + "; list runs with 'crosswatch runs'"));
        if (run.dryRun()) {
            throw new ConfigException("run " + runId, "run " + runId + " was a dry run and wrote nothing to undo");
        }
        RunJournal journal;
        try {
            journal = RunJournal.fromReport(run.report()).orElseThrow(() -> new ConfigException("run " + runId,
                    "run " + runId + " of '" + pair + "' has no journal of its writes (recorded by an older version)"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("run " + runId, "the journal of run " + runId + " is unreadable: " + e.getMessage());
        }
        Instant started = clock.instant();
        String undoId = UUID.randomUUID().toString();
        SyncResult.Builder result = SyncResult.builder(undoId, pair, started).dryRun(dryRun).metadata(UNDO_OF, runId);
        Map<Feature, Map<Side, RunJournal.Writes>> done = new EnumMap<>(Feature.class);
        StateCommit.Builder commit = StateCommit.builder(pair, started);
        SyncStatus status = SyncStatus.SUCCESS;
        for (Map.Entry<Feature, Map<Side, RunJournal.Writes>> fe : journal.writes().entrySet()) {
            Feature f = fe.getKey();
            Map<Side, FeatureOutcome.Counts> counts = new EnumMap<>(Side.class);
            List<String> notes = new ArrayList<>();
            SyncStatus featureStatus = SyncStatus.SUCCESS;
            for (Map.Entry<Side, RunJournal.Writes> se : fe.getValue().entrySet()) {
                Side side = se.getKey();
                RunJournal.Writes w = se.getValue();
                ConnectorSession session = side == Side.SOURCE ? source : target;
                List<MediaItem> previous = w.changed().stream().map(RunJournal.Change::previous).toList();
                if (dryRun) {
                    counts.put(side, new FeatureOutcome.Counts(w.removed().size(), w.added().size(), previous.size()));
                    continue;
                }
                List<MediaItem> unadded = succeeded(write(session, f, w.added(), true), notes, "remove", side);
                List<MediaItem> restored = succeeded(write(session, f, w.removed(), false), notes, "restore", side);
                List<MediaItem> reverted = succeeded(write(session, f, previous, false), notes, "revert", side);
                if (unadded.size() + restored.size() + reverted.size() < w.added().size() + w.removed().size() + previous.size()) {
                    featureStatus = SyncStatus.PARTIAL;
                }
                counts.put(side, new FeatureOutcome.Counts(restored.size(), unadded.size(), reverted.size()));
                List<RunJournal.Change> changes = new ArrayList<>();
                Set<MediaItem> revertedSet = Set.copyOf(reverted);
                w.changed().stream().filter(c -> revertedSet.contains(c.previous()))
                        .forEach(c -> changes.add(new RunJournal.Change(c.previous(), c.item())));
                done.computeIfAbsent(f, k -> new EnumMap<>(Side.class)).put(side, new RunJournal.Writes(restored, unadded, changes));
                rebaseline(pair, f, side, unadded, restored, changes, started).ifPresent(b -> commit.baseline(f, side, b));
            }
            notes.forEach(n -> result.error(f.key() + ": " + n));
            status = status.worst(featureStatus);
            result.feature(new FeatureOutcome(f, featureStatus, counts.getOrDefault(Side.TARGET, FeatureOutcome.Counts.ZERO),
                    counts.getOrDefault(Side.SOURCE, FeatureOutcome.Counts.ZERO), 0, 0, notes));
        }
        Instant finished = clock.instant();
        result.status(status).finishedAt(finished);
        if (!dryRun) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put(UNDO_OF, runId);
            report.put(RunJournal.FIELD, RunJournal.of(done).toJson());
            commit.run(new RunRecord(undoId, pair, started, finished, status, false, json(report)));
            state.commit(commit.build());
        }
        return result.build();
    }

    private static WriteResult write(ConnectorSession session, Feature f, List<MediaItem> items, boolean remove) {
        if (items.isEmpty()) {
            return new WriteResult(List.of());
        }
        try {
            return remove ? session.remove(f, items, false) : session.add(f, items, false);
        } catch (RuntimeException e) {
            return WriteResult.failed(items, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static List<MediaItem> succeeded(WriteResult r, List<String> notes, String op, Side side) {
        List<MediaItem> ok = new ArrayList<>();
        for (WriteResult.ItemOutcome o : r.outcomes()) {
            if (o.succeeded()) {
                ok.add(o.item());
            } else {
                notes.add(op + " of " + o.item().describe() + " on the " + side.name().toLowerCase(java.util.Locale.ROOT)
                        + " failed: " + o.outcome() + (o.reason() == null ? "" : " (" + o.reason() + ")"));
            }
        }
        return ok;
    }

    /** The baseline moved by what the undo wrote, so the next sync sees the undo as agreed state. */
    private Optional<Baseline> rebaseline(String pair, Feature f, Side side, List<MediaItem> unadded, List<MediaItem> restored,
                                          List<RunJournal.Change> changes, Instant now) {
        Optional<Baseline> base = state.baseline(pair, f, side);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        Set<String> drop = new java.util.HashSet<>();
        unadded.forEach(i -> drop.add(Ids.guardKey(f, i)));
        changes.forEach(c -> drop.add(Ids.guardKey(f, c.previous())));
        List<MediaItem> items = base.get().items().stream().filter(i -> !drop.contains(Ids.guardKey(f, i)))
                .collect(Collectors.toCollection(ArrayList::new));
        items.addAll(restored);
        changes.forEach(c -> items.add(c.item()));
        Baseline b = base.get();
        // the activity token is dropped: the service moved since it was taken, so the next run reads in full
        return Optional.of(new Baseline(items, now, b.checkpoint(), null));
    }

    private static String json(Map<String, Object> report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the undo report could not be serialized", e);
        }
    }

    @Override
    public String toString() {
        return "UndoService[" + state.getClass().getSimpleName() + "]";
    }
}
