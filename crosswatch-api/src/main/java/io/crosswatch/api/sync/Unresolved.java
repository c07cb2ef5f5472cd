package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import java.util.Objects;

/**
 * An item that could not be matched or written, with the reason and a hint for the user.
 *
 * @param item   the item as far as it is known
 * @param reason why, e.g. {@code no external ids}, {@code not found on trakt}, {@code account limit}
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record Unresolved(MediaItem item, String reason) {

    /** Validates. */
    public Unresolved {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(reason, "reason");
    }
}
