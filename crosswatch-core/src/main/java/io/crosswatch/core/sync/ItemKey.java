package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import java.util.Objects;

/**
 * The canonical key of an item, e.g. {@code movie:tmdb:603}, {@code show:tvdb:81189#s01e03} or,
 * when an item has no id at all, a title-and-year fallback such as
 * {@code movie:title:the matrix:1999} that is marked {@link #weak()}.
 *
 * @param value the key text
 * @param weak  whether the key rests on title and year only
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record ItemKey(String value, boolean weak) {

    /** Validates. */
    public ItemKey {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return weak ? value + " (weak)" : value;
    }
}
