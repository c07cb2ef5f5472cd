package io.crosswatch.testkit;

import io.crosswatch.api.Api;

/**
 * The ways a backend fails in the contracts' verbose-logging secret rules. A test's
 * {@code failBackend(BackendFailure)} hook makes its fake answer every request this way.
 *
 * <p>For the HTTP failures the answer's body should <em>echo the request</em> — its URL, its
 * credential headers and its body — inside ordinary, non-secret JSON fields such as
 * {@code "message"}, the way real servers quote what they refused
 * ({@code "invalid token abc123"}). A provider passes when none of what it sent comes back out
 * through a log line, an exception or a {@code toString}: redacting by key names alone does not
 * catch this, the toolkit also scrubs by value what the request carried.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public enum BackendFailure {

    /** {@code 401 Unauthorized}, the request echoed in the body. */
    UNAUTHORIZED(401),
    /** {@code 400 Bad Request} (OAuth's {@code invalid_grant}), the request echoed in the body. */
    BAD_REQUEST(400),
    /** {@code 503 Service Unavailable}, the request echoed in the body; retried, then failed. */
    SERVER_ERROR(503),
    /** {@code 429 Too Many Requests} with {@code Retry-After: 1}, the request echoed in the body. */
    RATE_LIMITED(429),
    /** The connection is reset by the peer before any answer. */
    CONNECTION_RESET(0);

    private final int status;

    BackendFailure(int status) {
        this.status = status;
    }

    /** @return the HTTP status to answer with, or {@code 0} for {@link #CONNECTION_RESET} */
    public int status() {
        return status;
    }

    /** @return whether the failure is an HTTP answer (with an echoing body) rather than a dropped connection */
    public boolean isHttpAnswer() {
        return status != 0;
    }
}
