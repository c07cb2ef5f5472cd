package io.crosswatch.api.sync;

import io.crosswatch.api.Api;

/**
 * What a connector's read of a feature returns.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum IndexSemantics {
    /** Every read is the whole inventory; deletions are observable by absence. */
    FULL,
    /** A read returns changes since a checkpoint; the effective index is the previous
     * baseline plus the delta, and absence never means deletion. */
    DELTA
}
