package io.crosswatch.api.auth;

import io.crosswatch.api.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuthProvider#start} returns: what to show the user (a code, a URL) and how to
 * continue ({@link AuthProvider#finish} with {@link #state()} as payload).
 *
 * @param userCode        the code the user enters, may be {@code null} (PIN links carry it)
 * @param verificationUrl where the user goes, may be {@code null} for password flows
 * @param expiresAt       when the code stops working
 * @param pollInterval    how often {@code finish} may poll
 * @param state           opaque values {@code finish} needs back (device code, PIN id); may hold secrets
 * @param instructions    one line for the user
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record AuthStep(String userCode, String verificationUrl, Instant expiresAt, Duration pollInterval,
                       Map<String, String> state, String instructions) {

    /** Validates and copies. */
    public AuthStep {
        Objects.requireNonNull(expiresAt, "expiresAt");
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive");
        }
        state = state == null ? Map.of() : Map.copyOf(state);
    }

    /** @return the code to show */
    public Optional<String> code() {
        return Optional.ofNullable(userCode);
    }

    /** @return the URL to open */
    public Optional<String> url() {
        return Optional.ofNullable(verificationUrl);
    }

    /** Redacts {@link #state()}, which may hold a device code. */
    @Override
    public String toString() {
        return "AuthStep[userCode=" + userCode + ", url=" + verificationUrl + ", expiresAt=" + expiresAt
                + ", interval=" + pollInterval + ", state=" + state.keySet() + "]";
    }
}
