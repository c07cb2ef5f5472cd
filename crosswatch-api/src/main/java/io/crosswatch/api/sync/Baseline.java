package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one side of a pair held for one feature after the last successful run. Deletions are
 * inferred only against it, never against an empty or failed read.
 *
 * @param items      the side's items after the run
 * @param takenAt    when the run committed
 * @param checkpoint the delta checkpoint of the side, may be {@code null}
 * @param activity   the side's activity token for the feature after the run, may be {@code null}
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record Baseline(List<MediaItem> items, Instant takenAt, String checkpoint, String activity) {

    /** Validates and copies. */
    public Baseline {
        items = List.copyOf(items);
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** @return the delta checkpoint */
    public Optional<String> checkpointValue() {
        return Optional.ofNullable(checkpoint);
    }

    /** @return the activity token */
    public Optional<String> activityToken() {
        return Optional.ofNullable(activity);
    }
}
