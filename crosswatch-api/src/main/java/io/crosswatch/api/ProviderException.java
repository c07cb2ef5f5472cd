package io.crosswatch.api;

import java.util.OptionalInt;

/**
 * A remote service or provider failed. {@link #retryable()} tells callers whether repeating
 * the same call later can succeed (a 503, a timeout) or not (a 404, an account limit).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public class ProviderException extends CrossWatchException {

    private static final long serialVersionUID = 1L;

    private final String provider;
    private final int httpStatus;
    private final boolean retryable;

    /**
     * @param provider   the provider name
     * @param httpStatus the HTTP status, or {@code 0} when there was no response
     * @param retryable  whether the same call may succeed later
     * @param message    what failed; must not contain secrets
     * @param cause      the underlying failure, may be {@code null}
     */
    public ProviderException(String provider, int httpStatus, boolean retryable, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /**
     * @param provider  the provider name
     * @param retryable whether the same call may succeed later
     * @param message   what failed; must not contain secrets
     */
    public ProviderException(String provider, boolean retryable, String message) {
        this(provider, 0, retryable, message, null);
    }

    /** @return the provider at fault */
    public String provider() {
        return provider;
    }

    /** @return the HTTP status of the failed response, if there was one */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** @return whether the same call may succeed if repeated later */
    public boolean retryable() {
        return retryable;
    }
}
