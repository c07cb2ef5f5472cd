package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Side;
import java.util.Objects;

/**
 * One planned write, held removal or skipped item.
 *
 * @param side     the side it is written to (or would have been)
 * @param item     what to send: for adds and updates the new state, for removals the side's own item
 * @param previous for an update, the side's item it replaces; otherwise {@code null}
 * @param key      the item's canonical key, for reports
 * @param reason   why (rule, guard, or the skip reason); may be {@code null} for plain writes
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record PlannedChange(Side side, MediaItem item, MediaItem previous, String key, String reason) {

    /** Validates. */
    public PlannedChange {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(key, "key");
    }

    /** @return a copy with another reason */
    public PlannedChange withReason(String value) {
        return new PlannedChange(side, item, previous, key, value);
    }
}
