package io.crosswatch.api.sync;

import io.crosswatch.api.Api;

/**
 * The precision of a service's ratings, expressed on the SDK's 1–10 scale. Connectors convert
 * to and from 1–10 themselves; the engine uses the scale to compare ratings at the coarser
 * precision of a pair, so a 7/10 that a five-star service stores as 4 stars (8/10) does not
 * ping-pong between the sides forever.
 *
 * @param steps how many distinct values the service has over 1–10: 10 for a ten-point scale,
 *              5 for whole stars, 20 for half-points
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record RatingScale(int steps) {

    /** Whole points 1–10 (Trakt, SIMKL, Plex). */
    public static final RatingScale TEN = new RatingScale(10);
    /** Whole stars 1–5. */
    public static final RatingScale FIVE_STARS = new RatingScale(5);

    /** Validates. */
    public RatingScale {
        if (steps < 1 || steps > 100) {
            throw new IllegalArgumentException("a rating scale has 1 to 100 steps, got " + steps);
        }
    }

    /**
     * Rounds a 1–10 rating to what this scale can hold, expressed again on 1–10.
     *
     * @param rating 1–10
     * @return the representable rating (1–10), rounding halves up
     */
    public int quantize(int rating) {
        if (steps >= 10) {
            return rating;
        }
        double unit = 10.0 / steps;
        // The nearest step (halves up), never below the first step: a 1/10 on a three-smiley
        // scale is the lowest smiley, 3/10, not an unrepresentable 1.
        long step = Math.max(1, Math.min(steps, (long) Math.floor(rating / unit + 0.5)));
        return (int) Math.max(1, Math.min(10, Math.round(step * unit)));
    }
}
