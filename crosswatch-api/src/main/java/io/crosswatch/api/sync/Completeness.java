package io.crosswatch.api.sync;

import io.crosswatch.api.Api;

/**
 * How much of an inventory a read saw. A failure can never look like an empty library: only
 * a {@link #COMPLETE} read may cause removals on the other side.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum Completeness {
    /** The whole inventory (or, for a delta connector, every change since the checkpoint). */
    COMPLETE,
    /** Some pages or sections failed; the items present are real but others may be missing. */
    PARTIAL,
    /** The read failed; the items list is empty and means nothing. */
    FAILED
}
