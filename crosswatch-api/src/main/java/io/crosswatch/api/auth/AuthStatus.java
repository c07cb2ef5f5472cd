package io.crosswatch.api.auth;

import io.crosswatch.api.Api;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an account is connected, as whom, and until when.
 *
 * @param state     the connection state
 * @param account   the account name or id shown to the user, may be {@code null}
 * @param expiresAt when the access token expires, may be {@code null}
 * @param message   a human explanation (why not connected, what to do), may be {@code null}
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record AuthStatus(State state, String account, Instant expiresAt, String message) {

    /** Connection states. */
    public enum State {
        /** Credentials are present and (where checked) valid. */
        CONNECTED,
        /** Nothing configured yet. */
        NOT_CONNECTED,
        /** Credentials are present but expired or rejected; connect again. */
        EXPIRED,
        /** A started flow waits for the user. */
        PENDING,
        /** The status could not be checked (service unreachable). */
        UNKNOWN
    }

    /** Validates. */
    public AuthStatus {
        java.util.Objects.requireNonNull(state, "state");
    }

    /** @return a connected status */
    public static AuthStatus connected(String account, Instant expiresAt) {
        return new AuthStatus(State.CONNECTED, account, expiresAt, null);
    }

    /** @return a not-connected status with a hint */
    public static AuthStatus notConnected(String message) {
        return new AuthStatus(State.NOT_CONNECTED, null, null, message);
    }

    /** @return whether the account is usable */
    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** @return the account shown to the user */
    public Optional<String> accountName() {
        return Optional.ofNullable(account);
    }

    /** @return when the access token expires */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }
}
