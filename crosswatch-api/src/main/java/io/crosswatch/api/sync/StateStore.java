package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import java.util.Optional;

/**
 * Durable sync state: baselines per (pair, feature, side), and whatever else the engine keeps
 * (tombstones, unresolved items, run reports). Core ships an SQLite implementation; an
 * embedding app may supply its own.
 *
 * <p>Implementations MUST make {@link #commitBaseline} atomic: after a crash the previous
 * baseline is intact or the new one is complete, never a mix.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface StateStore extends AutoCloseable {

    /**
     * @param pair    the pair name
     * @param feature the feature
     * @param side    the side
     * @return the baseline of the last successful run, if any
     */
    Optional<Baseline> baseline(String pair, Feature feature, Side side);

    /**
     * Replaces a baseline atomically.
     *
     * @param pair     the pair name
     * @param feature  the feature
     * @param side     the side
     * @param baseline the new baseline
     */
    void commitBaseline(String pair, Feature feature, Side side, Baseline baseline);

    /** Releases the store. */
    @Override
    void close();
}
