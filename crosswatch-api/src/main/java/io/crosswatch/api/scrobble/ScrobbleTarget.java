package io.crosswatch.api.scrobble;

import io.crosswatch.api.Api;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaItem;
import java.util.Optional;

/**
 * Reports playback to a tracker (Trakt's {@code /scrobble/*}, for example). Discovered with
 * {@link java.util.ServiceLoader}; the manager passes the account's context on every call.
 *
 * <p>Contract: the no-arg constructor does no work. A call MUST either return an outcome or
 * throw: {@link io.crosswatch.api.RateLimitedException} or a {@code retryable()} {@link
 * io.crosswatch.api.ProviderException} when the call may succeed later (the manager queues
 * it), any other exception when it never will. {@link #stop} MUST answer {@link
 * ScrobbleOutcome.Status#ALREADY_WATCHED} rather than throw when the target says the play was
 * just recorded.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface ScrobbleTarget {

    /** @return a unique name, e.g. {@code trakt} */
    String name();

    /** @return the API version the target was built against */
    default int apiVersion() {
        return ApiVersion.CURRENT;
    }

    /** @return the auth provider whose config block holds the credentials, if not the target's name */
    default Optional<String> authProvider() {
        return Optional.empty();
    }

    /**
     * Playback started or resumed.
     *
     * @param context the account
     * @param item    the item
     * @param percent progress 0–100
     * @return the outcome
     */
    ScrobbleOutcome start(ProviderContext context, MediaItem item, double percent);

    /**
     * Playback paused (or stopped below the watched threshold).
     *
     * @param context the account
     * @param item    the item
     * @param percent progress 0–100
     * @return the outcome
     */
    ScrobbleOutcome pause(ProviderContext context, MediaItem item, double percent);

    /**
     * Playback stopped at or past the watched threshold: records a watched play.
     *
     * @param context the account
     * @param item    the item
     * @param percent progress 0–100
     * @return the outcome
     */
    ScrobbleOutcome stop(ProviderContext context, MediaItem item, double percent);

    /**
     * Records a past play at the item's {@link MediaItem#watchedAt()} (a stop that could not be
     * delivered in time). Targets whose stop stamps "now" SHOULD override this with a dated history
     * write (Trakt's {@code POST /sync/history}), or the late play lands at the wrong time and a
     * later sync cannot recognise it. The default calls {@link #stop} at 100 %.
     *
     * @param context the account
     * @param item    the item, with the play's time
     * @return the outcome; {@link ScrobbleOutcome.Status#WATCHED} when recorded
     */
    default ScrobbleOutcome recordPlay(ProviderContext context, MediaItem item) {
        return stop(context, item, 100);
    }
}
