package io.crosswatch.api;

/**
 * Authentication failed or is needed: no token, an expired or revoked token, a denied device
 * code. The message tells the user what to do, typically to connect the provider again.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public class AuthException extends CrossWatchException {

    private static final long serialVersionUID = 1L;

    private final String provider;

    /**
     * @param provider the provider name
     * @param message  what failed and what to do
     */
    public AuthException(String provider, String message) {
        super(provider + ": " + message);
        this.provider = provider;
    }

    /**
     * @param provider the provider name
     * @param message  what failed and what to do
     * @param cause    the underlying failure
     */
    public AuthException(String provider, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
    }

    /** @return the provider whose authentication failed */
    public String provider() {
        return provider;
    }
}
