package io.crosswatch.core.scrobble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Cron expressions: fields, shortcuts, the day-field OR rule, leap days and DST in two zones. */
class CronScheduleTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    static final ZoneId NYC = ZoneId.of("America/New_York");

    static Arguments next(ZoneId zone, String expression, String after, String expected, String why) {
        return Arguments.of(zone, expression, after, expected, why);
    }

    static Stream<Arguments> nextRuns() {
        return Stream.of(
                next(UTC, "*/15 * * * *", "2026-01-01T10:07:00Z", "2026-01-01T10:15:00Z", "step"),
                next(UTC, "*/15 * * * *", "2026-01-01T10:15:00Z", "2026-01-01T10:30:00Z", "strictly after"),
                next(UTC, "*/15 * * * *", "2026-01-01T10:14:59.500Z", "2026-01-01T10:15:00Z", "seconds are ignored"),
                next(UTC, "0 9-17/2 * * MON-FRI", "2026-01-03T12:00:00Z", "2026-01-05T09:00:00Z", "ranges with steps, day names"),
                next(UTC, "0 9-17/2 * * mon-fri", "2026-01-05T09:00:00Z", "2026-01-05T11:00:00Z", "names in any case"),
                next(UTC, "30 8 1,15 * *", "2026-01-15T08:30:00Z", "2026-02-01T08:30:00Z", "lists"),
                next(UTC, "0 0 * JAN,JUL *", "2026-02-01T00:00:00Z", "2026-07-01T00:00:00Z", "month names"),
                next(UTC, "5/20 * * * *", "2026-01-01T10:26:00Z", "2026-01-01T10:45:00Z", "a start with a step"),
                next(UTC, "@hourly", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", "@hourly"),
                next(UTC, "@daily", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "@daily"),
                next(UTC, "@midnight", "2026-01-01T23:59:00Z", "2026-01-02T00:00:00Z", "@midnight"),
                next(UTC, "@weekly", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z", "@weekly: Sunday"),
                next(UTC, "@monthly", "2026-01-31T12:00:00Z", "2026-02-01T00:00:00Z", "@monthly"),
                next(UTC, "@yearly", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "@yearly"),
                next(UTC, "@annually", "2026-06-01T00:00:00Z", "2027-01-01T00:00:00Z", "@annually"),
                next(UTC, "0 12 * * 7", "2026-01-01T00:00:00Z", "2026-01-04T12:00:00Z", "7 is Sunday"),
                next(UTC, "0 12 * * 0", "2026-01-01T00:00:00Z", "2026-01-04T12:00:00Z", "0 is Sunday"),
                next(UTC, "0 0 13 * FRI", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "both day fields: either matches (Friday)"),
                next(UTC, "0 0 13 * FRI", "2026-01-10T00:00:00Z", "2026-01-13T00:00:00Z", "both day fields: either matches (13th)"),
                next(UTC, "0 0 */2 * MON", "2026-01-01T00:00:00Z", "2026-01-05T00:00:00Z", "a starred day field: both must match"),
                next(UTC, "0 0 */2 * MON", "2026-01-05T00:00:00Z", "2026-01-19T00:00:00Z", "odd Mondays only"),
                next(UTC, "0 0 30 2 MON", "2026-01-01T00:00:00Z", "2026-02-02T00:00:00Z", "Feb 30 or Mondays: the Mondays"),
                next(UTC, "0 0 31 * *", "2026-04-01T00:00:00Z", "2026-05-31T00:00:00Z", "months without a 31st are skipped"),
                next(UTC, "0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z", "leap day"),
                next(UTC, "0 0 29 2 *", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z", "2100 is no leap year"),
                next(UTC, "59 23 31 12 *", "2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z", "year end"),
                // Amsterdam: 2026-03-29 02:00 CET → 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST → 02:00 CET (01:00Z)
                next(AMS, "30 2 * * *", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z", "skipped 02:30 runs when the gap ends"),
                next(AMS, "30 2 * * *", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "then the normal 02:30 CEST"),
                next(AMS, "*/15 * * * *", "2026-03-29T00:50:00Z", "2026-03-29T01:00:00Z", "four skipped quarters run once"),
                next(AMS, "*/15 * * * *", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z", "…and not again"),
                next(AMS, "30 2 * * *", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z", "repeated 02:30: the first pass"),
                next(AMS, "30 2 * * *", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", "repeated 02:30: not the second"),
                next(AMS, "0 * * * *", "2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z", "hourly: the repeated 02:00 runs once"),
                next(AMS, "*/15 * * * *", "2026-10-25T01:10:00Z", "2026-10-25T02:00:00Z", "inside the second pass: wait for 03:00"),
                next(AMS, "0 9 * * *", "2026-06-01T00:00:00Z", "2026-06-01T07:00:00Z", "local time in summer"),
                // New York: 2026-03-08 02:00 EST → 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT → 01:00 EST (06:00Z)
                next(NYC, "30 2 * * *", "2026-03-07T12:00:00Z", "2026-03-08T07:00:00Z", "skipped 02:30 runs when the gap ends"),
                next(NYC, "30 2 * * *", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z", "then 02:30 EDT"),
                next(NYC, "30 1 * * *", "2026-10-31T12:00:00Z", "2026-11-01T05:30:00Z", "repeated 01:30: the EDT pass"),
                next(NYC, "30 1 * * *", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z", "repeated 01:30: not the EST pass"),
                next(NYC, "0 0 1 * *", "2026-01-31T00:00:00Z", "2026-02-01T05:00:00Z", "local midnight"));
    }

    @ParameterizedTest(name = "{0} \"{1}\" after {2}: {4}")
    @MethodSource("nextRuns")
    void nextRun(ZoneId zone, String expression, String after, String expected, String why) {
        assertEquals(Optional.of(Instant.parse(expected)), CronSchedule.parse(expression, zone).next(Instant.parse(after)), why);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("61 * * * *", "minute 61 is out of range 0-59"),
                Arguments.of("* 24 * * *", "hour 24 is out of range 0-23"),
                Arguments.of("* * 0 * *", "day-of-month 0 is out of range 1-31"),
                Arguments.of("* * 32 * *", "day-of-month 32 is out of range 1-31"),
                Arguments.of("* * * 13 *", "month 13 is out of range 1-12"),
                Arguments.of("* * * * 8", "day-of-week 8 is out of range 0-7"),
                Arguments.of("* * * FOO *", "month 'FOO' is not a number or a month name (JAN-DEC)"),
                Arguments.of("* * * * FUNDAY", "day-of-week 'FUNDAY' is not a number or a day name (SUN-SAT)"),
                Arguments.of("*/0 * * * *", "minute step in '*/0' must be positive"),
                Arguments.of("*/x * * * *", "minute step 'x' is not a number"),
                Arguments.of("5-1 * * * *", "minute range 5-1 runs backwards"),
                Arguments.of("1,,2 * * * *", "minute '1,,2' has an empty list entry"),
                Arguments.of("-1 * * * *", "minute '-1' is not a number"),
                Arguments.of("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 4"),
                Arguments.of("0 0 * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 6"),
                Arguments.of("@reboot", "unknown shortcut @reboot; use @yearly, @monthly, @weekly, @daily or @hourly"
                        + " (an interval such as PT1H runs at start)"),
                Arguments.of("0 0 30 2 *", "day-of-month 30 never occurs in February, so the schedule would never run"),
                Arguments.of("0 0 31 4,6 *", "day-of-month 31 never occurs in April, June, so the schedule would never run"),
                Arguments.of("0 0 30 2 */2", "day-of-month 30 never occurs in February, so the schedule would never run"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("errors")
    void badExpressionsSayWhichFieldAndWhy(String expression, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(expression, UTC));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aYearOfQuarterHoursIsEveryQuarterHourOnceAcrossBothTransitions() {
        CronSchedule s = CronSchedule.parse("*/15 * * * *", AMS);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Instant end = Instant.parse("2027-01-01T00:00:00Z");
        List<Instant> runs = new ArrayList<>();
        while (t.isBefore(end)) {
            t = s.next(t).orElseThrow();
            runs.add(t);
        }
        for (int i = 1; i < runs.size(); i++) {
            Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
            assertTrue(gap.equals(Duration.ofMinutes(15)) || runs.get(i).equals(Instant.parse("2026-10-25T02:00:00Z")),
                    "gap " + gap + " before " + runs.get(i));
        }
        // 365 days of 96 UTC quarters: in spring the skipped local 02:xx all land on 03:00 (a quarter
        // that runs anyway, once); in autumn the second pass of 02:00–02:45 does not run
        assertEquals(365 * 96 - 4, runs.size());
    }

    @Test
    void aLongSearchStillEndsQuickly() {
        long start = System.nanoTime();
        assertEquals(Optional.of(Instant.parse("2104-02-29T00:00:00Z")),
                CronSchedule.parse("0 0 29 2 *", UTC).next(Instant.parse("2096-03-01T00:00:00Z")));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "bounded search");
    }

    @Test
    void intervalsAndCronParseFromOneText() {
        assertEquals(new IntervalSchedule(Duration.ofMinutes(30)), Schedule.parse("PT30M", UTC));
        assertEquals(CronSchedule.parse("@daily", AMS), Schedule.parse(" @daily ", AMS));
        assertEquals("*/5 * * * * (Europe/Amsterdam)", Schedule.parse("*/5 * * * *", AMS).toString());
        IntervalSchedule every = new IntervalSchedule(Duration.ofHours(1));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Optional.of(now), every.first(now), "an interval pair runs at start");
        assertEquals(Optional.of(now.plusSeconds(3600)), every.next(now));
        assertEquals(Optional.of(Instant.parse("2026-01-01T00:05:00Z")), Schedule.parse("*/5 * * * *", UTC).first(now),
                "a cron pair waits for its time");
        assertEquals("must be a positive duration in ISO-8601 such as PT30M, got 'P1Q'",
                assertThrows(IllegalArgumentException.class, () -> Schedule.parse("P1Q", UTC)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("PT0S", UTC));
    }
}
