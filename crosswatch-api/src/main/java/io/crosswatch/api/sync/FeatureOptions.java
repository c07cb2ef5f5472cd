package io.crosswatch.api.sync;

import io.crosswatch.api.Api;

/**
 * Per-feature switches of a pair.
 *
 * @param enabled whether the feature is synced at all
 * @param add     whether additions are written
 * @param remove  whether removals are written
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record FeatureOptions(boolean enabled, boolean add, boolean remove) {

    /** Enabled, adding and removing (removals still subject to the mode and guards). */
    public static final FeatureOptions ALL = new FeatureOptions(true, true, true);
    /** Enabled, adding only. */
    public static final FeatureOptions ADD_ONLY = new FeatureOptions(true, true, false);
    /** Disabled. */
    public static final FeatureOptions OFF = new FeatureOptions(false, false, false);
}
