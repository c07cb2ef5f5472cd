package io.crosswatch.api.media;

import io.crosswatch.api.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A resume point: how far into an item the user got, and when.
 *
 * @param position  how far in; not negative
 * @param duration  the item's runtime, {@link Duration#ZERO} when unknown
 * @param updatedAt when the position was recorded
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record Playback(Duration position, Duration duration, Instant updatedAt) {

    /** Validates. */
    public Playback {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (position.isNegative() || duration.isNegative()) {
            throw new IllegalArgumentException("playback position and duration must not be negative");
        }
    }

    /** @return the share watched in percent (0–100), or -1 when the duration is unknown */
    public double percent() {
        if (duration.isZero()) {
            return -1;
        }
        // in seconds with their fraction: a duration under a millisecond would divide by zero in millis
        return Math.min(100.0, seconds(position) * 100.0 / seconds(duration));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /**
     * @param percent   share watched, 0–100
     * @param duration  the runtime; must be known
     * @param updatedAt when
     * @return the resume point at that share
     */
    public static Playback ofPercent(double percent, Duration duration, Instant updatedAt) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("progress percent must be 0–100, got " + percent);
        }
        return new Playback(Duration.ofMillis((long) (duration.toMillis() * percent / 100.0)), duration, updatedAt);
    }
}
