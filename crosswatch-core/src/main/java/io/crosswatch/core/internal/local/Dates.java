package io.crosswatch.core.internal.local;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Lenient date parsing for imported files: instants, offsets, local date-times and dates (UTC). */
public final class Dates {

    private static final Pattern OFFSET = Pattern.compile(".*[+-]\\d{2}:?\\d{2}$");
    private static final Pattern COMPACT_OFFSET = Pattern.compile(".*[+-]\\d{4}$");

    private Dates() {
    }

    /**
     * @param text {@code 2024-03-01T20:15:00Z}, {@code 2024-03-01T20:15:00+01:00},
     *             {@code 2024-03-01 20:15:00} (UTC) or {@code 2024-03-01} (UTC midnight)
     * @return the instant
     * @throws IllegalArgumentException saying what was expected
     */
    public static Instant parse(String text) {
        String s = text.trim();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            String t = s.replace(' ', 'T');
            if (t.endsWith("Z")) {
                // the common stored form: parse it as it is, without a copy
                return Instant.parse(t);
            }
            if (t.endsWith("z")) {
                return Instant.parse(t.substring(0, t.length() - 1) + "Z");
            }
            if (OFFSET.matcher(t).matches() && t.indexOf('T') > 0) {
                String fixed = COMPACT_OFFSET.matcher(t).matches()
                        ? t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2) : t;
                return OffsetDateTime.parse(fixed).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (expected YYYY-MM-DD or an ISO-8601 time)");
        }
    }

    /** @return the UTC date part, {@code YYYY-MM-DD} */
    public static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
