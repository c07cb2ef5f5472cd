package io.crosswatch.core.internal.config;

import io.crosswatch.api.ConfigException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Reads a duration the way every setting in core spells it: an ISO-8601 duration such as
 * {@code PT30M}, {@code P7D} or {@code pt1h30m} (letters in either case, surrounding blanks
 * ignored), within a {@link Bound}. The rules are those of {@code ProviderConfig.duration} in the
 * api, which cannot use this class (the api does not depend on core); keep the two in step.
 *
 * <p>Errors say what was wrong and quote the value: {@code scrobble.retryBase: must be a positive
 * duration in ISO-8601 such as PT30M, got '30s'}.
 */
public final class Durations {

    /** Which durations a setting admits. */
    public enum Bound {
        /** Longer than zero: intervals, windows, backoffs. */
        POSITIVE("a positive"),
        /** Zero or longer: thresholds and lifetimes where zero means "none". */
        NON_NEGATIVE("a non-negative");

        private final String adjective;

        Bound(String adjective) {
            this.adjective = adjective;
        }

        boolean admits(Duration d) {
            return !d.isNegative() && (this == NON_NEGATIVE || !d.isZero());
        }
    }

    private Durations() {
    }

    /**
     * @param text  the value
     * @param bound which durations are admitted
     * @return the duration
     * @throws IllegalArgumentException saying what is expected and quoting {@code text}, for
     *                                  callers that add where the value came from
     */
    public static Duration parse(String text, Bound bound) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(bound, "bound");
        try {
            Duration d = Duration.parse(text.trim());
            if (bound.admits(d)) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below, with the same words as a duration out of bounds
        }
        throw new IllegalArgumentException("must be " + bound.adjective
                + " duration in ISO-8601 such as PT30M, got '" + text + "'");
    }

    /**
     * @param path  where the value is set, such as {@code scrobble.retryBase}
     * @param text  the value
     * @param bound which durations are admitted
     * @return the duration
     * @throws ConfigException at {@code path}, saying what is expected and quoting {@code text}
     */
    public static Duration parse(String path, String text, Bound bound) {
        try {
            return parse(text, bound);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }
}
