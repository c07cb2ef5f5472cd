package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorCapabilities;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One side of one feature as the planner sees it: what was read (or, for a delta connector, the
 * changes), how complete the read was, the side's previous baseline and its capabilities.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class SideSnapshot {

    /** What the side's activity probe said about this feature. */
    public enum Activity {
        /** The side has no activity probe (or it did not cover the feature). */
        NONE,
        /** The token equals the one stored with the baseline. */
        UNCHANGED,
        /** The token differs from the stored one: something changed. */
        MOVED
    }

    private final String name;
    private final List<MediaItem> items;
    private final Completeness completeness;
    private final List<MediaItem> baseline;
    private final ConnectorCapabilities capabilities;
    private final Activity activity;
    private final boolean delta;
    private final boolean reusedBaseline;
    private final String message;

    private SideSnapshot(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.items = List.copyOf(b.items);
        this.completeness = Objects.requireNonNull(b.completeness, "completeness");
        this.baseline = b.baseline == null ? null : List.copyOf(b.baseline);
        this.capabilities = b.capabilities == null ? ConnectorCapabilities.defaults() : b.capabilities;
        this.activity = b.activity == null ? Activity.NONE : b.activity;
        this.delta = b.delta;
        this.reusedBaseline = b.reusedBaseline;
        this.message = b.message;
    }

    /**
     * @param name the side's display name, e.g. {@code trakt}
     * @return a builder for a complete read of nothing, with default capabilities
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a complete full read of {@code items} with no baseline */
    public static SideSnapshot complete(String name, List<MediaItem> items) {
        return builder(name).items(items).build();
    }

    /** @return a builder holding this snapshot's values */
    public Builder toBuilder() {
        Builder b = new Builder(name).items(items).completeness(completeness).baseline(baseline).capabilities(capabilities)
                .activity(activity).delta(delta).reusedBaseline(reusedBaseline).message(message);
        return b;
    }

    /** @return the display name */
    public String name() {
        return name;
    }

    /** @return the items read (for a delta side: the changes only) */
    public List<MediaItem> items() {
        return items;
    }

    /** @return how complete the read was */
    public Completeness completeness() {
        return completeness;
    }

    /** @return the previous successful baseline, if any */
    public Optional<List<MediaItem>> baseline() {
        return Optional.ofNullable(baseline);
    }

    /** @return the side's capabilities */
    public ConnectorCapabilities capabilities() {
        return capabilities;
    }

    /** @return what the activity probe said */
    public Activity activity() {
        return activity;
    }

    /** @return whether {@link #items()} are changes since the baseline rather than the whole inventory */
    public boolean delta() {
        return delta;
    }

    /** @return whether the items are the baseline, reused because the activity token did not move */
    public boolean reusedBaseline() {
        return reusedBaseline;
    }

    /** @return why the read was partial or failed */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public String toString() {
        return "SideSnapshot[" + name + " " + completeness + " items=" + items.size()
                + " baseline=" + (baseline == null ? "none" : baseline.size()) + (delta ? " delta" : "")
                + (reusedBaseline ? " reused" : "") + "]";
    }

    /** Builds a {@link SideSnapshot}. */
    public static final class Builder {
        private final String name;
        private List<MediaItem> items = List.of();
        private Completeness completeness = Completeness.COMPLETE;
        private List<MediaItem> baseline;
        private ConnectorCapabilities capabilities;
        private Activity activity;
        private boolean delta;
        private boolean reusedBaseline;
        private String message;

        private Builder(String name) {
            this.name = name;
        }

        /** @return this */
        public Builder items(List<MediaItem> value) {
            this.items = Objects.requireNonNull(value, "items");
            return this;
        }

        /** @return this */
        public Builder completeness(Completeness value) {
            this.completeness = value;
            return this;
        }

        /** @return this; {@code null} for no baseline (first run) */
        public Builder baseline(List<MediaItem> value) {
            this.baseline = value;
            return this;
        }

        /** @return this */
        public Builder capabilities(ConnectorCapabilities value) {
            this.capabilities = value;
            return this;
        }

        /** @return this */
        public Builder activity(Activity value) {
            this.activity = value;
            return this;
        }

        /** @return this */
        public Builder delta(boolean value) {
            this.delta = value;
            return this;
        }

        /** @return this */
        public Builder reusedBaseline(boolean value) {
            this.reusedBaseline = value;
            return this;
        }

        /** @return this */
        public Builder message(String value) {
            this.message = value;
            return this;
        }

        /** @return the snapshot */
        public SideSnapshot build() {
            return new SideSnapshot(this);
        }
    }
}
