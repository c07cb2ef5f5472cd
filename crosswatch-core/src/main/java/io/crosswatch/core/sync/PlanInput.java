package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.SyncMode;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the pure {@link Planner} needs: the mode, both sides of every feature with their
 * baselines, the pair's guard memory, the options, the time and whether removals are approved.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class PlanInput {

    private final SyncMode mode;
    private final Map<Feature, FeatureInput> features;
    private final GuardState guards;
    private final PlanOptions options;
    private final Instant now;
    private final boolean force;

    private PlanInput(Builder b) {
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.features = Collections.unmodifiableMap(new EnumMap<>(b.features));
        this.guards = b.guards == null ? GuardState.empty() : b.guards;
        this.options = b.options == null ? PlanOptions.defaults() : b.options;
        this.now = Objects.requireNonNull(b.now, "now");
        this.force = b.force;
    }

    /**
     * @param mode the pair's mode
     * @param now  the planning time (tombstone expiry, retry backoff)
     * @return a builder
     */
    public static Builder builder(SyncMode mode, Instant now) {
        return new Builder(mode, now);
    }

    /** @return the mode */
    public SyncMode mode() {
        return mode;
    }

    /** @return the features to plan, in feature order */
    public Map<Feature, FeatureInput> features() {
        return features;
    }

    /** @return the guard memory */
    public GuardState guards() {
        return guards;
    }

    /** @return the options */
    public PlanOptions options() {
        return options;
    }

    /** @return the planning time */
    public Instant now() {
        return now;
    }

    /** @return whether removals a mass-delete guard would hold are approved */
    public boolean force() {
        return force;
    }

    /** Builds a {@link PlanInput}. */
    public static final class Builder {
        private final SyncMode mode;
        private final Instant now;
        private final Map<Feature, FeatureInput> features = new EnumMap<>(Feature.class);
        private GuardState guards;
        private PlanOptions options;
        private boolean force;

        private Builder(SyncMode mode, Instant now) {
            this.mode = mode;
            this.now = now;
        }

        /** @return this */
        public Builder feature(Feature feature, FeatureInput input) {
            features.put(feature, Objects.requireNonNull(input, "input"));
            return this;
        }

        /** @return this */
        public Builder guards(GuardState value) {
            this.guards = value;
            return this;
        }

        /** @return this */
        public Builder options(PlanOptions value) {
            this.options = value;
            return this;
        }

        /** @return this */
        public Builder force(boolean value) {
            this.force = value;
            return this;
        }

        /** @return the input */
        public PlanInput build() {
            return new PlanInput(this);
        }
    }
}
