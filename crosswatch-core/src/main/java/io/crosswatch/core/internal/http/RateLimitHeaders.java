package io.crosswatch.core.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the "budget exhausted until" signal services send on ordinary responses:
 * {@code X-RateLimit-Remaining} with {@code X-RateLimit-Reset} (AniList, many others) and
 * Trakt's JSON header {@code X-Ratelimit: {"remaining":0,"until":"…Z",…}}.
 */
public final class RateLimitHeaders {

    /** Values of a reset header above this are Unix epoch seconds; below, seconds from now. */
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private RateLimitHeaders() {
    }

    /**
     * @param header a lookup of response headers by (case-insensitive) name
     * @param now    the current time
     * @param mapper to read Trakt's JSON header
     * @return when the budget comes back, if the response says it is exhausted
     */
    public static Optional<Instant> exhaustedUntil(Function<String, String> header, Instant now, ObjectMapper mapper) {
        String trakt = header.apply("X-Ratelimit");
        if (trakt != null && trakt.trim().startsWith("{")) {
            try {
                JsonNode node = mapper.readTree(trakt);
                if (node.path("remaining").isNumber() && node.path("remaining").asLong() <= 0
                        && node.path("until").isTextual()) {
                    return Optional.of(Instant.parse(node.path("until").asText()));
                }
            } catch (java.io.IOException | DateTimeParseException e) {
                // A malformed debug header must not fail the call; the 429 path still protects us.
            }
        }
        String remaining = header.apply("X-RateLimit-Remaining");
        String reset = header.apply("X-RateLimit-Reset");
        if (remaining == null || reset == null) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(remaining.trim()) > 0) {
                return Optional.empty();
            }
            return resetInstant(reset, now);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * @param reset the value of an {@code X-RateLimit-Reset} header
     * @param now   the current time
     * @return the instant the budget resets
     */
    public static Optional<Instant> resetInstant(String reset, Instant now) {
        if (reset == null) {
            return Optional.empty();
        }
        String v = reset.trim();
        try {
            long n = Long.parseLong(v);
            return Optional.of(n >= EPOCH_THRESHOLD ? Instant.ofEpochSecond(n) : now.plusSeconds(Math.max(0, n)));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(Instant.parse(v));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }
}
