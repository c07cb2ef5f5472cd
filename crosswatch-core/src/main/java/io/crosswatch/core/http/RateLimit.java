package io.crosswatch.core.http;

import io.crosswatch.api.Api;

import java.time.Duration;
import java.util.Objects;

/**
 * A published limit: at most {@code permits} requests in any {@code window}.
 *
 * @param permits how many requests
 * @param window  in how long
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record RateLimit(int permits, Duration window) {

    /** @throws IllegalArgumentException when not positive */
    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one permit in a positive window");
        }
    }

    /**
     * @param permits requests
     * @param window  per window
     * @return the limit
     */
    public static RateLimit of(int permits, Duration window) {
        return new RateLimit(permits, window);
    }

    /** @return at most {@code permits} requests per second */
    public static RateLimit perSecond(int permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }

    /** @return at most {@code permits} requests per minute */
    public static RateLimit perMinute(int permits) {
        return new RateLimit(permits, Duration.ofMinutes(1));
    }
}
