package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Side;
import java.time.Instant;
import java.util.Objects;

/**
 * An item a side rejected (not found, unsupported, account limit, or a phantom add that never
 * showed up). It is retried with backoff and, after repeated failures, blocked for a cool-down.
 *
 * @param feature       the feature
 * @param side          the side that rejected it
 * @param item          the item as it was sent
 * @param reason        why, for the report
 * @param failures      consecutive failures so far
 * @param lastFailureAt when it last failed
 * @param retryAt       the engine does not send it again before this instant
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record UnresolvedItem(Feature feature, Side side, MediaItem item, String reason, int failures,
                             Instant lastFailureAt, Instant retryAt) {

    /** Validates. */
    public UnresolvedItem {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        Objects.requireNonNull(retryAt, "retryAt");
    }

    /** @return the storage key ({@link Ids#guardKey}) */
    public String key() {
        return Ids.guardKey(feature, item);
    }
}
