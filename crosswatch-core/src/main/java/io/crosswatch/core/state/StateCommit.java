package io.crosswatch.core.state;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Side;
import io.crosswatch.core.sync.PhantomRecord;
import io.crosswatch.core.sync.Tombstone;
import io.crosswatch.core.sync.UnresolvedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run persists, applied by {@link SyncStateStore#commit} in a single transaction:
 * new baselines, tombstones, unresolved and phantom records to put or clear, and the run record.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class StateCommit {

    /**
     * Identifies one guard record to clear.
     *
     * @param feature the feature
     * @param side    the side
     * @param key     the record's key ({@code Ids.guardKey})
     */
    public record RecordKey(Feature feature, Side side, String key) {
        /** Validates. */
        public RecordKey {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Identifies one baseline.
     *
     * @param feature the feature
     * @param side    the side
     */
    public record Slot(Feature feature, Side side) {
        /** Validates. */
        public Slot {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(side, "side");
        }
    }

    private final String pair;
    private final Instant now;
    private final Map<Slot, Baseline> baselines;
    private final List<Tombstone> tombstones;
    private final List<UnresolvedItem> unresolved;
    private final List<RecordKey> clearUnresolved;
    private final List<PhantomRecord> phantoms;
    private final List<RecordKey> clearPhantoms;
    private final RunRecord run;

    private StateCommit(Builder b) {
        this.pair = b.pair;
        this.now = b.now;
        this.baselines = Collections.unmodifiableMap(new LinkedHashMap<>(b.baselines));
        this.tombstones = List.copyOf(b.tombstones);
        this.unresolved = List.copyOf(b.unresolved);
        this.clearUnresolved = List.copyOf(b.clearUnresolved);
        this.phantoms = List.copyOf(b.phantoms);
        this.clearPhantoms = List.copyOf(b.clearPhantoms);
        this.run = b.run;
    }

    /**
     * @param pair the pair name
     * @param now  the commit time; tombstones expired by then are purged
     * @return a builder
     */
    public static Builder builder(String pair, Instant now) {
        return new Builder(pair, now);
    }

    /** @return the pair */
    public String pair() {
        return pair;
    }

    /** @return the commit time */
    public Instant now() {
        return now;
    }

    /** @return the baselines to replace */
    public Map<Slot, Baseline> baselines() {
        return baselines;
    }

    /** @return tombstones to record (replacing one with the same key) */
    public List<Tombstone> tombstones() {
        return tombstones;
    }

    /** @return unresolved records to put (replacing one with the same key) */
    public List<UnresolvedItem> unresolved() {
        return unresolved;
    }

    /** @return unresolved records to clear */
    public List<RecordKey> clearUnresolved() {
        return clearUnresolved;
    }

    /** @return phantom records to put (replacing one with the same key) */
    public List<PhantomRecord> phantoms() {
        return phantoms;
    }

    /** @return phantom records to clear */
    public List<RecordKey> clearPhantoms() {
        return clearPhantoms;
    }

    /** @return the run record, if any */
    public Optional<RunRecord> run() {
        return Optional.ofNullable(run);
    }

    /** @return whether nothing is to be written */
    public boolean isEmpty() {
        return baselines.isEmpty() && tombstones.isEmpty() && unresolved.isEmpty() && clearUnresolved.isEmpty()
                && phantoms.isEmpty() && clearPhantoms.isEmpty() && run == null;
    }

    /** Builds a {@link StateCommit}. */
    public static final class Builder {
        private final String pair;
        private final Instant now;
        private final Map<Slot, Baseline> baselines = new LinkedHashMap<>();
        private final List<Tombstone> tombstones = new ArrayList<>();
        private final List<UnresolvedItem> unresolved = new ArrayList<>();
        private final List<RecordKey> clearUnresolved = new ArrayList<>();
        private final List<PhantomRecord> phantoms = new ArrayList<>();
        private final List<RecordKey> clearPhantoms = new ArrayList<>();
        private RunRecord run;

        private Builder(String pair, Instant now) {
            this.pair = Objects.requireNonNull(pair, "pair");
            this.now = Objects.requireNonNull(now, "now");
        }

        /** @return this */
        public Builder baseline(Feature feature, Side side, Baseline baseline) {
            baselines.put(new Slot(feature, side), Objects.requireNonNull(baseline, "baseline"));
            return this;
        }

        /** @return this */
        public Builder tombstone(Tombstone value) {
            tombstones.add(value);
            return this;
        }

        /** @return this */
        public Builder unresolved(UnresolvedItem value) {
            unresolved.add(value);
            return this;
        }

        /** @return this */
        public Builder clearUnresolved(Feature feature, Side side, String key) {
            clearUnresolved.add(new RecordKey(feature, side, key));
            return this;
        }

        /** @return this */
        public Builder phantom(PhantomRecord value) {
            phantoms.add(value);
            return this;
        }

        /** @return this */
        public Builder clearPhantom(Feature feature, Side side, String key) {
            clearPhantoms.add(new RecordKey(feature, side, key));
            return this;
        }

        /** @return this */
        public Builder run(RunRecord value) {
            this.run = value;
            return this;
        }

        /** @return the commit */
        public StateCommit build() {
            return new StateCommit(this);
        }
    }
}
