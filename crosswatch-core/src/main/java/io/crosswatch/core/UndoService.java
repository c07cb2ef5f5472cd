package io.crosswatch.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.Api;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.FeatureOutcome;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.state.JournalChunk;
import io.crosswatch.core.state.RunJournal;
import io.crosswatch.core.state.RunRecord;
import io.crosswatch.core.state.StateCommit;
import io.crosswatch.core.state.SyncStateStore;
import io.crosswatch.core.sync.Ids;
import io.crosswatch.core.sync.Tombstone;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
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
 * of what it changed. A dry run reports what would be written and writes nothing, not even state.
 *
 * <p>Before writing, the undo reads each side it will touch, so it is idempotent: an item it would
 * restore that is present again is left alone (a play is never duplicated), an item it would
 * remove that is already gone is skipped. When that read fails or is partial, only writes the run
 * confirmed are reverted (blindly, as recorded) and the undo ends {@link SyncStatus#PARTIAL}.
 *
 * <p>An <em>interrupted</em> run ({@link RunRecord#interrupted()}: its process was killed
 * mid-apply) is reverted from its journaled chunks ({@link SyncStateStore#journalChunks}): every
 * item whose outcome is applied or unknown may be on the service, and the read above decides. Its
 * baselines were never moved, so the undo leaves them as they are; the next sync then sees both
 * sides as they were before the interrupted run.
 *
 * <p>The undo is itself recorded as a run with its own journal (and journals its writes ahead, as a
 * sync does), lifts the tombstones of the items it restores, and, after a completed run, moves the
 * pair's baselines the same way, so the next sync does not mistake the reverted items for
 * deletions: a removal the undo restored is then agreed state and spreads to the other side too,
 * while an add it took back is offered again (the item is still new on its origin side). An undo can itself be undone: that re-applies
 * what it reverted. An undo killed mid-way is an interrupted run like any other and can be undone.
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

    /** One recorded write to revert; {@code confirmed} when the service acknowledged it. */
    private record Entry(MediaItem item, MediaItem previous, boolean confirmed) {
    }

    /** What to revert on one side for one feature. */
    private static final class Pending {
        final List<Entry> added = new ArrayList<>();
        final List<Entry> removed = new ArrayList<>();
        final List<Entry> changed = new ArrayList<>();
    }

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
     * Reverts a run of a pair (completed, failed or interrupted).
     *
     * @param pair   the pair name
     * @param runId  the run to revert
     * @param source an open session on the pair's source
     * @param target an open session on the pair's target
     * @param dryRun report only: reads the sides, writes nothing and records nothing
     * @return the undo's result; its run id is new, its metadata names the reverted run
     * @throws ConfigException when the pair has no such run, it was a dry run, or it carries no journal
     */
    public SyncResult undo(String pair, String runId, ConnectorSession source, ConnectorSession target, boolean dryRun) {
        RunRecord run = find(pair, runId).orElseThrow(() -> new ConfigException("run " + runId,
                "pair '" + pair + "' has no recorded run " + runId + "; list runs with 'crosswatch status'"));
        if (run.dryRun()) {
            throw new ConfigException("run " + runId, "run " + runId + " was a dry run and wrote nothing to undo");
        }
        Map<Feature, Map<Side, Pending>> todo = run.interrupted() ? fromChunks(state.journalChunks(runId)) : fromReport(pair, run);
        Instant started = clock.instant();
        String undoId = UUID.randomUUID().toString();
        SyncResult.Builder result = SyncResult.builder(undoId, pair, started).dryRun(dryRun).metadata(UNDO_OF, runId);
        if (run.interrupted()) {
            result.metadata("interrupted", "true");
            result.warning("run " + runId + " was interrupted; reverting every write it journaled that may have reached"
                    + " a service");
        }
        Map<Feature, Map<Side, RunJournal.Writes>> done = new EnumMap<>(Feature.class);
        StateCommit.Builder commit = StateCommit.builder(pair, started);
        SyncStatus status = SyncStatus.SUCCESS;
        Journal journal = new Journal(undoId, pair, started, dryRun);
        for (Map.Entry<Feature, Map<Side, Pending>> fe : todo.entrySet()) {
            Feature f = fe.getKey();
            Map<Side, FeatureOutcome.Counts> counts = new EnumMap<>(Side.class);
            List<String> notes = new ArrayList<>();
            SyncStatus featureStatus = SyncStatus.SUCCESS;
            for (Map.Entry<Side, Pending> se : fe.getValue().entrySet()) {
                Side side = se.getKey();
                Pending w = se.getValue();
                if (w.added.isEmpty() && w.removed.isEmpty() && w.changed.isEmpty()) {
                    continue;
                }
                ConnectorSession session = side == Side.SOURCE ? source : target;
                String where = f.key() + " on the " + side.name().toLowerCase(java.util.Locale.ROOT);
                Optional<Set<String>> present = w.added.isEmpty() && w.removed.isEmpty() ? Optional.of(Set.of())
                        : present(session, f, notes, where);
                int skipped = 0;
                List<MediaItem> toRemove = new ArrayList<>();
                for (Entry e : w.added) {
                    if (present.map(p -> p.contains(Ids.guardKey(f, e.item()))).orElse(e.confirmed())) {
                        toRemove.add(e.item());
                    } else if (present.isEmpty()) {
                        skipped++;
                    }
                }
                List<MediaItem> toRestore = new ArrayList<>();
                for (Entry e : w.removed) {
                    if (present.map(p -> !p.contains(Ids.guardKey(f, e.item()))).orElse(e.confirmed())) {
                        toRestore.add(e.item());
                    } else if (present.isEmpty()) {
                        skipped++;
                    }
                }
                // setting the previous value again is harmless when the change never landed
                List<Entry> toRevert = w.changed;
                if (skipped > 0) {
                    notes.add(skipped + " item(s) on " + where + " whose write was never confirmed were left alone;"
                            + " undo again when the side can be read");
                    featureStatus = featureStatus.worst(SyncStatus.PARTIAL);
                }
                if (dryRun) {
                    counts.put(side, new FeatureOutcome.Counts(toRestore.size(), toRemove.size(), toRevert.size()));
                    continue;
                }
                List<MediaItem> previous = toRevert.stream().map(Entry::previous).toList();
                List<MediaItem> unadded = succeeded(journal.write(session, f, side, JournalChunk.Op.REMOVE, toRemove, null),
                        notes, "remove", side);
                List<MediaItem> restored = succeeded(journal.write(session, f, side, JournalChunk.Op.ADD, toRestore, null),
                        notes, "restore", side);
                List<MediaItem> reverted = succeeded(journal.write(session, f, side, JournalChunk.Op.UPDATE, previous,
                        toRevert.stream().map(Entry::item).toList()), notes, "revert", side);
                if (unadded.size() + restored.size() + reverted.size() < toRemove.size() + toRestore.size() + previous.size()) {
                    featureStatus = featureStatus.worst(SyncStatus.PARTIAL);
                }
                counts.put(side, new FeatureOutcome.Counts(restored.size(), unadded.size(), reverted.size()));
                List<RunJournal.Change> changes = new ArrayList<>();
                Set<MediaItem> revertedSet = Set.copyOf(reverted);
                toRevert.stream().filter(c -> revertedSet.contains(c.previous()))
                        .forEach(c -> changes.add(new RunJournal.Change(c.previous(), c.item())));
                done.computeIfAbsent(f, k -> new EnumMap<>(Side.class)).put(side, new RunJournal.Writes(restored, unadded, changes));
                // a restored item is no longer a removal to guard: lift its tombstone (expired now, purged next commit)
                restored.forEach(i -> commit.tombstone(new Tombstone(f, i, started, started)));
                if (!run.interrupted()) {
                    rebaseline(pair, f, side, unadded, restored, changes, started).ifPresent(b -> commit.baseline(f, side, b));
                }
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
            report.put(RunJournal.FIELD, RunJournal.of(done));
            commit.run(new RunRecord(undoId, pair, started, finished, status, false, json(report)));
            state.commit(commit.build());
        }
        return result.build();
    }

    /** @return the guard keys on the side, or empty when it cannot be read in full (noted) */
    private static Optional<Set<String>> present(ConnectorSession session, Feature f, List<String> notes, String where) {
        ReadResult r;
        try {
            r = session.read(ReadRequest.full(f));
        } catch (RuntimeException e) {
            r = ReadResult.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (r == null || r.completeness() != Completeness.COMPLETE) {
            notes.add("could not read " + where + " in full" + (r == null ? "" : r.reason().map(m -> " (" + m + ")").orElse(""))
                    + "; reverting only confirmed writes, without checking what is there");
            return Optional.empty();
        }
        Set<String> keys = new HashSet<>();
        r.items().forEach(i -> keys.add(Ids.guardKey(f, i)));
        return Optional.of(keys);
    }

    /** A completed (or failed) run's writes from the journal in its report; all confirmed. */
    private static Map<Feature, Map<Side, Pending>> fromReport(String pair, RunRecord run) {
        String runId = run.runId();
        RunJournal journal;
        try {
            journal = RunJournal.fromReport(run.report()).orElseThrow(() -> new ConfigException("run " + runId,
                    "run " + runId + " of '" + pair + "' has no journal of its writes (recorded by an older version)"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("run " + runId, "the journal of run " + runId + " is unreadable: " + e.getMessage());
        }
        Map<Feature, Map<Side, Pending>> out = new EnumMap<>(Feature.class);
        journal.writes().forEach((f, sides) -> sides.forEach((side, w) -> {
            Pending p = out.computeIfAbsent(f, k -> new EnumMap<>(Side.class)).computeIfAbsent(side, k -> new Pending());
            w.added().forEach(i -> p.added.add(new Entry(i, null, true)));
            w.removed().forEach(i -> p.removed.add(new Entry(i, null, true)));
            w.changed().forEach(c -> p.changed.add(new Entry(c.item(), c.previous(), true)));
        }));
        return out;
    }

    /** An interrupted run's writes from its journaled chunks: everything not known to have failed. */
    private static Map<Feature, Map<Side, Pending>> fromChunks(List<JournalChunk> chunks) {
        Map<Feature, Map<Side, Pending>> out = new EnumMap<>(Feature.class);
        for (JournalChunk c : chunks) {
            Pending p = out.computeIfAbsent(c.feature(), k -> new EnumMap<>(Side.class)).computeIfAbsent(c.side(), k -> new Pending());
            for (JournalChunk.Entry e : c.entries()) {
                if (e.outcome() == JournalChunk.Outcome.FAILED) {
                    continue;
                }
                Entry entry = new Entry(e.item(), e.previous(), e.outcome() == JournalChunk.Outcome.APPLIED);
                switch (c.op()) {
                    case ADD -> p.added.add(entry);
                    case REMOVE -> p.removed.add(entry);
                    default -> {
                        if (e.previous() != null) {
                            p.changed.add(entry);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The undo's own write-ahead journal: begun before its first write, one chunk per write call. */
    private final class Journal {
        private final String undoId;
        private final String pair;
        private final Instant started;
        private final boolean dryRun;
        private boolean begun;
        private int seq;

        Journal(String undoId, String pair, Instant started, boolean dryRun) {
            this.undoId = undoId;
            this.pair = pair;
            this.started = started;
            this.dryRun = dryRun;
        }

        /**
         * @param written for {@link JournalChunk.Op#UPDATE}, the values being replaced (one per item)
         */
        WriteResult write(ConnectorSession session, Feature f, Side side, JournalChunk.Op op, List<MediaItem> items,
                          List<MediaItem> written) {
            if (items.isEmpty() || dryRun) {
                return new WriteResult(List.of());
            }
            if (!begun) {
                state.beginRun(RunRecord.begun(undoId, pair, started));
                begun = true;
            }
            int n = seq++;
            List<JournalChunk.Entry> entries = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                entries.add(new JournalChunk.Entry(items.get(i), written == null ? null : written.get(i), JournalChunk.Outcome.UNKNOWN));
            }
            state.journalChunk(new JournalChunk(undoId, n, f, side, op, entries));
            WriteResult r = UndoService.write(session, f, items, op == JournalChunk.Op.REMOVE);
            Set<MediaItem> ok = new HashSet<>();
            r.outcomes().stream().filter(WriteResult.ItemOutcome::succeeded).forEach(o -> ok.add(o.item()));
            state.recordOutcomes(undoId, n, items.stream()
                    .map(i -> ok.contains(i) ? JournalChunk.Outcome.APPLIED : JournalChunk.Outcome.FAILED).toList());
            return r;
        }
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
