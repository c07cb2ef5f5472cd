package io.crosswatch.api.scrobble;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One playback event from a media server, normalized.
 *
 * @param kind       what happened
 * @param item       the item played, with the ids the server knows
 * @param progress   how far playback is, in percent 0–100
 * @param position   the playback position
 * @param occurredAt when the event happened (the receive time when the server does not say)
 * @param source     the {@link ScrobbleSource#name()} that produced the event
 * @param user       the server's user name or id, {@code null} when the server does not say
 * @param server     the server's name or id, {@code null} when not known
 * @param library    the library (section) name or id, {@code null} when not known
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record ScrobbleEvent(Kind kind, MediaItem item, double progress, Duration position, Instant occurredAt,
                            String source, String user, String server, String library) {

    /** What a playback event says. */
    public enum Kind {
        /** Playback started. */
        PLAY,
        /** Playback paused. */
        PAUSE,
        /** Playback resumed after a pause. */
        RESUME,
        /** Playback stopped (or the server declared the item played). */
        STOP,
        /** A periodic position report during playback. */
        PROGRESS
    }

    /** Validates and clamps {@code progress} to 0–100. */
    public ScrobbleEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        if (Double.isNaN(progress)) {
            throw new IllegalArgumentException("progress is not a number");
        }
        progress = Math.max(0, Math.min(100, progress));
        position = position == null ? Duration.ZERO : position;
    }

    /** @return the user, if the server named one */
    public Optional<String> userName() {
        return Optional.ofNullable(user);
    }

    /** @return the server, if known */
    public Optional<String> serverName() {
        return Optional.ofNullable(server);
    }

    /** @return the library, if known */
    public Optional<String> libraryName() {
        return Optional.ofNullable(library);
    }
}
