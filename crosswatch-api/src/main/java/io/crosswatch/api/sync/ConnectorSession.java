package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import java.util.List;
import java.util.Optional;

/**
 * A connector opened for one run: reads and writes per feature. Core only asks for the
 * features the connector's manifest declares, and closes the session when the pair is done.
 *
 * <p>Items are matched across services by their external ids ({@link MediaItem#ids()}: imdb,
 * tmdb, tvdb …), never by title, so a read SHOULD fill in every id the service knows, and an
 * item with none belongs in {@link ReadResult#unresolved()} rather than in the items. Convert
 * ratings to the SDK's 1–10 scale both ways. Keep what only this service needs to write an
 * item back (its own entry id, a rating key) in {@link MediaItem#attributes()}; core carries
 * attributes through untouched.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public interface ConnectorSession extends AutoCloseable {

    /**
     * Reads a feature's inventory (or, for {@link IndexSemantics#DELTA}, the changes since
     * {@link ReadRequest#checkpoint()}).
     *
     * <p>Return {@link ReadResult#complete} only when the whole inventory was seen: absence
     * from a complete read of a {@link IndexSemantics#FULL} feature counts as a deletion. When a
     * page or the whole call fails, return {@link ReadResult#partial} or {@link
     * ReadResult#failed} with the reason, or throw a typed exception; when the context's
     * cancellation token is cancelled, throw {@link io.crosswatch.api.CancelledException}
     * (its {@code throwIfCancelled()} does) or return a result that is not complete.
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
     * the declared {@link ConnectorCapabilities#batchSize(Feature)}; they usually come from the
     * other side of a pair, so find them on this service by their external ids.
     *
     * <p>Answer one {@link WriteResult.ItemOutcome} per item: {@code ADDED} or {@code UPDATED}
     * when written, {@code EXISTING} when already there (adding twice MUST NOT duplicate),
     * {@code UNSUPPORTED} for a media type the capabilities leave out, {@code FAILED} with a
     * reason otherwise. A failure of the whole call may instead be thrown as a typed exception.
     *
     * @param feature the feature
     * @param items   what to add
     * @param dryRun  when {@code true}, MUST NOT change the service (report what would happen)
     * @return one outcome per item
     */
    WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun);

    /**
     * Removes items. The engine passes items as this session read them, attributes intact, so
     * a service-local id in {@link MediaItem#attributes()} can be used directly; an item
     * without it (the testkit sends such items) SHOULD be looked up by its external ids.
     * Answer {@code REMOVED}, {@code NOT_FOUND} when the service does not hold it, or {@code
     * FAILED} with a reason, one outcome per item.
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
