package io.crosswatch.core;

import io.crosswatch.api.Api;

/**
 * Told when an {@link Orchestrator} run or undo starts and ends, while it holds the run lock —
 * how the scrobble manager holds watched stops during a sync without the embedding application
 * having to bracket its runs. Listeners are called on the run's thread and should return quickly;
 * one that throws is logged and ignored, never failing the run.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface RunListener {

    /** The run holds the lock and is about to read the first pair. */
    default void runStarted() {
    }

    /** The run is over, its baselines committed; the lock is released right after. */
    default void runEnded() {
    }
}
