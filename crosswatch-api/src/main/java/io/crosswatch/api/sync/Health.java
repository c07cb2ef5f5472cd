package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether a service answers.
 *
 * @param state   up, degraded, down or unknown
 * @param latency how long the probe took, {@link Duration#ZERO} when not measured
 * @param message a human detail, may be {@code null}
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record Health(State state, Duration latency, String message) {

    /** Health states. */
    public enum State {
        /** Answers normally. */
        UP,
        /** Answers slowly or with errors. */
        DEGRADED,
        /** Does not answer. */
        DOWN,
        /** Not probed. */
        UNKNOWN
    }

    /** Validates. */
    public Health {
        Objects.requireNonNull(state, "state");
        latency = latency == null ? Duration.ZERO : latency;
    }

    /** @return an unknown health */
    public static Health unknown() {
        return new Health(State.UNKNOWN, Duration.ZERO, null);
    }

    /** @return an up health */
    public static Health up(Duration latency) {
        return new Health(State.UP, latency, null);
    }
}
