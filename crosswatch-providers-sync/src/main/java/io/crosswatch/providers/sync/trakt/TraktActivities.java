package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Activities;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /sync/last_activities} → one change token per feature, combining the timestamps
 * Trakt moves when that feature changes (the fact sheet's delta recipe). A token is the
 * timestamps joined in a fixed order; the engine only compares tokens for equality.
 */
final class TraktActivities {

    /** Feature → the {@code section.field} timestamps that move when it changes. */
    static final Map<Feature, List<String>> FIELDS = Map.of(
            Feature.WATCHLIST, List.of("watchlist.updated_at", "movies.watchlisted_at", "shows.watchlisted_at"),
            Feature.RATINGS, List.of("movies.rated_at", "shows.rated_at", "seasons.rated_at", "episodes.rated_at"),
            Feature.HISTORY, List.of("movies.watched_at", "episodes.watched_at"),
            Feature.PROGRESS, List.of("movies.paused_at", "episodes.paused_at"),
            Feature.PLAYLISTS, List.of("lists.updated_at"));

    private TraktActivities() {
    }

    /**
     * @param body the response
     * @return the tokens; a feature none of whose timestamps is present gets no token (so it is read)
     */
    static Activities parse(JsonNode body) {
        Map<Feature, String> tokens = new EnumMap<>(Feature.class);
        FIELDS.forEach((feature, fields) -> {
            List<String> values = new java.util.ArrayList<>();
            for (String field : fields) {
                String[] parts = field.split("\\.");
                values.add(body.path(parts[0]).path(parts[1]).asText(""));
            }
            if (values.stream().anyMatch(v -> !v.isEmpty())) {
                tokens.put(feature, String.join("|", values));
            }
        });
        return new Activities(tokens);
    }
}
