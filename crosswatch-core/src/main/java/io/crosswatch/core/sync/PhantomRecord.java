package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Side;
import java.time.Instant;
import java.util.Objects;

/**
 * An add a side accepted that has not yet shown up in its reads. Cleared when a read shows the
 * item; after too many attempts the item becomes unresolved ("phantom") instead of being re-sent
 * every run. While it exists, the item's absence from that side is not taken as a deletion.
 *
 * @param feature     the feature
 * @param side        the side written to
 * @param item        the item as it was sent
 * @param attempts    how many accepted adds did not show up
 * @param lastAddedAt when it was last sent
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record PhantomRecord(Feature feature, Side side, MediaItem item, int attempts, Instant lastAddedAt) {

    /** Validates. */
    public PhantomRecord {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(lastAddedAt, "lastAddedAt");
    }

    /** @return the storage key ({@link Ids#guardKey}) */
    public String key() {
        return Ids.guardKey(feature, item);
    }
}
