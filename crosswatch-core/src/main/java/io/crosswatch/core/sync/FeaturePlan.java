package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Side;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plan for one feature: adds, updates and removals per side, removals a guard held, items
 * skipped with their reasons, and what the run may persist afterwards.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class FeaturePlan {

    private final Feature feature;
    private final boolean planned;
    private final List<PlannedChange> adds;
    private final List<PlannedChange> updates;
    private final List<PlannedChange> removes;
    private final List<PlannedChange> held;
    private final List<PlannedChange> skipped;
    private final List<String> notes;
    private final Map<Side, List<MediaItem>> effective;
    private final Map<Side, Boolean> advanceBaseline;
    private final List<PhantomRecord> phantomsSeen;
    private final List<PhantomRecord> phantomsExhausted;
    private final List<UnresolvedItem> unresolvedSeen;

    private FeaturePlan(Builder b) {
        this.feature = b.feature;
        this.planned = b.planned;
        this.adds = List.copyOf(b.adds);
        this.updates = List.copyOf(b.updates);
        this.removes = List.copyOf(b.removes);
        this.held = List.copyOf(b.held);
        this.skipped = List.copyOf(b.skipped);
        this.notes = List.copyOf(b.notes);
        this.effective = Map.copyOf(b.effective);
        this.advanceBaseline = Map.copyOf(b.advanceBaseline);
        this.phantomsSeen = List.copyOf(b.phantomsSeen);
        this.phantomsExhausted = List.copyOf(b.phantomsExhausted);
        this.unresolvedSeen = List.copyOf(b.unresolvedSeen);
    }

    static Builder builder(Feature feature) {
        return new Builder(feature);
    }

    /** @return the feature */
    public Feature feature() {
        return feature;
    }

    /** @return {@code false} when a failed or suspect read stopped the feature: nothing is written */
    public boolean planned() {
        return planned;
    }

    /** @return all adds */
    public List<PlannedChange> adds() {
        return adds;
    }

    /** @return the adds written to {@code side} */
    public List<PlannedChange> adds(Side side) {
        return filter(adds, side);
    }

    /** @return all updates */
    public List<PlannedChange> updates() {
        return updates;
    }

    /** @return the updates written to {@code side} */
    public List<PlannedChange> updates(Side side) {
        return filter(updates, side);
    }

    /** @return all removals */
    public List<PlannedChange> removes() {
        return removes;
    }

    /** @return the removals from {@code side} */
    public List<PlannedChange> removes(Side side) {
        return filter(removes, side);
    }

    /** @return removals held back by a guard, with the reason */
    public List<PlannedChange> held() {
        return held;
    }

    /** @return items not sent, with the reason (unsupported type, unresolved, tombstoned, undated …) */
    public List<PlannedChange> skipped() {
        return skipped;
    }

    /** @return warnings and explanations */
    public List<String> notes() {
        return notes;
    }

    /** @return the inventory of {@code side} the plan was made against (a delta side: baseline ∪ delta) */
    public List<MediaItem> effective(Side side) {
        return effective.getOrDefault(side, List.of());
    }

    /**
     * @param side a side
     * @return whether the run may store a new baseline for the side: its read was complete and
     *         trusted, and no deletion observed on it was held back (held deletions are detected again)
     */
    public boolean advanceBaseline(Side side) {
        return advanceBaseline.getOrDefault(side, false);
    }

    /** @return phantom records whose item a read now shows; the run clears them */
    public List<PhantomRecord> phantomsSeen() {
        return phantomsSeen;
    }

    /** @return phantom records that reached the attempt limit; the run turns them into unresolved items */
    public List<PhantomRecord> phantomsExhausted() {
        return phantomsExhausted;
    }

    /** @return unresolved items a read now shows on their side; the run clears them */
    public List<UnresolvedItem> unresolvedSeen() {
        return unresolvedSeen;
    }

    /** @return whether anything is to be written */
    public boolean hasWrites() {
        return !adds.isEmpty() || !updates.isEmpty() || !removes.isEmpty();
    }

    /** @return a plain map of counts and items for reports and JSON */
    public Map<String, Object> toReport() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", feature.key());
        m.put("planned", planned);
        for (Side side : Side.values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("add", keys(adds(side)));
            s.put("update", keys(updates(side)));
            s.put("remove", keys(removes(side)));
            m.put(side.name().toLowerCase(java.util.Locale.ROOT), s);
        }
        m.put("held", reasons(held));
        m.put("skipped", reasons(skipped));
        m.put("notes", notes);
        return m;
    }

    private static List<String> keys(List<PlannedChange> changes) {
        List<String> out = new ArrayList<>(changes.size());
        changes.forEach(c -> out.add(c.key()));
        return out;
    }

    private static List<Map<String, String>> reasons(List<PlannedChange> changes) {
        List<Map<String, String>> out = new ArrayList<>(changes.size());
        for (PlannedChange c : changes) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("side", c.side().name().toLowerCase(java.util.Locale.ROOT));
            e.put("key", c.key());
            e.put("item", c.item().describe());
            e.put("reason", c.reason() == null ? "" : c.reason());
            out.add(e);
        }
        return out;
    }

    private static List<PlannedChange> filter(List<PlannedChange> all, Side side) {
        List<PlannedChange> out = new ArrayList<>();
        for (PlannedChange c : all) {
            if (c.side() == side) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "FeaturePlan[" + feature.key() + (planned ? "" : " not planned") + " adds=" + adds.size() + " updates="
                + updates.size() + " removes=" + removes.size() + " held=" + held.size() + " skipped=" + skipped.size() + "]";
    }

    static final class Builder {
        private final Feature feature;
        private boolean planned = true;
        final List<PlannedChange> adds = new ArrayList<>();
        final List<PlannedChange> updates = new ArrayList<>();
        final List<PlannedChange> removes = new ArrayList<>();
        final List<PlannedChange> held = new ArrayList<>();
        final List<PlannedChange> skipped = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<Side, List<MediaItem>> effective = new EnumMap<>(Side.class);
        final Map<Side, Boolean> advanceBaseline = new EnumMap<>(Side.class);
        final List<PhantomRecord> phantomsSeen = new ArrayList<>();
        final List<PhantomRecord> phantomsExhausted = new ArrayList<>();
        final List<UnresolvedItem> unresolvedSeen = new ArrayList<>();

        private Builder(Feature feature) {
            this.feature = Objects.requireNonNull(feature, "feature");
        }

        Builder planned(boolean value) {
            this.planned = value;
            return this;
        }

        FeaturePlan build() {
            return new FeaturePlan(this);
        }
    }
}
