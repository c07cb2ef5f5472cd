package io.crosswatch.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The service refused a call because of its rate limit and retries were exhausted (or the
 * advertised wait exceeds the run's deadline).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public class RateLimitedException extends ProviderException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param provider   the provider name
     * @param retryAfter how long the service asked us to wait, may be {@code null}
     * @param message    what was refused
     */
    public RateLimitedException(String provider, Duration retryAfter, String message) {
        super(provider, 429, true, message, null);
        this.retryAfter = retryAfter;
    }

    /** @return how long the service asked callers to wait, when it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
