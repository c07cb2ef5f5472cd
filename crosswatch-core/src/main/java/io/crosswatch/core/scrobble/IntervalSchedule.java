package io.crosswatch.core.scrobble;

import io.crosswatch.api.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs at start, then {@code every} after each run (measured from when the run ended, so a long
 * run never makes runs pile up).
 *
 * @param every the interval, positive
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record IntervalSchedule(Duration every) implements Schedule {

    /** Validates. */
    public IntervalSchedule {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("must be a positive duration such as PT30M, got " + every);
        }
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return Optional.of(after.plus(every));
    }

    @Override
    public Optional<Instant> first(Instant start) {
        return Optional.of(start);
    }

    @Override
    public String toString() {
        return every.toString();
    }
}
