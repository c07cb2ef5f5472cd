package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a connector can do, per feature, so the engine plans only what a service accepts.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class ConnectorCapabilities {

    private final Map<Feature, IndexSemantics> index;
    private final Map<Feature, Set<MediaType>> types;
    private final Map<Feature, Integer> batchSize;
    private final RatingScale ratingScale;
    private final boolean setsWatchedDate;
    private final boolean keepsPlayEvents;
    private final boolean hasActivities;
    private final boolean removes;

    private ConnectorCapabilities(Builder b) {
        this.index = Map.copyOf(b.index);
        Map<Feature, Set<MediaType>> t = new EnumMap<>(Feature.class);
        b.types.forEach((f, s) -> t.put(f, Set.copyOf(s)));
        this.types = Map.copyOf(t);
        this.batchSize = Map.copyOf(b.batchSize);
        this.ratingScale = b.ratingScale;
        this.setsWatchedDate = b.setsWatchedDate;
        this.keepsPlayEvents = b.keepsPlayEvents;
        this.hasActivities = b.hasActivities;
        this.removes = b.removes;
    }

    private ConnectorCapabilities(ConnectorCapabilities o, RatingScale scale) {
        this.index = o.index;
        this.types = o.types;
        this.batchSize = o.batchSize;
        this.ratingScale = java.util.Objects.requireNonNull(scale, "scale");
        this.setsWatchedDate = o.setsWatchedDate;
        this.keepsPlayEvents = o.keepsPlayEvents;
        this.hasActivities = o.hasActivities;
        this.removes = o.removes;
    }

    /**
     * @param scale the rating precision a session reported for its account
     * @return these capabilities with another rating scale
     */
    public ConnectorCapabilities withRatingScale(RatingScale scale) {
        return new ConnectorCapabilities(this, scale);
    }

    /** @return a builder with defaults: full index, all types, batch 100, 1–10 ratings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static ConnectorCapabilities defaults() {
        return builder().build();
    }

    /** @return whether a read of {@code feature} is the full inventory or a delta */
    public IndexSemantics index(Feature feature) {
        return index.getOrDefault(feature, IndexSemantics.FULL);
    }

    /** @return the media types the service takes for {@code feature} */
    public Set<MediaType> mediaTypes(Feature feature) {
        return types.getOrDefault(feature, EnumSet.allOf(MediaType.class));
    }

    /** @return how many items one write call may carry */
    public int batchSize(Feature feature) {
        return batchSize.getOrDefault(feature, 100);
    }

    /** @return the rating precision */
    public RatingScale ratingScale() {
        return ratingScale;
    }

    /** @return whether a history write keeps the given {@code watchedAt} (Plex: no, always "now") */
    public boolean setsWatchedDate() {
        return setsWatchedDate;
    }

    /** @return whether history keeps every play (Trakt) rather than one watched flag per item */
    public boolean keepsPlayEvents() {
        return keepsPlayEvents;
    }

    /** @return whether {@link ConnectorSession#activities()} offers a cheap change probe */
    public boolean hasActivities() {
        return hasActivities;
    }

    /** @return whether the service supports removals at all */
    public boolean supportsRemoval() {
        return removes;
    }

    @Override
    public String toString() {
        return "ConnectorCapabilities[index=" + index + ", ratingScale=" + ratingScale.steps()
                + ", setsWatchedDate=" + setsWatchedDate + ", keepsPlayEvents=" + keepsPlayEvents
                + ", activities=" + hasActivities + "]";
    }

    /** Builds {@link ConnectorCapabilities}. */
    public static final class Builder {
        private final Map<Feature, IndexSemantics> index = new EnumMap<>(Feature.class);
        private final Map<Feature, Set<MediaType>> types = new EnumMap<>(Feature.class);
        private final Map<Feature, Integer> batchSize = new EnumMap<>(Feature.class);
        private RatingScale ratingScale = RatingScale.TEN;
        private boolean setsWatchedDate = true;
        private boolean keepsPlayEvents;
        private boolean hasActivities;
        private boolean removes = true;

        private Builder() {
        }

        /** @return this */
        public Builder index(Feature feature, IndexSemantics semantics) {
            index.put(feature, semantics);
            return this;
        }

        /** @return this */
        public Builder mediaTypes(Feature feature, MediaType first, MediaType... rest) {
            types.put(feature, EnumSet.of(first, rest));
            return this;
        }

        /** @return this */
        public Builder batchSize(Feature feature, int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be positive");
            }
            batchSize.put(feature, size);
            return this;
        }

        /** @return this */
        public Builder ratingScale(RatingScale value) {
            this.ratingScale = value;
            return this;
        }

        /** @return this */
        public Builder setsWatchedDate(boolean value) {
            this.setsWatchedDate = value;
            return this;
        }

        /** @return this */
        public Builder keepsPlayEvents(boolean value) {
            this.keepsPlayEvents = value;
            return this;
        }

        /** @return this */
        public Builder hasActivities(boolean value) {
            this.hasActivities = value;
            return this;
        }

        /** @return this */
        public Builder supportsRemoval(boolean value) {
            this.removes = value;
            return this;
        }

        /** @return the capabilities */
        public ConnectorCapabilities build() {
            return new ConnectorCapabilities(this);
        }
    }
}
