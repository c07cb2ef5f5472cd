package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Lenient readers for Plex JSON: numbers may arrive as strings, and unset user state
 * ({@code viewCount}, {@code userRating}, …) is omitted rather than zero.
 */
final class PlexJson {

    private PlexJson() {
    }

    /** @return the number, or {@code fallback} when absent or not a number */
    static long longOf(JsonNode node, long fallback) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        try {
            return (long) Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** @return the number, or {@code fallback} when absent or not a number */
    static double doubleOf(JsonNode node, double fallback) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** @return the whole number, or {@code null} when absent */
    static Integer intOrNull(JsonNode node) {
        long v = longOf(node, Long.MIN_VALUE);
        return v == Long.MIN_VALUE ? null : (int) v;
    }

    /** @return the epoch-seconds instant, or {@code null} when absent or zero */
    static Instant epochSeconds(JsonNode node) {
        long v = longOf(node, 0);
        return v <= 0 ? null : Instant.ofEpochSecond(v);
    }

    /** @return the text, or {@code null} when absent or blank */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }
}
