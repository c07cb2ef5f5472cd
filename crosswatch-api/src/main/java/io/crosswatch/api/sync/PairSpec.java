package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A configured pair: source, target, mode, per-feature options and free-form options.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class PairSpec {

    private final String name;
    private final Endpoint source;
    private final Endpoint target;
    private final SyncMode mode;
    private final Map<Feature, FeatureOptions> features;
    private final Map<String, String> options;

    private PairSpec(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.target = Objects.requireNonNull(b.target, "target");
        this.name = b.name == null ? source + "->" + target : b.name;
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.features = Map.copyOf(b.features);
        this.options = Map.copyOf(b.options);
    }

    /** @return a builder */
    public static Builder builder(Endpoint source, Endpoint target, SyncMode mode) {
        return new Builder(source, target, mode);
    }

    /** @return a builder holding this pair's values */
    public Builder toBuilder() {
        Builder b = new Builder(source, target, mode).name(name);
        b.features.putAll(features);
        b.options.putAll(options);
        return b;
    }

    /** @return the pair's unique name; baselines are kept under it */
    public String name() {
        return name;
    }

    /** @return the source */
    public Endpoint source() {
        return source;
    }

    /** @return the target */
    public Endpoint target() {
        return target;
    }

    /** @return the mode */
    public SyncMode mode() {
        return mode;
    }

    /** @return the options of {@code feature}; {@link FeatureOptions#OFF} when not configured */
    public FeatureOptions feature(Feature feature) {
        return features.getOrDefault(feature, FeatureOptions.OFF);
    }

    /** @return the enabled features */
    public Set<Feature> enabledFeatures() {
        return features.entrySet().stream().filter(e -> e.getValue().enabled()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** @return free-form options (guards, thresholds) */
    public Map<String, String> options() {
        return options;
    }

    @Override
    public String toString() {
        return "PairSpec[" + name + ": " + source + " -> " + target + " " + mode + " " + enabledFeatures() + "]";
    }

    /** Builds a {@link PairSpec}. */
    public static final class Builder {
        private String name;
        private final Endpoint source;
        private final Endpoint target;
        private final SyncMode mode;
        private final Map<Feature, FeatureOptions> features = new EnumMap<>(Feature.class);
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(Endpoint source, Endpoint target, SyncMode mode) {
            this.source = source;
            this.target = target;
            this.mode = mode;
        }

        /** @return this */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @return this */
        public Builder feature(Feature feature, FeatureOptions value) {
            features.put(feature, value);
            return this;
        }

        /** @return this, every feature enabled with {@link FeatureOptions#ALL} */
        public Builder allFeatures() {
            for (Feature f : Feature.values()) {
                features.put(f, FeatureOptions.ALL);
            }
            return this;
        }

        /** @return this */
        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        /** @return the pair */
        public PairSpec build() {
            return new PairSpec(this);
        }
    }
}
