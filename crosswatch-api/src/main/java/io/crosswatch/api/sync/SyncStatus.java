package io.crosswatch.api.sync;

import io.crosswatch.api.Api;

/**
 * How a run (or one feature of it) ended.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum SyncStatus {
    /** Everything planned was applied. */
    SUCCESS,
    /** Some of it was applied; the report says what was not and why. */
    PARTIAL,
    /** Nothing could be done (a failed read, an auth error). */
    FAILED,
    /** Stopped by cancellation or the deadline. */
    CANCELLED,
    /** Not run (disabled, not configured, unchanged). */
    SKIPPED;

    /**
     * @param other another status
     * @return the worse of the two, for rolling features up into a run
     */
    public SyncStatus worst(SyncStatus other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(SyncStatus s) {
        return switch (s) {
            case SKIPPED -> 0;
            case SUCCESS -> 1;
            case PARTIAL -> 2;
            case CANCELLED -> 3;
            case FAILED -> 4;
        };
    }
}
