package io.crosswatch.providers.sync.anilist;

import io.crosswatch.api.sync.RatingScale;

/**
 * AniList's per-user score formats and their conversion to and from the SDK's 1–10 ratings.
 * Reads use {@code score} in the user's own format; writes use {@code scoreRaw} (0–100) where
 * the format is ten-based, and {@code score} in the user's format for stars and smileys, whose
 * raw values the API documentation does not fix.
 */
enum ScoreFormat {
    /** 1–100. */
    POINT_100(RatingScale.TEN),
    /** 0.1–10.0. */
    POINT_10_DECIMAL(RatingScale.TEN),
    /** 1–10. */
    POINT_10(RatingScale.TEN),
    /** 1–5 stars. */
    POINT_5(RatingScale.FIVE_STARS),
    /** 1–3 smileys. */
    POINT_3(new RatingScale(3));

    private final RatingScale scale;

    ScoreFormat(RatingScale scale) {
        this.scale = scale;
    }

    static ScoreFormat of(String name) {
        for (ScoreFormat f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return POINT_10; // AniList added formats before; read an unknown one as plain 1–10
    }

    RatingScale scale() {
        return scale;
    }

    /** @return the 1–10 rating of an AniList score in this format, empty for 0 (unrated) */
    java.util.OptionalInt toRating(double score) {
        if (score <= 0) {
            return java.util.OptionalInt.empty();
        }
        double ten = switch (this) {
            case POINT_100 -> score / 10.0;
            case POINT_10_DECIMAL, POINT_10 -> score;
            case POINT_5 -> score * 2;
            case POINT_3 -> score >= 3 ? 10 : score >= 2 ? 7 : 3;
        };
        return java.util.OptionalInt.of((int) Math.max(1, Math.min(10, Math.round(ten))));
    }

    /** @return the mutation variable to send for a 1–10 rating: {@code scoreRaw} or {@code score} */
    String variable() {
        return this == POINT_5 || this == POINT_3 ? "score" : "scoreRaw";
    }

    /** @return the value of {@link #variable()} for a 1–10 rating */
    double toScore(int rating) {
        return switch (this) {
            case POINT_100, POINT_10_DECIMAL, POINT_10 -> rating * 10;
            default -> toUserScore(rating);
        };
    }

    /** @return a 1–10 rating in this format, as {@code score} reads it back */
    double toUserScore(int rating) {
        return switch (this) {
            case POINT_100 -> rating * 10;
            case POINT_10_DECIMAL, POINT_10 -> rating;
            case POINT_5 -> Math.max(1, Math.min(5, Math.round(scale.quantize(rating) / 2.0)));
            case POINT_3 -> rating <= 4 ? 1 : rating <= 8 ? 2 : 3;
        };
    }
}
