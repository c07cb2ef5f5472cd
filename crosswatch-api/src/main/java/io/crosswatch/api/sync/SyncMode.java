package io.crosswatch.api.sync;

import io.crosswatch.api.Api;

/**
 * How a pair moves data.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum SyncMode {
    /** Add to the target what the source has and the target lacks; never remove. */
    ONE_WAY_ADD,
    /** Also remove from the target what was deleted from the source since the last run. */
    ONE_WAY_PROPAGATE,
    /** Also remove from the target what the source lacks, but only items the target held at
     * the previous run, so a first run never deletes. */
    ONE_WAY_MIRROR,
    /** Union both sides; deletions inferred only against the previous successful baseline. */
    TWO_WAY
}
