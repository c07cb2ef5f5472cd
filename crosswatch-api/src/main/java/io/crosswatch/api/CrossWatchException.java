package io.crosswatch.api;

/**
 * The root of every error CrossWatch throws.
 *
 * <p>Messages say what failed and what to do about it, and never contain a secret: callers
 * may log them and show them to users as they are.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public class CrossWatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what to do; must not contain secrets
     */
    public CrossWatchException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what to do; must not contain secrets
     * @param cause   the underlying failure
     */
    public CrossWatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
