package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.sync.internal.IdentityGraph;
import io.crosswatch.core.sync.internal.LongIntMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure sync planner: two inventories per feature plus their previous baselines and the
 * pair's guard memory in, a {@link Plan} out. No I/O, no clock (the time comes in the input), so
 * the CLI's {@code plan} command and the benchmarks call it directly.
 *
 * <p>One identity graph is built per call over every item of every feature, baseline and guard
 * record; items that share any id token are the same item, and an item without any id joins the
 * single item with ids of the same type, normalized title and year (an ambiguous title matches
 * nothing and is not written; see {@link Ids#weakTitleKey(String)}). Each feature is then planned with
 * hash indexes over entry keys — the item's cluster, plus the list for playlists and the minute
 * of the play for event history — so planning is O(n).
 *
 * <p>Rules, per mode: {@link SyncMode#ONE_WAY_ADD} adds what the target lacks;
 * {@link SyncMode#ONE_WAY_PROPAGATE} also removes from the target what left the source since the
 * source's baseline; {@link SyncMode#ONE_WAY_MIRROR} also removes from the target what the source
 * lacks, but only items in the target's previous baseline; {@link SyncMode#TWO_WAY} unions both
 * sides and infers deletions only against each side's previous baseline. Guards are described on
 * {@link PlanOptions}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class Planner {

    private Planner() {
    }

    /**
     * Plans every feature of {@code input}.
     *
     * @param input the inventories, baselines, guard memory and options
     * @return the plan
     */
    public static Plan plan(PlanInput input) {
        int total = 0;
        int longest = 0;
        for (FeatureInput f : input.features().values()) {
            int sourceBase = f.source().baseline().map(List::size).orElse(0);
            int targetBase = f.target().baseline().map(List::size).orElse(0);
            total += f.source().items().size() + f.target().items().size() + sourceBase + targetBase;
            longest = Math.max(longest, Math.max(Math.max(f.source().items().size(), f.target().items().size()),
                    Math.max(sourceBase, targetBase)));
        }
        GuardState guards = input.guards();
        total += guards.tombstones().size() + guards.unresolved().size() + guards.phantoms().size();
        Universe u = new Universe(total);
        u.graph.reserveForLists(longest);
        Map<Feature, Slices> slices = new EnumMap<>(Feature.class);
        // a baseline joins the graph only when the mode infers something from it (or it completes a
        // delta read): an add-only run over 1M items then links 2M items, not 4M
        SyncMode mode = input.mode();
        boolean sourceBase = mode == SyncMode.ONE_WAY_PROPAGATE || mode == SyncMode.TWO_WAY;
        boolean targetBase = mode == SyncMode.ONE_WAY_MIRROR || mode == SyncMode.TWO_WAY;
        input.features().forEach((feature, fi) -> {
            Refs source = u.add(fi.source().items());
            Refs sourceBaseline = sourceBase || fi.source().delta() ? u.addBaseline(fi.source(), source) : null;
            Refs target = u.add(fi.target().items());
            Refs targetBaseline = targetBase || fi.target().delta() ? u.addBaseline(fi.target(), target) : null;
            slices.put(feature, new Slices(source, sourceBaseline, target, targetBaseline));
        });
        Refs tombstones = u.addAll(guards.tombstones().stream().map(Tombstone::item).toList());
        Refs unresolved = u.addAll(guards.unresolved().stream().map(UnresolvedItem::item).toList());
        Refs phantoms = u.addAll(guards.phantoms().stream().map(PhantomRecord::item).toList());
        // id-less items join the one item with ids of their title and year, in the same graph, so every
        // feature and the deletion detector see the same identity
        u.graph.matchWeak(i -> u.items[i], input.options().yearTolerance());
        u.graph.freeze();

        Map<Feature, FeaturePlan> plans = new EnumMap<>(Feature.class);
        input.features().forEach((feature, fi) -> plans.put(feature,
                new FeatureRun(input, feature, fi, u, slices.get(feature), tombstones, unresolved, phantoms).run()));
        return new Plan(input.mode(), plans);
    }

    /** Every item of the run, addressed by its index in the identity graph. */
    private static final class Universe {
        final IdentityGraph graph;
        MediaItem[] items;
        int size;

        Universe(int expected) {
            graph = new IdentityGraph(expected);
            items = new MediaItem[Math.max(16, expected)];
        }

        Refs add(List<MediaItem> list) {
            return place(list, graph.addAll(list));
        }

        private Refs place(List<MediaItem> list, int first) {
            int n = list.size();
            if (first + n > items.length) {
                items = java.util.Arrays.copyOf(items, Math.max(items.length * 2, first + n));
            }
            for (int i = 0; i < n; i++) {
                items[first + i] = list.get(i);
            }
            size = first + n;
            return Refs.range(first, n);
        }

        Refs addAll(List<MediaItem> list) {
            return add(list);
        }

        /**
         * Adds a side's baseline next to its current items (added as {@code current}); a baseline
         * mostly repeats them in order, which the graph uses to skip most lookups.
         */
        Refs addBaseline(SideSnapshot side, Refs current) {
            List<MediaItem> baseline = side.baseline().orElse(null);
            if (baseline == null) {
                return null;
            }
            return place(baseline, graph.addAllAlong(baseline, side.items(), current.start));
        }
    }

    /**
     * Item indexes into the {@link Universe}: a list's items are added in one run of indexes, so
     * most are a range (no int per item); merged delta inventories are an explicit array.
     */
    private static final class Refs {
        private final int[] refs;
        private final int start;
        private final int size;

        private Refs(int[] refs, int start, int size) {
            this.refs = refs;
            this.start = start;
            this.size = size;
        }

        static Refs range(int start, int size) {
            return new Refs(null, start, size);
        }

        static Refs of(int[] refs) {
            return new Refs(refs, 0, refs.length);
        }

        int size() {
            return size;
        }

        int get(int i) {
            return refs == null ? start + i : refs[i];
        }
    }

    private record Slices(Refs sourceItems, Refs sourceBase, Refs targetItems, Refs targetBase) {
        Refs items(Side side) {
            return side == Side.SOURCE ? sourceItems : targetItems;
        }

        Refs base(Side side) {
            return side == Side.SOURCE ? sourceBase : targetBase;
        }
    }

    /** How finely entries are told apart. */
    private enum Grain {
        /** One entry per item (cluster). */
        ITEM,
        /** One entry per list and item. */
        LIST,
        /** One entry per item and minute of play. */
        EVENT
    }

    /** A hash index of one side's entries at one grain. */
    private static final class Index {
        /** Item-grain keys are cluster ids, small and dense: a plain array beats hashing. */
        private final int[] dense;
        private final LongIntMap map;
        /** Keys by slot; null at item grain, where a slot's key is its ref's cluster + 1. */
        private final long[] keys;
        private final IdentityGraph graph;
        final int[] refs;
        int size;

        Index(int expected, int denseKeys, IdentityGraph graph) {
            dense = denseKeys > 0 ? new int[denseKeys] : null;
            map = denseKeys > 0 ? null : new LongIntMap(expected);
            keys = denseKeys > 0 ? null : new long[expected];
            this.graph = graph;
            refs = new int[expected];
        }

        long key(int slot) {
            return keys != null ? keys[slot] : graph.cluster(refs[slot]) + 1L;
        }

        void append(long key, int ref) {
            put(key, size);
            if (keys != null) {
                keys[size] = key;
            }
            refs[size] = ref;
            size++;
        }

        int slot(long key) {
            if (dense != null) {
                return key < dense.length ? dense[(int) key] - 1 : -1;
            }
            return map.get(key, -1);
        }

        void put(long key, int slot) {
            if (dense != null) {
                dense[(int) key] = slot + 1;
            } else {
                map.put(key, slot);
            }
        }

        boolean contains(long key) {
            return slot(key) >= 0;
        }

        int get(long key) {
            int slot = slot(key);
            return slot < 0 ? -1 : refs[slot];
        }
    }

    private static final class FeatureRun {
        private final PlanInput input;
        private final Feature feature;
        private final FeatureInput fi;
        private final Universe u;
        private final Slices slices;
        private final PlanOptions opt;
        private final SyncMode mode;
        private final FeaturePlan.Builder out;
        private final Map<String, Integer> listIds = new HashMap<>();
        private final Map<Side, Refs> effective = new EnumMap<>(Side.class);
        private final Map<String, Index> indexes = new HashMap<>();
        private final Map<Side, Boolean> suspect = new EnumMap<>(Side.class);
        private final Map<Side, Boolean> heldDeletionsOf = new EnumMap<>(Side.class);
        private final LongIntMap tombstoneIndex;
        private final Map<Side, LongIntMap> unresolvedIndex = new EnumMap<>(Side.class);
        private final Map<Side, LongIntMap> phantomIndex = new EnumMap<>(Side.class);
        private final Refs unresolvedRefs;
        private final Refs phantomRefs;

        FeatureRun(PlanInput input, Feature feature, FeatureInput fi, Universe u, Slices slices, Refs tombstones,
                   Refs unresolved, Refs phantoms) {
            this.input = input;
            this.feature = feature;
            this.fi = fi;
            this.u = u;
            this.slices = slices;
            this.opt = input.options();
            this.mode = input.mode();
            this.out = FeaturePlan.builder(feature);
            this.unresolvedRefs = unresolved;
            this.phantomRefs = phantoms;
            this.tombstoneIndex = new LongIntMap(8);
            List<Tombstone> ts = input.guards().tombstones();
            for (int i = 0; i < ts.size(); i++) {
                if (ts.get(i).feature() == feature && ts.get(i).expiresAt().isAfter(input.now())) {
                    tombstoneIndex.put(naturalKey(tombstones.get(i)), i);
                }
            }
            for (Side s : Side.values()) {
                unresolvedIndex.put(s, new LongIntMap(8));
                phantomIndex.put(s, new LongIntMap(8));
            }
            List<UnresolvedItem> us = input.guards().unresolved();
            for (int i = 0; i < us.size(); i++) {
                if (us.get(i).feature() == feature) {
                    unresolvedIndex.get(us.get(i).side()).put(naturalKey(unresolved.get(i)), i);
                }
            }
            List<PhantomRecord> ps = input.guards().phantoms();
            for (int i = 0; i < ps.size(); i++) {
                if (ps.get(i).feature() == feature) {
                    phantomIndex.get(ps.get(i).side()).put(phantomKey(ps.get(i).side(), phantoms.get(i)), i);
                }
            }
        }

        FeaturePlan run() {
            for (Side side : Side.values()) {
                effective.put(side, effectiveOf(side));
                // a full side's effective inventory is exactly what was read: no copy needed
                out.effective.put(side, effective.get(side) == slices.items(side) ? fi.side(side).items()
                        : materialize(effective.get(side)));
                heldDeletionsOf.put(side, false);
            }
            for (Side side : Side.values()) {
                SideSnapshot s = fi.side(side);
                boolean sus = isSuspect(side, s);
                suspect.put(side, sus);
                if (s.completeness() == Completeness.FAILED) {
                    out.notes.add("the read of " + s.name() + " failed" + s.message().map(m -> " (" + m + ")").orElse("")
                            + "; nothing is written for this feature and no baseline is advanced");
                    return out.planned(false).build();
                }
                if (sus) {
                    out.notes.add("the read of " + s.name() + " looks wrong: " + s.items().size() + " items against "
                            + s.baseline().map(List::size).orElse(0) + " at the last run while its activity did not move;"
                            + " treated as failed (set " + PlanOptions.SUSPECT_READ + "=false to trust it)");
                    return out.planned(false).build();
                }
            }
            noteSeenGuards();
            direction(Side.SOURCE, Side.TARGET);
            if (mode == SyncMode.TWO_WAY) {
                direction(Side.TARGET, Side.SOURCE);
            }
            compareValues();
            for (Side side : Side.values()) {
                SideSnapshot s = fi.side(side);
                out.advanceBaseline.put(side, s.completeness() == Completeness.COMPLETE && !heldDeletionsOf.get(side));
            }
            return out.build();
        }

        // ---------------------------------------------------------------- inventories and keys

        private Refs effectiveOf(Side side) {
            SideSnapshot s = fi.side(side);
            Refs items = slices.items(side);
            Refs base = slices.base(side);
            if (!s.delta() || base == null) {
                return items;
            }
            // effective index of a delta side = baseline ∪ delta; the delta's version wins
            LongIntMap seen = new LongIntMap(items.size() + 1);
            int[] merged = new int[items.size() + base.size()];
            for (int i = 0; i < items.size(); i++) {
                int ref = items.get(i);
                seen.put(naturalKey(ref), ref);
                merged[i] = ref;
            }
            int n = items.size();
            for (int i = 0; i < base.size(); i++) {
                int ref = base.get(i);
                if (!seen.containsKey(naturalKey(ref))) {
                    merged[n++] = ref;
                }
            }
            return Refs.of(java.util.Arrays.copyOf(merged, n));
        }

        private List<MediaItem> materialize(Refs refs) {
            List<MediaItem> l = new ArrayList<>(refs.size());
            for (int i = 0; i < refs.size(); i++) {
                l.add(u.items[refs.get(i)]);
            }
            return l;
        }

        private boolean isSuspect(Side side, SideSnapshot s) {
            if (!opt.suspectReadGuard() || s.completeness() != Completeness.COMPLETE || s.delta() || s.reusedBaseline()
                    || s.activity() == SideSnapshot.Activity.MOVED) {
                return false;
            }
            int base = s.baseline().map(List::size).orElse(0);
            if (base > 0 && opt.phantomGuard() && phantomIndex.get(side).size() > 0 && slices.base(side) != null) {
                // adds the side accepted but never listed are not part of what it really held
                Refs refs = slices.base(side);
                for (int i = 0; i < refs.size(); i++) {
                    if (phantomIndex.get(side).containsKey(phantomKey(side, refs.get(i)))) {
                        base--;
                    }
                }
            }
            int now = s.items().size();
            if (base == 0) {
                return false;
            }
            return now == 0 || base >= opt.suspectMinBaseline() && now < opt.suspectRatio() * base;
        }

        private Grain naturalGrain() {
            return feature == Feature.HISTORY ? Grain.EVENT : feature == Feature.PLAYLISTS ? Grain.LIST : Grain.ITEM;
        }

        /**
         * Phantom adds are matched per play only on a side that keeps play events with their dates;
         * a side that stamps its own date (Plex) or keeps one flag would never show the sent minute.
         */
        private long phantomKey(Side side, int ref) {
            if (feature == Feature.HISTORY) {
                var caps = fi.side(side).capabilities();
                if (!caps.keepsPlayEvents() || !caps.setsWatchedDate()) {
                    return key(ref, Grain.ITEM);
                }
            }
            return naturalKey(ref);
        }

        private long naturalKey(int ref) {
            return key(ref, naturalGrain());
        }

        private long key(int ref, Grain grain) {
            long cluster = u.graph.cluster(ref) + 1L;
            switch (grain) {
                case LIST: {
                    String list = u.items[ref].list().orElse("");
                    int id = listIds.computeIfAbsent(list, k -> listIds.size());
                    return ((id + 1L) << 32) | cluster;
                }
                case EVENT:
                    return (cluster << 32) | minute(u.items[ref]);
                default:
                    return cluster;
            }
        }

        private static long minute(MediaItem item) {
            Instant t = item.watchedAt().orElse(null);
            if (t == null) {
                return 0;
            }
            return Math.max(1, Math.floorDiv(t.getEpochSecond(), 60) + 1) & 0xFFFFFFFFL;
        }

        private Index index(Side side, boolean baseline, Grain grain) {
            String id = side + "/" + baseline + "/" + grain;
            Index cached = indexes.get(id);
            if (cached != null) {
                return cached;
            }
            Refs refs = baseline ? slices.base(side) : effective.get(side);
            if (refs == null) {
                return null;
            }
            Index idx = new Index(refs.size() + 1, grain == Grain.ITEM ? u.graph.clusterCount() + 2 : 0, u.graph);
            for (int r = 0; r < refs.size(); r++) {
                int ref = refs.get(r);
                MediaItem item = u.items[ref];
                if (feature == Feature.PROGRESS && !meaningfulProgress(item)) {
                    continue;
                }
                long k = key(ref, grain);
                int slot = idx.slot(k);
                if (slot < 0) {
                    idx.append(k, ref);
                } else if (newer(item, u.items[idx.refs[slot]])) {
                    idx.refs[slot] = ref;
                }
            }
            indexes.put(id, idx);
            return idx;
        }

        private boolean meaningfulProgress(MediaItem item) {
            Playback p = item.playback().orElse(null);
            if (p == null || p.position().compareTo(opt.progressMinPosition()) < 0) {
                return false;
            }
            return p.percent() < 0 || p.percent() <= opt.progressMaxPercent();
        }

        /** Within one side, the entry kept for a key is the newest by the feature's timestamp. */
        private boolean newer(MediaItem a, MediaItem b) {
            switch (feature) {
                case HISTORY:
                    return compare(a.watchedAt().orElse(null), b.watchedAt().orElse(null)) > 0;
                case RATINGS:
                    return compare(a.ratedAt().orElse(null), b.ratedAt().orElse(null)) > 0;
                case PROGRESS:
                    return compare(a.playback().map(Playback::updatedAt).orElse(null),
                            b.playback().map(Playback::updatedAt).orElse(null)) > 0;
                default:
                    return false;
            }
        }

        private static int compare(Instant a, Instant b) {
            if (a == null) {
                return b == null ? 0 : -1;
            }
            return b == null ? 1 : a.compareTo(b);
        }

        private Grain grain(Side from, Side to) {
            if (feature != Feature.HISTORY) {
                return naturalGrain();
            }
            SideSnapshot s = fi.side(from);
            SideSnapshot t = fi.side(to);
            boolean events = s.capabilities().keepsPlayEvents() && s.capabilities().setsWatchedDate()
                    && t.capabilities().keepsPlayEvents();
            return events ? Grain.EVENT : Grain.ITEM;
        }

        // ---------------------------------------------------------------- planning

        private boolean observable(Side side) {
            SideSnapshot s = fi.side(side);
            return s.completeness() == Completeness.COMPLETE && !s.delta() && slices.base(side) != null && !suspect.get(side);
        }

        private void direction(Side from, Side to) {
            Grain grain = grain(from, to);
            Index curS = index(from, false, grain);
            Index curT = index(to, false, grain);
            Index baseS = index(from, true, grain);
            Index baseT = index(to, true, grain);
            SideSnapshot s = fi.side(from);
            SideSnapshot t = fi.side(to);
            FeatureOptions fo = fi.options();

            if (fo.add()) {
                for (int i = 0; i < curS.size; i++) {
                    long k = curS.key(i);
                    int ref = curS.refs[i];
                    if (curT.contains(k) || grain == Grain.EVENT && nearbyPlay(curT, k)) {
                        if (grain == Grain.ITEM && feature == Feature.HISTORY) {
                            newerPlay(from, to, ref, curT.get(k));
                        }
                        continue;
                    }
                    if (mode == SyncMode.TWO_WAY && baseT != null && baseT.contains(k) && !phantom(to, baseT.get(k))) {
                        continue; // deleted on the other side since the last run: a removal, not an add
                    }
                    admitAdd(to, ref, "on " + s.name() + ", missing on " + t.name());
                }
            }

            List<PlannedChange> removals = new ArrayList<>();
            boolean fromDeletions = false;
            boolean unconfirmed = false;
            if ((mode == SyncMode.ONE_WAY_PROPAGATE || mode == SyncMode.TWO_WAY) && baseS != null && observable(from)) {
                for (int i = 0; i < baseS.size; i++) {
                    long k = baseS.key(i);
                    if (curS.contains(k) || phantom(from, baseS.refs[i])) {
                        continue;
                    }
                    if (!curT.contains(k)) {
                        // gone from the target too, unless it sits in the part of the target that was not read
                        unconfirmed |= t.completeness() != Completeness.COMPLETE;
                        continue;
                    }
                    MediaItem own = u.items[curT.get(k)];
                    removals.add(change(to, own, null, "deleted from " + s.name() + " since the last run"));
                    fromDeletions = true;
                }
            } else if (mode == SyncMode.ONE_WAY_MIRROR && baseT != null && s.completeness() == Completeness.COMPLETE
                    && !s.delta()) {
                for (int i = 0; i < curT.size; i++) {
                    long k = curT.key(i);
                    if (curS.contains(k) || !baseT.contains(k)) {
                        continue;
                    }
                    removals.add(change(to, u.items[curT.refs[i]], null, "not on " + s.name() + " (mirror)"));
                }
            }
            if (unconfirmed) {
                // Deletions on the source whose item the target's incomplete read did not show: the
                // source keeps its baseline, so they are seen (and propagated) again once the target
                // reads in full, instead of being taken as done and later undone by an add back.
                heldDeletionsOf.put(from, true);
                out.notes.add("deletions on " + s.name() + " not checked against " + t.name() + ": its read was "
                        + t.completeness().name().toLowerCase(java.util.Locale.ROOT) + "; they are looked at again next run");
            }
            if (removals.isEmpty()) {
                return;
            }
            if (!fo.remove()) {
                out.notes.add(removals.size() + " removal(s) from " + t.name() + " not written: removals are switched off for "
                        + feature.key());
                heldDeletionsOf.put(from, heldDeletionsOf.get(from) || fromDeletions);
                return;
            }
            if (!t.capabilities().supportsRemoval()) {
                out.notes.add(removals.size() + " removal(s) not written: " + t.name() + " does not support removals");
                return;
            }
            String partial = partialReason();
            if (partial != null) {
                removals.forEach(r -> out.held.add(r.withReason(partial)));
                out.notes.add(removals.size() + " removal(s) from " + t.name() + " held: " + partial);
                heldDeletionsOf.put(from, heldDeletionsOf.get(from) || fromDeletions);
                return;
            }
            int size = curT.size;
            if (opt.massDeleteGuard() && !input.force() && removals.size() > opt.massDeleteMin()
                    && removals.size() > opt.massDeleteRatio() * size) {
                String why = String.format(java.util.Locale.ROOT,
                        "mass delete: %d of %d %s items on %s (%.0f%%) exceeds the %.0f%% guard; re-run with --force to approve",
                        removals.size(), size, feature.key(), t.name(), 100.0 * removals.size() / Math.max(1, size),
                        100 * opt.massDeleteRatio());
                removals.forEach(r -> out.held.add(r.withReason(why)));
                out.notes.add(why);
                heldDeletionsOf.put(from, heldDeletionsOf.get(from) || fromDeletions);
                return;
            }
            out.removes.addAll(removals);
        }

        private String partialReason() {
            if (!opt.failedReadGuard()) {
                return null;
            }
            for (Side side : Side.values()) {
                SideSnapshot s = fi.side(side);
                if (s.completeness() != Completeness.COMPLETE) {
                    return "the read of " + s.name() + " was " + s.completeness().name().toLowerCase(java.util.Locale.ROOT)
                            + s.message().map(m -> " (" + m + ")").orElse("") + "; no removals this run";
                }
            }
            return null;
        }

        private boolean nearbyPlay(Index cur, long key) {
            long minute = key & 0xFFFFFFFFL;
            if (minute == 0) {
                return false;
            }
            long cluster = key & 0xFFFFFFFF00000000L;
            return cur.contains(cluster | (minute - 1)) || cur.contains(cluster | (minute + 1));
        }

        /** Item-grain history: a newer dated play on the source re-marks or adds a play on the target. */
        private void newerPlay(Side from, Side to, int fromRef, int toRef) {
            SideSnapshot s = fi.side(from);
            SideSnapshot t = fi.side(to);
            if (!s.capabilities().setsWatchedDate() || !t.capabilities().setsWatchedDate()) {
                return; // a side that cannot set dates has meaningless date differences
            }
            MediaItem a = u.items[fromRef];
            MediaItem b = u.items[toRef];
            long ma = minute(a);
            long mb = minute(b);
            if (ma == 0 || mb == 0 || ma <= mb + 1) {
                return;
            }
            if (t.capabilities().keepsPlayEvents()) {
                admitAdd(to, fromRef, "newer play on " + s.name());
            } else {
                MediaItem updated = b.toBuilder().watchedAt(a.watchedAt().orElseThrow()).ids(b.ids().merge(a.ids())).build();
                admitUpdate(to, updated, b, fromRef, "newer play on " + s.name());
            }
        }

        private void compareValues() {
            if (feature != Feature.RATINGS && feature != Feature.PROGRESS) {
                return;
            }
            Index src = index(Side.SOURCE, false, Grain.ITEM);
            Index tgt = index(Side.TARGET, false, Grain.ITEM);
            int steps = Math.min(fi.source().capabilities().ratingScale().steps(), fi.target().capabilities().ratingScale().steps());
            RatingScale scale = new RatingScale(steps);
            for (int i = 0; i < src.size; i++) {
                int tRef = tgt.get(src.key(i));
                if (tRef < 0) {
                    continue;
                }
                int sRef = src.refs[i];
                MediaItem a = u.items[sRef];
                MediaItem b = u.items[tRef];
                int winner = feature == Feature.RATINGS ? ratingWinner(a, b, scale) : progressWinner(a, b);
                if (winner > 0) {
                    admitUpdate(Side.TARGET, withValue(b, a), b, sRef, "newer on " + fi.source().name());
                } else if (winner < 0 && mode == SyncMode.TWO_WAY) {
                    admitUpdate(Side.SOURCE, withValue(a, b), a, tRef, "newer on " + fi.target().name());
                }
            }
        }

        /** @return 1 source wins, -1 target wins, 0 equal (no-op) */
        private static int ratingWinner(MediaItem a, MediaItem b, RatingScale scale) {
            if (a.rating().isEmpty() || b.rating().isEmpty()) {
                return 0;
            }
            if (scale.quantize(a.rating().get()) == scale.quantize(b.rating().get())) {
                return 0;
            }
            return compare(a.ratedAt().orElse(null), b.ratedAt().orElse(null)) >= 0 ? 1 : -1;
        }

        private int progressWinner(MediaItem a, MediaItem b) {
            Playback pa = a.playback().orElseThrow();
            Playback pb = b.playback().orElseThrow();
            Duration diff = pa.position().minus(pb.position()).abs();
            if (diff.compareTo(opt.progressMinChange()) < 0) {
                return 0;
            }
            int c = pa.updatedAt().compareTo(pb.updatedAt());
            if (c != 0) {
                return c > 0 ? 1 : -1;
            }
            return pa.position().compareTo(pb.position()) > 0 ? 1 : -1;
        }

        /** The receiving side's own item carrying the winner's value and the union of ids. */
        private MediaItem withValue(MediaItem own, MediaItem winner) {
            MediaItem.Builder b = own.toBuilder().ids(own.ids().merge(winner.ids()));
            if (feature == Feature.RATINGS) {
                b.rating(winner.rating().orElseThrow()).ratedAt(winner.ratedAt().orElse(null));
            } else {
                b.playback(winner.playback().orElseThrow());
            }
            return b.build();
        }

        // ---------------------------------------------------------------- guards on writes

        private PlannedChange change(Side side, MediaItem item, MediaItem previous, String reason) {
            return new PlannedChange(side, item, previous, Ids.key(item).value(), reason);
        }

        private boolean phantom(Side side, int ref) {
            return opt.phantomGuard() && phantomIndex.get(side).containsKey(phantomKey(side, ref));
        }

        private void admitAdd(Side to, int ref, String reason) {
            MediaItem item = u.items[ref];
            String skip = skipReason(to, ref, item, true);
            PlannedChange c = change(to, item, null, reason);
            if (skip != null) {
                out.skipped.add(c.withReason(skip));
            } else {
                out.adds.add(c);
            }
        }

        private void admitUpdate(Side to, MediaItem updated, MediaItem previous, int winnerRef, String reason) {
            String skip = skipReason(to, winnerRef, updated, false);
            PlannedChange c = change(to, updated, previous, reason);
            if (skip != null) {
                out.skipped.add(c.withReason(skip));
            } else {
                out.updates.add(c);
            }
        }

        private String skipReason(Side to, int ref, MediaItem item, boolean isAdd) {
            SideSnapshot t = fi.side(to);
            if (!t.capabilities().mediaTypes(feature).contains(item.type())) {
                return t.name() + " does not take " + item.type().key() + " items for " + feature.key();
            }
            if (isAdd) {
                String ambiguous = u.graph.ambiguity(ref);
                if (ambiguous != null) {
                    return ambiguous;
                }
            }
            long nk = naturalKey(ref);
            if (isAdd && opt.tombstones()) {
                int ti = tombstoneIndex.get(nk, -1);
                if (ti >= 0) {
                    Tombstone ts = input.guards().tombstones().get(ti);
                    return "removed on " + ts.removedAt() + "; not re-added before " + ts.expiresAt() + " (tombstone)";
                }
            }
            if (opt.unresolvedGuard()) {
                int ui = unresolvedIndex.get(to).get(nk, -1);
                if (ui >= 0) {
                    UnresolvedItem un = input.guards().unresolved().get(ui);
                    if (un.retryAt().isAfter(input.now())) {
                        return "unresolved on " + t.name() + ": " + un.reason() + " (" + un.failures()
                                + " failure(s); next try after " + un.retryAt() + ")";
                    }
                }
            }
            if (isAdd && opt.phantomGuard()) {
                int pi = phantomIndex.get(to).get(phantomKey(to, ref), -1);
                if (pi >= 0) {
                    PhantomRecord pr = input.guards().phantoms().get(pi);
                    if (pr.attempts() >= opt.phantomMaxAttempts()) {
                        out.phantomsExhausted.add(pr);
                        return "phantom: " + t.name() + " accepted it " + pr.attempts() + " time(s) but never listed it";
                    }
                }
            }
            if (feature == Feature.HISTORY) {
                if (item.watchedAt().isEmpty() && t.capabilities().setsWatchedDate() && !opt.allowUndatedHistory()) {
                    return "play has no watch date; not posted as 'now' (set " + PlanOptions.HISTORY_ALLOW_UNDATED
                            + "=true to send it undated)";
                }
                if (isAdd && t.completeness() != Completeness.COMPLETE) {
                    return "the read of " + t.name() + " was partial; plays are not added to avoid duplicates";
                }
            }
            return null;
        }

        private void noteSeenGuards() {
            Grain g = naturalGrain();
            for (Side side : Side.values()) {
                Index cur = index(side, false, g);
                var caps = fi.side(side).capabilities();
                boolean itemGrain = feature == Feature.HISTORY && (!caps.keepsPlayEvents() || !caps.setsWatchedDate());
                Index curPhantom = itemGrain ? index(side, false, Grain.ITEM) : cur;
                List<PhantomRecord> ps = input.guards().phantoms();
                for (int i = 0; i < ps.size(); i++) {
                    PhantomRecord p = ps.get(i);
                    if (p.feature() == feature && p.side() == side && curPhantom.contains(phantomKey(side, phantomRefs.get(i)))) {
                        out.phantomsSeen.add(p);
                    }
                }
                List<UnresolvedItem> us = input.guards().unresolved();
                for (int i = 0; i < us.size(); i++) {
                    UnresolvedItem un = us.get(i);
                    if (un.feature() == feature && un.side() == side && cur.contains(naturalKey(unresolvedRefs.get(i)))) {
                        out.unresolvedSeen.add(un);
                    }
                }
            }
        }
    }
}
