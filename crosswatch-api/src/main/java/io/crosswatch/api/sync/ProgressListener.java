package io.crosswatch.api.sync;

import io.crosswatch.api.Api;

/**
 * Receives {@link ProgressEvent}s. Called on the run's thread; must be quick and must not throw.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
@FunctionalInterface
public interface ProgressListener {

    /** Ignores every event. */
    ProgressListener NONE = e -> { };

    /** @param event what happened */
    void onProgress(ProgressEvent event);
}
