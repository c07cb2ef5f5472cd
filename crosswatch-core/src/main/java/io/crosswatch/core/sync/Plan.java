package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.SyncMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Planner#plan(PlanInput)} decided: one {@link FeaturePlan} per feature. Convert it
 * to plain maps with {@link #toReport()} to print or serialize it.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class Plan {

    private final SyncMode mode;
    private final Map<Feature, FeaturePlan> features;

    Plan(SyncMode mode, Map<Feature, FeaturePlan> features) {
        this.mode = mode;
        this.features = Collections.unmodifiableMap(new EnumMap<>(features));
    }

    /** @return the mode planned for */
    public SyncMode mode() {
        return mode;
    }

    /** @return the per-feature plans */
    public Map<Feature, FeaturePlan> features() {
        return features;
    }

    /** @return one feature's plan */
    public Optional<FeaturePlan> feature(Feature feature) {
        return Optional.ofNullable(features.get(feature));
    }

    /** @return the number of writes planned over all features */
    public int writeCount() {
        int n = 0;
        for (FeaturePlan p : features.values()) {
            n += p.adds().size() + p.updates().size() + p.removes().size();
        }
        return n;
    }

    /** @return the number of removals held by guards */
    public int heldCount() {
        return features.values().stream().mapToInt(p -> p.held().size()).sum();
    }

    /** @return every feature's notes, prefixed by the feature */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        features.forEach((f, p) -> p.notes().forEach(n -> out.add(f.key() + ": " + n)));
        return out;
    }

    /** @return a plain nested map (strings, numbers, lists, maps) for reports and JSON */
    public Map<String, Object> toReport() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.name());
        m.put("writes", writeCount());
        m.put("held", heldCount());
        List<Map<String, Object>> fs = new ArrayList<>();
        features.values().forEach(p -> fs.add(p.toReport()));
        m.put("features", fs);
        return m;
    }

    @Override
    public String toString() {
        return "Plan[" + mode + " " + features.values() + "]";
    }
}
