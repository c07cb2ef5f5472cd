package io.crosswatch.core.scrobble;

import io.crosswatch.api.Api;
import io.crosswatch.core.internal.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * When the daemon runs a pair: every fixed interval ({@link IntervalSchedule}) or at the times a
 * cron expression names ({@link CronSchedule}).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface Schedule {

    /**
     * @param after an instant
     * @return the first run strictly after {@code after}, or empty when the schedule never fires again
     */
    Optional<Instant> next(Instant after);

    /**
     * @param start when the daemon starts
     * @return its first run; by default the first time after {@code start}
     */
    default Optional<Instant> first(Instant start) {
        return next(start);
    }

    /**
     * @param every the interval
     * @return a schedule that runs at start and then {@code every} after each run
     */
    static Schedule every(Duration every) {
        return new IntervalSchedule(every);
    }

    /**
     * Reads a schedule as the config writes it: an ISO-8601 duration ({@code PT30M}) or a
     * 5-field cron expression or shortcut ({@code "*}{@code /15 * * * *"}, {@code @daily}).
     *
     * @param text the text
     * @param zone the zone cron times are read in
     * @return the schedule
     * @throws IllegalArgumentException saying which field is wrong and why
     */
    static Schedule parse(String text, ZoneId zone) {
        String t = text.trim();
        if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            return new IntervalSchedule(Durations.parse(t, Durations.Bound.POSITIVE));
        }
        return CronSchedule.parse(t, zone);
    }
}
