package io.crosswatch.core.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.Api;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Activities;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.FeatureOutcome;
import io.crosswatch.api.sync.IndexSemantics;
import io.crosswatch.api.sync.ProgressEvent;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.state.JournalChunk;
import io.crosswatch.core.state.RunJournal;
import io.crosswatch.core.state.RunRecord;
import io.crosswatch.core.state.ScrobbleStore;
import io.crosswatch.core.state.StateCommit;
import io.crosswatch.core.state.SyncStateStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generic {@link SyncModule}: syncs any two connectors with the {@link Planner}. The
 * orchestrator falls back to it for every pair no specialised module {@link #handles claims}.
 *
 * <p>A run: probe activities → read each feature of each side (reusing the baseline when the
 * side's activity token has not moved; reading only the delta of a delta connector) → plan →
 * apply (updates, then adds, then removals, in chunks of the receiving side's batch size, with a
 * progress event per chunk and cancellation between chunks) → persist the new baselines, activity
 * tokens, tombstones, unresolved and phantom records and the run record in one
 * {@link SyncStateStore#commit}. A dry run plans and reports and writes nothing, not even state.
 *
 * <p>Write-ahead journal: before the first write a real run is recorded as begun
 * ({@link SyncStateStore#beginRun}), and before each chunk is sent the chunk — with the previous
 * value of each update and each removed item in full — is committed
 * ({@link SyncStateStore#journalChunk}, one small transaction per chunk); the per-item outcome
 * follows ({@link SyncStateStore#recordOutcomes}). A process killed mid-apply thus leaves an
 * interrupted run that {@link io.crosswatch.core.UndoService} can revert.
 *
 * <p>When the store is also a {@link ScrobbleStore}, the plays a scrobbler recorded on a side are
 * part of that side's history read (unless the read lists them already), so a sync never posts a
 * play the scrobbler already delivered.
 *
 * <p>With a plain {@link StateStore} (not a {@link SyncStateStore}) only baselines persist; the
 * tombstone, unresolved and phantom guards then work within one run only, and the result says so.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class GenericSyncModule implements SyncModule {

    /** The module name. */
    public static final String NAME = "generic";

    private static final System.Logger LOG = System.getLogger(GenericSyncModule.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LISTED = 20;

    /** Creates the module; it holds no state between runs. */
    public GenericSyncModule() {
        // stateless: everything a run needs arrives in its SyncContext
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Feature> supportedFeatures() {
        return EnumSet.allOf(Feature.class);
    }

    @Override
    public SyncResult runSync(SyncContext ctx) {
        return new Run(ctx).execute();
    }

    /** One run's working state. */
    private static final class Run {
        private final SyncContext ctx;
        private final String pair;
        private final SyncResult.Builder result;
        private final SyncStateStore full;
        private final Map<Side, Optional<Activities>> activities = new EnumMap<>(Side.class);
        private final Map<Feature, Map<Side, ReadResult>> reads = new EnumMap<>(Feature.class);
        private final Map<Feature, Map<Side, Baseline>> baselines = new EnumMap<>(Feature.class);
        private final Instant started;
        private Instant mark;
        /** Whether {@link SyncStateStore#beginRun} recorded this run: its chunks are journaled before they are sent. */
        private boolean journaling;
        private int nextChunk;
        private final Map<Feature, Applied> applied = new EnumMap<>(Feature.class);

        Run(SyncContext ctx) {
            this.ctx = ctx;
            this.pair = ctx.pair().name();
            this.result = SyncResult.builder(ctx.runId(), pair, ctx.clock().instant()).dryRun(ctx.dryRun());
            this.full = ctx.state() instanceof SyncStateStore s ? s : null;
            this.started = ctx.clock().instant();
            this.mark = started;
        }

        private void phase(String name) {
            Instant now = ctx.clock().instant();
            result.phase(name, Duration.between(mark, now));
            mark = now;
        }

        private void progress(String stage, long done, long total, String note) {
            try {
                ctx.progress().onProgress(new ProgressEvent(stage, done, total, note));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a progress listener threw; ignored: {0}", e.toString());
            }
        }

        private boolean stopRequested() {
            return ctx.cancellation().isCancelled()
                    || ctx.deadline().map(d -> !ctx.clock().instant().isBefore(d)).orElse(false);
        }

        SyncResult execute() {
            PlanOptions options;
            try {
                options = PlanOptions.from(ctx.pair().options());
            } catch (IllegalArgumentException e) {
                return result.error(e.getMessage()).status(SyncStatus.FAILED).finishedAt(ctx.clock().instant()).build();
            }
            if (full == null) {
                result.warning("the state store " + ctx.state().getClass().getSimpleName() + " keeps only baselines;"
                        + " tombstones, unresolved items and phantom adds are remembered within this run only");
            }
            List<Feature> features = new ArrayList<>();
            for (Feature f : ctx.pair().enabledFeatures().stream().sorted().toList()) {
                for (Side side : Side.values()) {
                    if (!ctx.manifest(side).features().contains(f)) {
                        result.warning(f.key() + " skipped: " + ctx.manifest(side).name() + " does not support it");
                    }
                }
                if (ctx.manifest(Side.SOURCE).features().contains(f) && ctx.manifest(Side.TARGET).features().contains(f)) {
                    features.add(f);
                }
            }
            try {
                PlanInput input = read(features, options);
                phase("read");
                progress("plan", 0, 1, null);
                Plan plan = Planner.plan(input);
                phase("plan");
                progress("plan", 1, 1, plan.writeCount() + " write(s) planned");
                if (ctx.dryRun()) {
                    plan.features().values().forEach(fp -> result.feature(outcome(fp, null, false)));
                    result.metadata("plan", toJson(plan.toReport()));
                    phase("apply");
                    phase("persist");
                    return finish();
                }
                if (full != null && plan.writeCount() > 0) {
                    // durable before the first write: a run killed from here on is listed as interrupted
                    full.beginRun(RunRecord.begun(ctx.runId(), pair, started));
                    journaling = true;
                }
                boolean cancelled = false;
                for (FeaturePlan fp : plan.features().values()) {
                    Applied a = new Applied();
                    applied.put(fp.feature(), a);
                    if (!cancelled) {
                        cancelled = !apply(fp, a);
                    } else {
                        a.cancelled = true;
                    }
                }
                phase("apply");
                persist(plan, input, applied, options);
                phase("persist");
                plan.features().values().forEach(fp -> result.feature(outcome(fp, applied.get(fp.feature()), true)));
                if (cancelled) {
                    result.warning("the run was cancelled or hit its deadline between chunks; what was applied is recorded");
                }
                return finish();
            } catch (CancelledException e) {
                endJournaledRun(SyncStatus.CANCELLED, "cancelled: " + e.getMessage());
                return result.status(SyncStatus.CANCELLED).warning("cancelled: " + e.getMessage())
                        .finishedAt(ctx.clock().instant()).build();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "sync run " + ctx.runId() + " of " + pair + " failed", e);
                endJournaledRun(SyncStatus.FAILED, "the run failed: " + e);
                return result.status(SyncStatus.FAILED).error("the run failed: " + e).finishedAt(ctx.clock().instant()).build();
            }
        }

        /**
         * A run that began writing and then failed records its end with the writes confirmed so
         * far, so its history says failed (not interrupted) and undo reverts exactly those.
         */
        private void endJournaledRun(SyncStatus status, String error) {
            if (!journaling) {
                return;
            }
            try {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("error", error);
                report.put("forced", ctx.force());
                report.put(RunJournal.FIELD, journal(applied));
                Instant now = ctx.clock().instant();
                full.commit(StateCommit.builder(pair, now).run(new RunRecord(ctx.runId(), pair, started, now, status, false,
                        toJson(report))).build());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not record the end of run {0} of {1} ({2}); it stays listed as interrupted,"
                        + " and its journaled chunks still allow undo", ctx.runId(), pair, e.getMessage());
            }
        }

        private SyncResult finish() {
            return result.finishedAt(ctx.clock().instant()).build();
        }

        // ------------------------------------------------------------------ read

        private PlanInput read(List<Feature> features, PlanOptions options) {
            for (Side side : Side.values()) {
                activities.put(side, probe(side));
            }
            if (ctx.force()) {
                result.metadata("forced", "true");
            }
            PlanInput.Builder in = PlanInput.builder(ctx.pair().mode(), ctx.clock().instant()).options(options).force(ctx.force());
            int total = features.size() * 2;
            int done = 0;
            for (Feature f : features) {
                Map<Side, SideSnapshot> snaps = new EnumMap<>(Side.class);
                for (Side side : Side.values()) {
                    ctx.cancellation().throwIfCancelled();
                    snaps.put(side, snapshot(f, side));
                    progress("read", ++done, total, f.key() + " of " + ctx.manifest(side).name());
                }
                in.feature(f, new FeatureInput(snaps.get(Side.SOURCE), snaps.get(Side.TARGET), ctx.pair().feature(f)));
            }
            in.guards(full == null ? GuardState.empty() : full.guards(pair, ctx.clock().instant()));
            return in.build();
        }

        private Optional<Activities> probe(Side side) {
            if (!ctx.manifest(side).capabilities().hasActivities()) {
                return Optional.empty();
            }
            try {
                return ctx.session(side).activities();
            } catch (RuntimeException e) {
                result.warning("the activity probe of " + ctx.manifest(side).name() + " failed (" + e.getMessage()
                        + "); reading everything");
                return Optional.empty();
            }
        }

        private SideSnapshot snapshot(Feature f, Side side) {
            // A session may know its account's own rating format (AniList); compare at that scale.
            ConnectorCapabilities caps = ctx.session(side).ratingScale()
                    .map(ctx.manifest(side).capabilities()::withRatingScale)
                    .orElse(ctx.manifest(side).capabilities());
            String name = ctx.manifest(side).name();
            Baseline base = ctx.state().baseline(pair, f, side).orElse(null);
            baselines.computeIfAbsent(f, k -> new EnumMap<>(Side.class));
            if (base != null) {
                baselines.get(f).put(side, base);
            }
            Optional<String> token = activities.get(side).flatMap(a -> a.token(f));
            SideSnapshot.Activity activity = token.isEmpty() ? SideSnapshot.Activity.NONE
                    : base != null && token.get().equals(base.activity()) ? SideSnapshot.Activity.UNCHANGED
                    : SideSnapshot.Activity.MOVED;
            SideSnapshot.Builder b = SideSnapshot.builder(name).capabilities(caps).activity(activity)
                    .baseline(base == null ? null : base.items());
            ReadResult r;
            if (activity == SideSnapshot.Activity.UNCHANGED) {
                // nothing changed since the last run: the baseline is the inventory, no read needed
                r = new ReadResult(Completeness.COMPLETE, base.items(), List.of(), base.checkpoint(), null);
                b.items(base.items()).reusedBaseline(true);
            } else {
                boolean delta = caps.index(f) == IndexSemantics.DELTA && base != null && base.checkpoint() != null;
                ReadRequest req = delta ? new ReadRequest(f, base.checkpoint()) : ReadRequest.full(f);
                try {
                    r = ctx.session(side).read(req);
                    if (r == null) {
                        r = ReadResult.failed(name + " returned no read result");
                    }
                } catch (CancelledException e) {
                    throw e;
                } catch (RuntimeException e) {
                    r = ReadResult.failed(e.getMessage() == null ? e.toString() : e.getMessage());
                }
                b.items(r.items()).completeness(r.completeness()).delta(delta).message(r.message());
                if (r.completeness() != Completeness.COMPLETE) {
                    result.warning("the " + f.key() + " read of " + name + " was " + r.completeness().name().toLowerCase(
                            java.util.Locale.ROOT) + r.reason().map(m -> ": " + m).orElse("") + "; no removals this run");
                }
            }
            reads.computeIfAbsent(f, k -> new EnumMap<>(Side.class)).put(side, r);
            if (f == Feature.HISTORY && ctx.state() instanceof ScrobbleStore scrobbles) {
                // plays a scrobbler already put on this side count as present: a sync never re-posts them
                String endpoint = (side == Side.SOURCE ? ctx.pair().source() : ctx.pair().target()).toString();
                List<MediaItem> read = b.build().items();
                List<MediaItem> scrobbled = ScrobbledPlays.missing(scrobbles.recordedPlays(endpoint), read);
                if (!scrobbled.isEmpty()) {
                    List<MediaItem> all = new ArrayList<>(read);
                    all.addAll(scrobbled);
                    b.items(all);
                }
            }
            return b.build();
        }

        // ------------------------------------------------------------------ apply

        /** What applying one feature did. */
        private static final class Applied {
            final Map<Side, List<MediaItem>> added = new EnumMap<>(Side.class);
            final Map<Side, List<PlannedChange>> updated = new EnumMap<>(Side.class);
            final Map<Side, List<PlannedChange>> removed = new EnumMap<>(Side.class);
            final List<WriteResult.ItemOutcome> rejected = new ArrayList<>();
            final Map<WriteResult.ItemOutcome, Side> rejectedSide = new IdentityHashMap<>();
            final List<String> errors = new ArrayList<>();
            int removalsFailed;
            boolean cancelled;
            boolean wrote(Side side) {
                return !added.getOrDefault(side, List.of()).isEmpty() || !updated.getOrDefault(side, List.of()).isEmpty()
                        || !removed.getOrDefault(side, List.of()).isEmpty();
            }
        }

        /** @return {@code false} when the run was cancelled */
        private boolean apply(FeaturePlan fp, Applied a) {
            if (!fp.planned() || !fp.hasWrites()) {
                return true;
            }
            Feature f = fp.feature();
            int total = fp.adds().size() + fp.updates().size() + fp.removes().size();
            int[] done = {0};
            for (Side side : new Side[] {Side.TARGET, Side.SOURCE}) {
                a.added.put(side, new ArrayList<>());
                a.updated.put(side, new ArrayList<>());
                a.removed.put(side, new ArrayList<>());
                if (!write(f, side, "update", fp.updates(side), a, done, total)
                        || !write(f, side, "add", fp.adds(side), a, done, total)
                        || !write(f, side, "remove", fp.removes(side), a, done, total)) {
                    a.cancelled = true;
                    return false;
                }
            }
            return true;
        }

        private boolean write(Feature f, Side side, String op, List<PlannedChange> changes, Applied a, int[] done, int total) {
            if (changes.isEmpty()) {
                return true;
            }
            ConnectorSession session = ctx.session(side);
            String name = ctx.manifest(side).name();
            int batch = Math.max(1, ctx.manifest(side).capabilities().batchSize(f));
            for (int from = 0; from < changes.size(); from += batch) {
                if (stopRequested()) {
                    return false;
                }
                List<PlannedChange> chunk = changes.subList(from, Math.min(changes.size(), from + batch));
                List<MediaItem> items = new ArrayList<>(chunk.size());
                chunk.forEach(c -> items.add(c.item()));
                int seq = nextChunk++;
                if (journaling) {
                    // durable before the service sees it; if this throws, the chunk is not sent
                    full.journalChunk(intent(seq, f, side, op, chunk));
                }
                WriteResult res;
                try {
                    res = op.equals("remove") ? session.remove(f, items, false) : session.add(f, items, false);
                } catch (CancelledException e) {
                    return false;
                } catch (RuntimeException e) {
                    res = WriteResult.failed(items, e.getMessage() == null ? e.toString() : e.getMessage());
                }
                List<JournalChunk.Outcome> outcomes = record(f, side, op, chunk, res, a, name);
                if (journaling) {
                    full.recordOutcomes(ctx.runId(), seq, outcomes);
                }
                done[0] += chunk.size();
                progress("apply", done[0], total, f.key() + ": " + op + " " + chunk.size() + " on " + name);
            }
            return true;
        }

        private JournalChunk intent(int seq, Feature f, Side side, String op, List<PlannedChange> chunk) {
            JournalChunk.Op jop = switch (op) {
                case "add" -> JournalChunk.Op.ADD;
                case "update" -> JournalChunk.Op.UPDATE;
                default -> JournalChunk.Op.REMOVE;
            };
            List<JournalChunk.Entry> entries = new ArrayList<>(chunk.size());
            for (PlannedChange c : chunk) {
                entries.add(new JournalChunk.Entry(c.item(), jop == JournalChunk.Op.UPDATE ? c.previous() : null,
                        JournalChunk.Outcome.UNKNOWN));
            }
            return new JournalChunk(ctx.runId(), seq, f, side, jop, entries);
        }

        /** @return the outcome of each item of the chunk, in order */
        private List<JournalChunk.Outcome> record(Feature f, Side side, String op, List<PlannedChange> chunk, WriteResult res,
                                                  Applied a, String name) {
            List<JournalChunk.Outcome> outcomes = new ArrayList<>(chunk.size());
            // outcomes are matched to the items sent: the same object, else an equal item, else by position
            Map<MediaItem, WriteResult.ItemOutcome> same = new IdentityHashMap<>();
            Map<MediaItem, WriteResult.ItemOutcome> equal = new HashMap<>();
            res.outcomes().forEach(o -> {
                same.putIfAbsent(o.item(), o);
                equal.putIfAbsent(o.item(), o);
            });
            boolean positional = res.outcomes().size() == chunk.size();
            for (int i = 0; i < chunk.size(); i++) {
                PlannedChange c = chunk.get(i);
                WriteResult.ItemOutcome o = same.get(c.item());
                if (o == null) {
                    o = equal.get(c.item());
                }
                if (o == null && positional) {
                    o = res.outcomes().get(i);
                }
                if (o == null) {
                    o = new WriteResult.ItemOutcome(c.item(), WriteResult.Outcome.FAILED, name + " did not report this item");
                }
                outcomes.add(o.succeeded() ? JournalChunk.Outcome.APPLIED : JournalChunk.Outcome.FAILED);
                if (o.succeeded()) {
                    switch (op) {
                        case "add" -> a.added.get(side).add(c.item());
                        case "update" -> a.updated.get(side).add(c);
                        default -> a.removed.get(side).add(c);
                    }
                    continue;
                }
                if (op.equals("remove")) {
                    a.removalsFailed++;
                }
                switch (o.outcome()) {
                    case NOT_FOUND, UNSUPPORTED, LIMIT_REACHED -> {
                        WriteResult.ItemOutcome withItem = new WriteResult.ItemOutcome(c.item(), o.outcome(), o.reason());
                        a.rejected.add(withItem);
                        a.rejectedSide.put(withItem, side);
                    }
                    default -> a.errors.add(op + " of " + c.item().describe() + " on " + name + " failed"
                            + (o.reason() == null ? "" : ": " + o.reason()));
                }
            }
            return outcomes;
        }

        // ------------------------------------------------------------------ persist

        private void persist(Plan plan, PlanInput input, Map<Feature, Applied> applied, PlanOptions opt) {
            Instant now = ctx.clock().instant();
            StateCommit.Builder commit = StateCommit.builder(pair, now);
            Map<Side, Optional<Activities>> reprobed = new EnumMap<>(Side.class);
            GuardState guards = input.guards();
            Map<String, PhantomRecord> phantomsByKey = new HashMap<>();
            guards.phantoms().forEach(p -> phantomsByKey.put(p.side() + "|" + p.key(), p));
            Map<String, UnresolvedItem> unresolvedByKey = new HashMap<>();
            guards.unresolved().forEach(u -> unresolvedByKey.put(u.side() + "|" + u.key(), u));

            for (FeaturePlan fp : plan.features().values()) {
                Feature f = fp.feature();
                Applied a = applied.get(f);
                fp.phantomsSeen().forEach(p -> commit.clearPhantom(f, p.side(), p.key()));
                fp.unresolvedSeen().forEach(u -> commit.clearUnresolved(f, u.side(), u.key()));
                for (PhantomRecord p : fp.phantomsExhausted()) {
                    commit.clearPhantom(f, p.side(), p.key());
                    commit.unresolved(new UnresolvedItem(f, p.side(), p.item(), "phantom: " + ctx.manifest(p.side()).name()
                            + " accepted it " + p.attempts() + " time(s) but never listed it", p.attempts(), now,
                            now.plus(opt.unresolvedCooldown())));
                }
                for (Side side : Side.values()) {
                    for (MediaItem item : a.added.getOrDefault(side, List.of())) {
                        String key = Ids.guardKey(f, item);
                        if (opt.phantomGuard()) {
                            PhantomRecord prev = phantomsByKey.get(side + "|" + key);
                            commit.phantom(new PhantomRecord(f, side, item, prev == null ? 1 : prev.attempts() + 1, now));
                        }
                        if (unresolvedByKey.containsKey(side + "|" + key)) {
                            commit.clearUnresolved(f, side, key);
                        }
                    }
                    for (PlannedChange c : a.updated.getOrDefault(side, List.of())) {
                        String key = Ids.guardKey(f, c.item());
                        if (unresolvedByKey.containsKey(side + "|" + key)) {
                            commit.clearUnresolved(f, side, key);
                        }
                    }
                    if (opt.tombstones()) {
                        for (PlannedChange c : a.removed.getOrDefault(side, List.of())) {
                            commit.tombstone(new Tombstone(f, c.item(), now, now.plus(opt.tombstoneTtl())));
                        }
                    }
                }
                for (WriteResult.ItemOutcome o : a.rejected) {
                    Side side = a.rejectedSide.get(o);
                    String key = Ids.guardKey(f, o.item());
                    UnresolvedItem prev = unresolvedByKey.get(side + "|" + key);
                    int failures = prev == null ? 1 : prev.failures() + 1;
                    Duration wait = failures >= opt.unresolvedMaxFailures() ? opt.unresolvedCooldown()
                            : opt.unresolvedBackoff().multipliedBy(1L << Math.min(20, failures - 1));
                    String reason = o.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " on "
                            + ctx.manifest(side).name() + (o.reason() == null ? "" : ": " + o.reason());
                    commit.unresolved(new UnresolvedItem(f, side, o.item(), reason, failures, now, now.plus(wait)));
                }
                boolean complete = !a.cancelled && a.removalsFailed == 0;
                if (!fp.planned() || !complete) {
                    continue;
                }
                for (Side side : Side.values()) {
                    if (!fp.advanceBaseline(side)) {
                        continue;
                    }
                    String token = null;
                    if (a.wrote(side)) {
                        Optional<Activities> act = reprobed.computeIfAbsent(side, this::probe);
                        token = act.flatMap(x -> x.token(f)).orElse(null);
                    } else {
                        token = activities.get(side).flatMap(x -> x.token(f)).orElse(null);
                    }
                    ReadResult r = reads.get(f).get(side);
                    String checkpoint = r.checkpoint();
                    if (checkpoint == null && baselines.get(f).containsKey(side)) {
                        checkpoint = baselines.get(f).get(side).checkpoint();
                    }
                    commit.baseline(f, side, new Baseline(newBaseline(fp, a, side), now, checkpoint, token));
                }
            }
            Map<String, Object> report = new LinkedHashMap<>(plan.toReport());
            report.put("forced", ctx.force());
            report.put(RunJournal.FIELD, journal(applied));
            commit.run(new RunRecord(ctx.runId(), pair, started, now, runStatus(plan, applied), false, toJson(report)));
            StateCommit c = commit.build();
            if (full != null) {
                full.commit(c);
            } else {
                c.baselines().forEach((slot, b) -> ctx.state().commitBaseline(pair, slot.feature(), slot.side(), b));
            }
        }

        /** Exactly what was written, with removed items in full and the previous value of each update, for undo. */
        private static RunJournal journal(Map<Feature, Applied> applied) {
            Map<Feature, Map<Side, RunJournal.Writes>> out = new EnumMap<>(Feature.class);
            applied.forEach((f, a) -> {
                Map<Side, RunJournal.Writes> sides = new EnumMap<>(Side.class);
                for (Side side : Side.values()) {
                    List<MediaItem> removed = new ArrayList<>();
                    a.removed.getOrDefault(side, List.of()).forEach(c -> removed.add(c.item()));
                    List<RunJournal.Change> changed = new ArrayList<>();
                    a.updated.getOrDefault(side, List.of()).stream().filter(c -> c.previous() != null)
                            .forEach(c -> changed.add(new RunJournal.Change(c.item(), c.previous())));
                    sides.put(side, new RunJournal.Writes(a.added.getOrDefault(side, List.of()), removed, changed));
                }
                out.put(f, sides);
            });
            return RunJournal.of(out);
        }

        private static List<MediaItem> newBaseline(FeaturePlan fp, Applied a, Side side) {
            Map<MediaItem, Boolean> gone = new IdentityHashMap<>();
            a.removed.getOrDefault(side, List.of()).forEach(c -> gone.put(c.item(), true));
            List<MediaItem> out = new ArrayList<>();
            Map<MediaItem, MediaItem> replaced = new IdentityHashMap<>();
            a.updated.getOrDefault(side, List.of()).forEach(c -> {
                if (c.previous() != null) {
                    replaced.put(c.previous(), c.item());
                }
            });
            for (MediaItem item : fp.effective(side)) {
                if (gone.containsKey(item)) {
                    continue;
                }
                MediaItem r = replaced.remove(item);
                out.add(r != null ? r : item);
            }
            out.addAll(replaced.values());
            out.addAll(a.added.getOrDefault(side, List.of()));
            return out;
        }

        private SyncStatus runStatus(Plan plan, Map<Feature, Applied> applied) {
            SyncStatus s = plan.features().isEmpty() ? SyncStatus.SKIPPED : null;
            for (FeaturePlan fp : plan.features().values()) {
                SyncStatus fs = status(fp, applied.get(fp.feature()));
                s = s == null ? fs : s.worst(fs);
            }
            return s;
        }

        private SyncStatus status(FeaturePlan fp, Applied a) {
            if (!fp.planned()) {
                return SyncStatus.FAILED;
            }
            if (a != null && a.cancelled) {
                return SyncStatus.CANCELLED;
            }
            if (a != null && (!a.errors.isEmpty() || !a.rejected.isEmpty()) || !fp.held().isEmpty()
                    || incompleteRead(fp.feature())) {
                return SyncStatus.PARTIAL;
            }
            return SyncStatus.SUCCESS;
        }

        /**
         * A side read only in part (a library section or page that failed) leaves the run unable
         * to see, and so to sync, what it missed: a removal there is silently not planned. That
         * is not a success even when everything that was planned got applied.
         */
        private boolean incompleteRead(Feature f) {
            return reads.getOrDefault(f, Map.of()).values().stream().anyMatch(r -> r.completeness() != Completeness.COMPLETE);
        }

        private FeatureOutcome outcome(FeaturePlan fp, Applied a, boolean applied) {
            List<String> notes = new ArrayList<>(fp.notes());
            int unreadable = 0;
            for (Side side : Side.values()) {
                ReadResult r = reads.getOrDefault(fp.feature(), Map.of()).get(side);
                if (r != null && !r.unresolved().isEmpty()) {
                    unreadable += r.unresolved().size();
                    String name = ctx.manifest(side).name();
                    r.unresolved().stream().limit(LISTED).forEach(u -> notes.add("unmatched on " + name + ": "
                            + u.item().describe() + " (" + u.reason() + ")"));
                }
            }
            list(notes, "held", fp.held());
            list(notes, "skipped", fp.skipped());
            if (!fp.held().isEmpty() && !ctx.force()) {
                notes.add(fp.held().size() + " removal(s) held; review them and re-run with --force (SyncContext.force) to approve");
            }
            FeatureOutcome.Counts toTarget;
            FeatureOutcome.Counts toSource;
            int unresolved = fp.skipped().size() + unreadable;
            if (!applied) {
                toTarget = new FeatureOutcome.Counts(fp.adds(Side.TARGET).size(), fp.removes(Side.TARGET).size(),
                        fp.updates(Side.TARGET).size());
                toSource = new FeatureOutcome.Counts(fp.adds(Side.SOURCE).size(), fp.removes(Side.SOURCE).size(),
                        fp.updates(Side.SOURCE).size());
                notes.add("dry run: nothing was written");
            } else {
                toTarget = counts(a, Side.TARGET);
                toSource = counts(a, Side.SOURCE);
                unresolved += a.rejected.size();
                a.rejected.stream().limit(LISTED).forEach(o -> notes.add("unresolved: " + o.item().describe() + " ("
                        + o.outcome().name().toLowerCase(java.util.Locale.ROOT) + (o.reason() == null ? "" : ", " + o.reason()) + ")"));
                a.errors.stream().limit(LISTED).forEach(notes::add);
                if (a.errors.size() > LISTED) {
                    notes.add("… and " + (a.errors.size() - LISTED) + " more failed writes");
                }
                a.errors.forEach(e -> result.error(fp.feature().key() + ": " + e));
            }
            fp.notes().forEach(n -> result.warning(fp.feature().key() + ": " + n));
            return new FeatureOutcome(fp.feature(), applied ? status(fp, a) : fp.planned() ? SyncStatus.SUCCESS : SyncStatus.FAILED,
                    toTarget, toSource, unresolved, fp.held().size(), notes);
        }

        private static FeatureOutcome.Counts counts(Applied a, Side side) {
            return new FeatureOutcome.Counts(a.added.getOrDefault(side, List.of()).size(),
                    a.removed.getOrDefault(side, List.of()).size(), a.updated.getOrDefault(side, List.of()).size());
        }

        private static void list(List<String> notes, String what, List<PlannedChange> changes) {
            changes.stream().limit(LISTED).forEach(c -> notes.add(what + ": " + c.item().describe() + " [" + c.key() + "] on "
                    + c.side().name().toLowerCase(java.util.Locale.ROOT) + " — " + c.reason()));
            if (changes.size() > LISTED) {
                notes.add("… and " + (changes.size() - LISTED) + " more " + what);
            }
        }

        private static String toJson(Map<String, Object> report) {
            try {
                return JSON.writeValueAsString(report);
            } catch (JsonProcessingException e) {
                // the report carries the run's undo journal: losing it must not go unnoticed
                LOG.log(Level.WARNING, "the run report (with its undo journal) could not be written: {0}",
                        e.getOriginalMessage());
                return "{\"error\":\"report could not be serialized\"}";
            }
        }
    }

    @Override
    public String toString() {
        return "GenericSyncModule";
    }
}
