package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SyncModule} run did.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class SyncResult {

    private final String runId;
    private final String pair;
    private final SyncStatus status;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final boolean dryRun;
    private final Map<Feature, FeatureOutcome> features;
    private final Map<String, Duration> phases;
    private final List<String> warnings;
    private final List<String> errors;
    private final Map<String, String> metadata;

    private SyncResult(Builder b) {
        this.runId = Objects.requireNonNull(b.runId, "runId");
        this.pair = Objects.requireNonNull(b.pair, "pair");
        this.startedAt = Objects.requireNonNull(b.startedAt, "startedAt");
        this.finishedAt = b.finishedAt == null ? b.startedAt : b.finishedAt;
        this.dryRun = b.dryRun;
        this.features = Map.copyOf(b.features);
        this.phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.phases));
        this.warnings = List.copyOf(b.warnings);
        this.errors = List.copyOf(b.errors);
        this.metadata = Map.copyOf(b.metadata);
        SyncStatus s = b.status;
        if (s == null) {
            s = features.isEmpty() ? SyncStatus.SKIPPED : null;
            for (FeatureOutcome o : features.values()) {
                s = s == null ? o.status() : s.worst(o.status());
            }
        }
        this.status = s;
    }

    /** @return a builder */
    public static Builder builder(String runId, String pair, Instant startedAt) {
        return new Builder(runId, pair, startedAt);
    }

    /** @return the run id */
    public String runId() {
        return runId;
    }

    /** @return the pair name */
    public String pair() {
        return pair;
    }

    /** @return how the run ended: the worst of its features unless set explicitly */
    public SyncStatus status() {
        return status;
    }

    /** @return when it started */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when it finished */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** @return how long it took */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** @return whether it was a dry run (nothing written) */
    public boolean dryRun() {
        return dryRun;
    }

    /** @return per-feature outcomes */
    public Map<Feature, FeatureOutcome> features() {
        return features;
    }

    /** @return one feature's outcome */
    public Optional<FeatureOutcome> feature(Feature feature) {
        return Optional.ofNullable(features.get(feature));
    }

    /** @return time spent per phase (read, plan, apply, persist), in order */
    public Map<String, Duration> phases() {
        return phases;
    }

    /** @return warnings for the user */
    public List<String> warnings() {
        return warnings;
    }

    /** @return errors for the user */
    public List<String> errors() {
        return errors;
    }

    /** @return free-form details */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** @return the sum of changes written to the target over all features */
    public FeatureOutcome.Counts totalToTarget() {
        return features.values().stream().map(FeatureOutcome::toTarget).reduce(FeatureOutcome.Counts.ZERO,
                FeatureOutcome.Counts::plus);
    }

    /** @return the sum of changes written to the source over all features */
    public FeatureOutcome.Counts totalToSource() {
        return features.values().stream().map(FeatureOutcome::toSource).reduce(FeatureOutcome.Counts.ZERO,
                FeatureOutcome.Counts::plus);
    }

    @Override
    public String toString() {
        return "SyncResult[" + pair + " " + status + (dryRun ? " dry-run" : "") + " target=" + totalToTarget()
                + " source=" + totalToSource() + " errors=" + errors.size() + "]";
    }

    /** Builds a {@link SyncResult}. */
    public static final class Builder {
        private final String runId;
        private final String pair;
        private final Instant startedAt;
        private Instant finishedAt;
        private SyncStatus status;
        private boolean dryRun;
        private final Map<Feature, FeatureOutcome> features = new EnumMap<>(Feature.class);
        private final Map<String, Duration> phases = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String runId, String pair, Instant startedAt) {
            this.runId = runId;
            this.pair = pair;
            this.startedAt = startedAt;
        }

        /** @return this */
        public Builder finishedAt(Instant value) {
            this.finishedAt = value;
            return this;
        }

        /** @return this; overrides the status derived from features */
        public Builder status(SyncStatus value) {
            this.status = value;
            return this;
        }

        /** @return this */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /** @return this */
        public Builder feature(FeatureOutcome value) {
            features.put(value.feature(), value);
            return this;
        }

        /** @return this, adding to the phase's time */
        public Builder phase(String name, Duration took) {
            phases.merge(name, took, Duration::plus);
            return this;
        }

        /** @return this */
        public Builder warning(String value) {
            warnings.add(value);
            return this;
        }

        /** @return this */
        public Builder error(String value) {
            errors.add(value);
            return this;
        }

        /** @return this */
        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        /** @return the result */
        public SyncResult build() {
            return new SyncResult(this);
        }
    }
}
