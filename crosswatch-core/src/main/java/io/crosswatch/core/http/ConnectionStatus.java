package io.crosswatch.core.http;

import io.crosswatch.api.Api;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a {@link ReconnectingWebSocket}, for health reports. Carries no URL or header:
 * nothing in it can hold a secret ({@code lastError} is scrubbed before it is stored).
 *
 * @param state       where the connection is
 * @param since       when it entered that state
 * @param nextAttempt when the next connection attempt is due, {@code null} unless waiting to reconnect
 * @param failures    failed attempts since the last healthy connection
 * @param lastError   why the last attempt or connection ended, {@code null} for none
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record ConnectionStatus(State state, Instant since, Instant nextAttempt, int failures, String lastError) {

    /** Where a live connection is. */
    public enum State {
        /** Not started yet, or an attempt is under way. */
        CONNECTING,
        /** Open and receiving. */
        CONNECTED,
        /** Lost or refused; waiting for {@code nextAttempt}. */
        RECONNECTING,
        /** The server refused the credentials (401/403 on the upgrade); retried slowly at {@code nextAttempt}. */
        AUTH_FAILED,
        /** Closed for good. */
        CLOSED
    }

    /** Validates. */
    public ConnectionStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    /** @return when the next attempt is due, if waiting for one */
    public Optional<Instant> nextAttemptAt() {
        return Optional.ofNullable(nextAttempt);
    }
}
