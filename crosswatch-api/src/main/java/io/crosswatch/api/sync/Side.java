package io.crosswatch.api.sync;

import io.crosswatch.api.Api;

/**
 * A side of a pair.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum Side {
    /** The pair's source. */
    SOURCE,
    /** The pair's target. */
    TARGET;

    /** @return the other side */
    public Side other() {
        return this == SOURCE ? TARGET : SOURCE;
    }
}
