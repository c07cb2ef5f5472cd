package io.crosswatch.api.scrobble;

import io.crosswatch.api.Api;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ScrobbleTarget} did with one call. Failures are not outcomes: they are thrown
 * ({@link io.crosswatch.api.ProviderException} with {@code retryable()}, {@link
 * io.crosswatch.api.RateLimitedException}, {@link io.crosswatch.api.AuthException}).
 *
 * @param status     the result
 * @param watchedAt  the play's time on the target, when the target reported one
 * @param message    a short note for logs, {@code null} for none
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record ScrobbleOutcome(Status status, Instant watchedAt, String message) {

    /** The result of a call. */
    public enum Status {
        /** Playback state accepted (start, pause, or a stop below the target's own threshold). */
        ACCEPTED,
        /** The stop recorded a watched play. */
        WATCHED,
        /** The target already had this play (Trakt's 409); counts as recorded. */
        ALREADY_WATCHED,
        /** The target ignored the call (too little progress, unknown item). */
        IGNORED
    }

    /** Validates. */
    public ScrobbleOutcome {
        Objects.requireNonNull(status, "status");
    }

    /** @return an outcome with no details */
    public static ScrobbleOutcome of(Status status) {
        return new ScrobbleOutcome(status, null, null);
    }

    /** @return whether the target now holds a watched play for the item */
    public boolean recordedPlay() {
        return status == Status.WATCHED || status == Status.ALREADY_WATCHED;
    }

    /** @return the target's time for the play */
    public Optional<Instant> watchedAtTime() {
        return Optional.ofNullable(watchedAt);
    }
}
