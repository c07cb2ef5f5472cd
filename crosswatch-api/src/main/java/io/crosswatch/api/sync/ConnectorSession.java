package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import java.util.List;
import java.util.Optional;

/**
 * A connector opened for one run: reads and writes per feature.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public interface ConnectorSession extends AutoCloseable {

    /**
     * Reads a feature's inventory (or, for {@link IndexSemantics#DELTA}, the changes since
     * {@link ReadRequest#checkpoint()}).
     *
     * @param request what to read
     * @return the items and how complete the read was
     */
    ReadResult read(ReadRequest request);

    /**
     * @param feature what to read
     * @return the whole inventory of the feature
     */
    default ReadResult read(Feature feature) {
        return read(ReadRequest.full(feature));
    }

    /**
     * Adds (or updates: a rating, a resume point) items. Items arrive in batches no larger than
     * the declared {@link ConnectorCapabilities#batchSize(Feature)}.
     *
     * @param feature the feature
     * @param items   what to add
     * @param dryRun  when {@code true}, MUST NOT change the service (report what would happen)
     * @return one outcome per item
     */
    WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun);

    /**
     * Removes items.
     *
     * @param feature the feature
     * @param items   what to remove, as read from this service (attributes intact)
     * @param dryRun  when {@code true}, MUST NOT change the service
     * @return one outcome per item
     */
    WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun);

    /**
     * A cheap probe of what changed (Trakt's {@code /sync/last_activities}). When a feature's
     * token equals the one stored after the last successful run, the engine reuses its
     * baseline instead of reading.
     *
     * @return the activity tokens, or empty when the service has no such probe
     */
    default Optional<Activities> activities() {
        return Optional.empty();
    }

    /**
     * The rating precision of this account when it differs from the manifest's declared {@link
     * ConnectorCapabilities#ratingScale()}: some services let each user pick a format (AniList:
     * 100-point, 10-point, 5 stars or 3 smileys), which a constant manifest cannot say. The
     * engine SHOULD compare ratings of a pair at this scale when present.
     *
     * @return the account's scale, or empty when the manifest's holds
     * @since 0.1
     */
    default Optional<RatingScale> ratingScale() {
        return Optional.empty();
    }

    /** @return whether the service answers */
    default Health health() {
        return Health.unknown();
    }

    /** Releases what the session holds. Never throws. */
    @Override
    default void close() {
    }
}
