package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.core.internal.config.Durations;
import java.time.Duration;
import java.util.Map;

/**
 * The engine's guard and rule settings, read from {@code PairSpec.options()}. Every guard is on by
 * default. Keys (values in brackets are the defaults; durations are ISO-8601 such as {@code P7D}
 * or {@code PT6H}):
 * <ul>
 *   <li>{@value #FAILED_READ} [true] — a failed or partial read of either side holds all removals of the feature;</li>
 *   <li>{@value #SUSPECT_READ} [true], {@value #SUSPECT_RATIO} [0.10], {@value #SUSPECT_MIN_BASELINE} [20] —
 *       an empty read, or one under the ratio of a baseline of at least that size, while the side's activity
 *       token has not moved (or it has none), is treated as failed;</li>
 *   <li>{@value #TOMBSTONES} [true], {@value #TOMBSTONE_TTL} [P7D] — a removal stops re-adds for the TTL;</li>
 *   <li>{@value #MASS_DELETE} [true], {@value #MASS_DELETE_RATIO} [0.10], {@value #MASS_DELETE_MIN} [5] —
 *       removals from a side above both the share of its size and the count are held unless forced;</li>
 *   <li>{@value #UNRESOLVED} [true], {@value #UNRESOLVED_BACKOFF} [PT6H], {@value #UNRESOLVED_MAX_FAILURES} [3],
 *       {@value #UNRESOLVED_COOLDOWN} [P7D] — rejected items wait backoff·2^(failures-1), and the cool-down
 *       after that many consecutive failures;</li>
 *   <li>{@value #PHANTOM} [true], {@value #PHANTOM_MAX_ATTEMPTS} [2] — an accepted add that never shows up is
 *       re-sent at most that many times, then becomes unresolved;</li>
 *   <li>{@value #HISTORY_ALLOW_UNDATED} [false] — send plays without a date to a side that keeps dates;</li>
 *   <li>{@value #PROGRESS_MIN_POSITION} [PT60S], {@value #PROGRESS_MIN_CHANGE} [PT30S],
 *       {@value #PROGRESS_MAX_PERCENT} [95] — progress noise filters;</li>
 *   <li>{@value #MATCH_YEAR_TOLERANCE} [0] — how many years apart an item without ids and an item with ids
 *       of the same title may be and still match (0 or 1).</li>
 * </ul>
 *
 * <p>Immutable; read with {@link #from(Map)}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class PlanOptions {

    /** Option key. */
    public static final String FAILED_READ = "guard.failedRead";
    /** Option key. */
    public static final String SUSPECT_READ = "guard.suspectRead";
    /** Option key. */
    public static final String SUSPECT_RATIO = "guard.suspectRead.ratio";
    /** Option key. */
    public static final String SUSPECT_MIN_BASELINE = "guard.suspectRead.minBaseline";
    /** Option key. */
    public static final String TOMBSTONES = "guard.tombstones";
    /** Option key. */
    public static final String TOMBSTONE_TTL = "guard.tombstones.ttl";
    /** Option key. */
    public static final String MASS_DELETE = "guard.massDelete";
    /** Option key. */
    public static final String MASS_DELETE_RATIO = "guard.massDelete.ratio";
    /** Option key. */
    public static final String MASS_DELETE_MIN = "guard.massDelete.min";
    /** Option key. */
    public static final String UNRESOLVED = "guard.unresolved";
    /** Option key. */
    public static final String UNRESOLVED_BACKOFF = "guard.unresolved.backoff";
    /** Option key. */
    public static final String UNRESOLVED_MAX_FAILURES = "guard.unresolved.maxFailures";
    /** Option key. */
    public static final String UNRESOLVED_COOLDOWN = "guard.unresolved.cooldown";
    /** Option key. */
    public static final String PHANTOM = "guard.phantom";
    /** Option key. */
    public static final String PHANTOM_MAX_ATTEMPTS = "guard.phantom.maxAttempts";
    /** Option key. */
    public static final String HISTORY_ALLOW_UNDATED = "history.allowUndated";
    /** Option key. */
    public static final String PROGRESS_MIN_POSITION = "progress.minPosition";
    /** Option key. */
    public static final String PROGRESS_MIN_CHANGE = "progress.minChange";
    /** Option key. */
    public static final String PROGRESS_MAX_PERCENT = "progress.maxPercent";

    /** Option key. */
    public static final String MATCH_YEAR_TOLERANCE = "match.yearTolerance";

    private static final PlanOptions DEFAULTS = from(Map.of());

    private final boolean failedReadGuard;
    private final boolean suspectReadGuard;
    private final double suspectRatio;
    private final int suspectMinBaseline;
    private final boolean tombstones;
    private final Duration tombstoneTtl;
    private final boolean massDeleteGuard;
    private final double massDeleteRatio;
    private final int massDeleteMin;
    private final boolean unresolvedGuard;
    private final Duration unresolvedBackoff;
    private final int unresolvedMaxFailures;
    private final Duration unresolvedCooldown;
    private final boolean phantomGuard;
    private final int phantomMaxAttempts;
    private final boolean allowUndatedHistory;
    private final Duration progressMinPosition;
    private final Duration progressMinChange;
    private final double progressMaxPercent;
    private final int yearTolerance;

    private PlanOptions(boolean failedReadGuard, boolean suspectReadGuard, double suspectRatio, int suspectMinBaseline,
                        boolean tombstones, Duration tombstoneTtl, boolean massDeleteGuard, double massDeleteRatio,
                        int massDeleteMin, boolean unresolvedGuard, Duration unresolvedBackoff,
                        int unresolvedMaxFailures, Duration unresolvedCooldown, boolean phantomGuard,
                        int phantomMaxAttempts, boolean allowUndatedHistory, Duration progressMinPosition,
                        Duration progressMinChange, double progressMaxPercent, int yearTolerance) {
        this.failedReadGuard = failedReadGuard;
        this.suspectReadGuard = suspectReadGuard;
        this.suspectRatio = suspectRatio;
        this.suspectMinBaseline = suspectMinBaseline;
        this.tombstones = tombstones;
        this.tombstoneTtl = tombstoneTtl;
        this.massDeleteGuard = massDeleteGuard;
        this.massDeleteRatio = massDeleteRatio;
        this.massDeleteMin = massDeleteMin;
        this.unresolvedGuard = unresolvedGuard;
        this.unresolvedBackoff = unresolvedBackoff;
        this.unresolvedMaxFailures = unresolvedMaxFailures;
        this.unresolvedCooldown = unresolvedCooldown;
        this.phantomGuard = phantomGuard;
        this.phantomMaxAttempts = phantomMaxAttempts;
        this.allowUndatedHistory = allowUndatedHistory;
        this.progressMinPosition = progressMinPosition;
        this.progressMinChange = progressMinChange;
        this.progressMaxPercent = progressMaxPercent;
        this.yearTolerance = yearTolerance;
    }

    /** @return see the class description */
    public boolean failedReadGuard() {
        return failedReadGuard;
    }

    /** @return see the class description */
    public boolean suspectReadGuard() {
        return suspectReadGuard;
    }

    /** @return see the class description */
    public double suspectRatio() {
        return suspectRatio;
    }

    /** @return see the class description */
    public int suspectMinBaseline() {
        return suspectMinBaseline;
    }

    /** @return see the class description */
    public boolean tombstones() {
        return tombstones;
    }

    /** @return see the class description */
    public Duration tombstoneTtl() {
        return tombstoneTtl;
    }

    /** @return see the class description */
    public boolean massDeleteGuard() {
        return massDeleteGuard;
    }

    /** @return see the class description */
    public double massDeleteRatio() {
        return massDeleteRatio;
    }

    /** @return see the class description */
    public int massDeleteMin() {
        return massDeleteMin;
    }

    /** @return see the class description */
    public boolean unresolvedGuard() {
        return unresolvedGuard;
    }

    /** @return see the class description */
    public Duration unresolvedBackoff() {
        return unresolvedBackoff;
    }

    /** @return see the class description */
    public int unresolvedMaxFailures() {
        return unresolvedMaxFailures;
    }

    /** @return see the class description */
    public Duration unresolvedCooldown() {
        return unresolvedCooldown;
    }

    /** @return see the class description */
    public boolean phantomGuard() {
        return phantomGuard;
    }

    /** @return see the class description */
    public int phantomMaxAttempts() {
        return phantomMaxAttempts;
    }

    /** @return see the class description */
    public boolean allowUndatedHistory() {
        return allowUndatedHistory;
    }

    /** @return see the class description */
    public Duration progressMinPosition() {
        return progressMinPosition;
    }

    /** @return see the class description */
    public Duration progressMinChange() {
        return progressMinChange;
    }

    /** @return see the class description */
    public double progressMaxPercent() {
        return progressMaxPercent;
    }

    /** @return how many years apart a weak (id-less) item and an item with ids may be and still match */
    public int yearTolerance() {
        return yearTolerance;
    }

    /** @return every guard on with the documented defaults */
    public static PlanOptions defaults() {
        return DEFAULTS;
    }

    /**
         * @return the settings
     * @throws IllegalArgumentException naming the key whose value is malformed
     */
    public static PlanOptions from(Map<String, String> options) {
        Reader r = new Reader(options);
        return new PlanOptions(r.bool(FAILED_READ, true), r.bool(SUSPECT_READ, true), r.ratio(SUSPECT_RATIO, 0.10),
                r.count(SUSPECT_MIN_BASELINE, 20), r.bool(TOMBSTONES, true), r.duration(TOMBSTONE_TTL, Duration.ofDays(7)),
                r.bool(MASS_DELETE, true), r.ratio(MASS_DELETE_RATIO, 0.10), r.count(MASS_DELETE_MIN, 5),
                r.bool(UNRESOLVED, true), r.duration(UNRESOLVED_BACKOFF, Duration.ofHours(6)),
                r.count(UNRESOLVED_MAX_FAILURES, 3), r.duration(UNRESOLVED_COOLDOWN, Duration.ofDays(7)),
                r.bool(PHANTOM, true), r.count(PHANTOM_MAX_ATTEMPTS, 2), r.bool(HISTORY_ALLOW_UNDATED, false),
                r.duration(PROGRESS_MIN_POSITION, Duration.ofSeconds(60)), r.duration(PROGRESS_MIN_CHANGE, Duration.ofSeconds(30)),
                r.percent(PROGRESS_MAX_PERCENT, 95), r.yearTolerance(MATCH_YEAR_TOLERANCE));
    }

    @Override
    public String toString() {
        return "PlanOptions[failedRead=" + failedReadGuard + ", suspectRead=" + suspectReadGuard + "(" + suspectRatio + ", "
                + suspectMinBaseline + "), tombstones=" + tombstones + "(" + tombstoneTtl + "), massDelete=" + massDeleteGuard
                + "(" + massDeleteRatio + ", " + massDeleteMin + "), unresolved=" + unresolvedGuard + "(" + unresolvedBackoff
                + ", " + unresolvedMaxFailures + ", " + unresolvedCooldown + "), phantom=" + phantomGuard + "("
                + phantomMaxAttempts + "), allowUndated=" + allowUndatedHistory + ", yearTolerance=" + yearTolerance + "]";
    }

    private static final class Reader {
        private final Map<String, String> options;

        Reader(Map<String, String> options) {
            this.options = options == null ? Map.of() : options;
        }

        private String raw(String key) {
            String v = options.get(key);
            return v == null || v.isBlank() ? null : v.trim();
        }

        boolean bool(String key, boolean def) {
            String v = raw(key);
            if (v == null) {
                return def;
            }
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on") || v.equals("1")) {
                return true;
            }
            if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off") || v.equals("0")) {
                return false;
            }
            throw bad(key, v, "true or false");
        }

        int yearTolerance(String key) {
            String v = raw(key);
            if (v == null) {
                return 0;
            }
            if (v.equals("0") || v.equals("1")) {
                return Integer.parseInt(v);
            }
            throw bad(key, v, "0 or 1");
        }

        double ratio(String key, double def) {
            String v = raw(key);
            if (v == null) {
                return def;
            }
            try {
                double d = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
                if (d < 0 || d > 1) {
                    throw bad(key, v, "a share between 0 and 1 (or 0%–100%)");
                }
                return d;
            } catch (NumberFormatException e) {
                throw bad(key, v, "a share between 0 and 1 (or 0%–100%)");
            }
        }

        double percent(String key, double def) {
            String v = raw(key);
            if (v == null) {
                return def;
            }
            try {
                double d = Double.parseDouble(v.replace("%", ""));
                if (d < 0 || d > 100) {
                    throw bad(key, v, "a percentage 0–100");
                }
                return d;
            } catch (NumberFormatException e) {
                throw bad(key, v, "a percentage 0–100");
            }
        }

        int count(String key, int def) {
            String v = raw(key);
            if (v == null) {
                return def;
            }
            try {
                int i = Integer.parseInt(v);
                if (i < 0) {
                    throw bad(key, v, "a whole number ≥ 0");
                }
                return i;
            } catch (NumberFormatException e) {
                throw bad(key, v, "a whole number ≥ 0");
            }
        }

        Duration duration(String key, Duration def) {
            String v = raw(key);
            if (v == null) {
                return def;
            }
            try {
                return Durations.parse(v, Durations.Bound.NON_NEGATIVE);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pair option '" + key + "' " + e.getMessage(), e);
            }
        }

        private static IllegalArgumentException bad(String key, String value, String expected) {
            return new IllegalArgumentException("pair option '" + key + "' is '" + value + "'; expected " + expected);
        }
    }
}
