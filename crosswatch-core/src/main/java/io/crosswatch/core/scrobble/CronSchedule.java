package io.crosswatch.core.scrobble;

import io.crosswatch.api.Api;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A standard 5-field cron expression — minute, hour, day of month, month, day of week — read in
 * a time zone.
 *
 * <p>Each field takes {@code *}, numbers, lists ({@code 1,15}), ranges ({@code 9-17}) and steps
 * ({@code *}{@code /15}, {@code 9-17/2}, {@code 5/10} meaning 5 to the end in steps of 10); months
 * and days of week also take names ({@code JAN}, {@code MON}; day of week 0 and 7 are Sunday). The
 * shortcuts {@code @yearly}/{@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}/{@code @midnight} and {@code @hourly} stand for their usual expressions. As in Vixie cron, when both
 * day fields are restricted (neither starts with {@code *}) a day matches if either does;
 * otherwise both must.
 *
 * <p>Daylight saving: a time the clock skips (02:30 on the spring-forward night in Europe) runs
 * at the first instant after the gap, once however many skipped times map there; a time the
 * clock repeats (the fall-back hour) runs once, at its first occurrence. An expression that can
 * never fire (the 30th of February) is refused when parsed; {@link #next} searches a bounded
 * horizon and answers empty rather than looping.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class CronSchedule implements Schedule {

    /** Longer than any gap between two firings of a valid expression (Feb 29 skips 2100: 8 years). */
    private static final int SEARCH_YEARS = 30;
    private static final Map<String, String> SHORTCUTS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTH_NAMES = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String expression;
    private final ZoneId zone;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    /** Vixie cron's rule: a day field starting with {@code *} makes the two day fields AND, not OR. */
    private final boolean eitherDay;

    private CronSchedule(String expression, ZoneId zone, BitSet[] fields, boolean eitherDay) {
        this.expression = expression;
        this.zone = zone;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.days = fields[2];
        this.months = fields[3];
        this.weekdays = fields[4];
        this.eitherDay = eitherDay;
    }

    /**
     * @param expression five fields or a shortcut such as {@code @daily}
     * @param zone       the zone its times are read in
     * @return the schedule
     * @throws IllegalArgumentException naming the field and the problem, e.g. {@code minute 61 is out of range 0-59}
     */
    public static CronSchedule parse(String expression, ZoneId zone) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        String text = expression.trim();
        if (text.startsWith("@")) {
            String expanded = SHORTCUTS.get(text.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new IllegalArgumentException("unknown shortcut " + text + "; use @yearly, @monthly, @weekly, @daily or @hourly"
                        + (text.equalsIgnoreCase("@reboot") ? " (an interval such as PT1H runs at start)" : ""));
            }
            text = expanded;
        }
        String[] f = text.split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week), got " + f.length);
        }
        BitSet[] fields = {
            field(f[0], "minute", 0, 59, null),
            field(f[1], "hour", 0, 23, null),
            field(f[2], "day-of-month", 1, 31, null),
            field(f[3], "month", 1, 12, MONTH_NAMES),
            field(f[4], "day-of-week", 0, 7, DAY_NAMES)
        };
        if (fields[4].get(7)) { // 7 is Sunday too
            fields[4].clear(7);
            fields[4].set(0);
        }
        boolean domStar = f[2].startsWith("*");
        boolean dowStar = f[4].startsWith("*");
        if (dowStar) {
            requireSomeDayExists(fields[2], fields[3]);
        }
        return new CronSchedule(expression.trim(), zone, fields, !domStar && !dowStar);
    }

    /** With the day of week unrestricted, some selected day of month must exist in some selected month. */
    private static void requireSomeDayExists(BitSet days, BitSet months) {
        for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
            int longest = Month.of(m).maxLength(); // February: 29, in leap years
            if (days.nextSetBit(1) <= longest) {
                return;
            }
        }
        List<String> names = new ArrayList<>();
        for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
            names.add(Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        throw new IllegalArgumentException("day-of-month " + days.nextSetBit(1) + " never occurs in " + String.join(", ", names)
                + ", so the schedule would never run");
    }

    private static BitSet field(String text, String name, int min, int max, List<String> names) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException(name + " '" + text + "' has an empty list entry");
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name + " step", name);
                if (step <= 0) {
                    throw new IllegalArgumentException(name + " step in '" + part + "' must be positive");
                }
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max == 7 ? 6 : max;
            } else {
                int dash = range.indexOf('-', 1);
                if (dash > 0) {
                    lo = value(range.substring(0, dash), name, min, max, names);
                    hi = value(range.substring(dash + 1), name, min, max, names);
                    if (lo > hi) {
                        throw new IllegalArgumentException(name + " range " + range + " runs backwards");
                    }
                } else {
                    lo = value(range, name, min, max, names);
                    hi = slash >= 0 ? max : lo;
                }
            }
            for (int v = lo; v <= hi; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int value(String token, String name, int min, int max, List<String> names) {
        if (names != null) {
            int i = names.indexOf(token.toUpperCase(Locale.ROOT));
            if (i >= 0) {
                return i + min;
            }
        }
        int v = number(token, name, name);
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " " + v + " is out of range " + min + "-" + max);
        }
        return v;
    }

    private static int number(String token, String what, String field) {
        if (token.isEmpty() || !token.chars().allMatch(Character::isDigit) || token.length() > 9) {
            throw new IllegalArgumentException(what + " '" + token + "' is not a number" + (field.equals("month")
                    ? " or a month name (JAN-DEC)" : field.equals("day-of-week") ? " or a day name (SUN-SAT)" : ""));
        }
        return Integer.parseInt(token);
    }

    @Override
    public Optional<Instant> next(Instant after) {
        LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        LocalDate limit = day.plusYears(SEARCH_YEARS);
        boolean firstDay = true;
        while (!day.isAfter(limit)) {
            if (!months.get(day.getMonthValue())) {
                day = day.withDayOfMonth(1).plusMonths(1);
                firstDay = false;
                continue;
            }
            if (dayMatches(day)) {
                int fromHour = firstDay ? start.getHour() : 0;
                for (int h = hours.nextSetBit(fromHour); h >= 0; h = hours.nextSetBit(h + 1)) {
                    int fromMinute = firstDay && h == start.getHour() ? start.getMinute() : 0;
                    for (int m = minutes.nextSetBit(fromMinute); m >= 0; m = minutes.nextSetBit(m + 1)) {
                        Instant at = instant(LocalDateTime.of(day, LocalTime.of(h, m)));
                        if (at.isAfter(after)) { // a repeated hour's second pass maps to its first: already past
                            return Optional.of(at);
                        }
                    }
                }
            }
            day = day.plusDays(1);
            firstDay = false;
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        boolean dom = days.get(day.getDayOfMonth());
        boolean dow = weekdays.get(day.getDayOfWeek().getValue() % 7);
        return eitherDay ? dom || dow : dom && dow;
    }

    /** A skipped local time is the first instant after the gap; a repeated one its first occurrence. */
    private Instant instant(LocalDateTime local) {
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            return zone.getRules().getTransition(local).getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    /** @return the expression as written */
    public String expression() {
        return expression;
    }

    /** @return the zone its times are read in */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule c && c.expression.equals(expression) && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, zone);
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
