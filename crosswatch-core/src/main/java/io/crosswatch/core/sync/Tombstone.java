package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import java.time.Instant;
import java.util.Objects;

/**
 * A removal the engine made (or propagated), remembered until {@code expiresAt} so that the other
 * side, still showing the item because it lags or reads a cache, does not add it back. For history
 * the tombstone covers only the removed play (its minute), so a later re-watch is a new play.
 *
 * @param feature   the feature
 * @param item      the removed item (ids, list, watch date)
 * @param removedAt when it was removed
 * @param expiresAt when the tombstone stops applying
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record Tombstone(Feature feature, MediaItem item, Instant removedAt, Instant expiresAt) {

    /** Validates. */
    public Tombstone {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(removedAt, "removedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** @return the storage key ({@link Ids#guardKey}) */
    public String key() {
        return Ids.guardKey(feature, item);
    }
}
