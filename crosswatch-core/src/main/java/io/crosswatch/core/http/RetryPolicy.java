package io.crosswatch.core.http;

import io.crosswatch.api.Api;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a request is repeated after a connection failure, a timeout,
 * a {@code 5xx}/Cloudflare {@code 520–524} (idempotent requests only) or a {@code 429} (any
 * request: the service did not process it).
 *
 * @param maxAttempts   attempts in total, first included (1 = no retry)
 * @param baseDelay     the first backoff cap; each retry doubles it (full jitter)
 * @param maxDelay      the largest backoff cap
 * @param maxRetryAfter the longest {@code Retry-After} honoured by waiting; a longer one
 *                      fails at once with {@link io.crosswatch.api.RateLimitedException}
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** @throws IllegalArgumentException on non-positive values */
    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("invalid retry policy: " + maxAttempts + " attempts, base " + baseDelay
                    + ", max " + maxDelay);
        }
    }

    /** @return 5 attempts, backoff caps 1 s doubling to 30 s, Retry-After honoured up to 15 min */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    /** @return a single attempt */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);
    }

    /** @return a copy with {@code attempts} attempts in total */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, maxRetryAfter);
    }
}
