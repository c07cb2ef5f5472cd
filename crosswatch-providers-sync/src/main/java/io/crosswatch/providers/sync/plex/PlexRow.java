package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import java.time.Instant;
import java.util.Map;

/**
 * One library item of a Plex Media Server with the token user's state: what it is
 * (rating key, type, ids, numbers) and {@code viewCount}, {@code lastViewedAt},
 * {@code viewOffset}/{@code duration} (milliseconds), {@code userRating} (0–10) and
 * {@code lastRatedAt}. Immutable; writes produce updated copies.
 *
 * @param ratingKey     the server-local key
 * @param type          movie, show or episode
 * @param title         the title (for an episode: the episode's)
 * @param year          the year, may be {@code null}
 * @param ids           external ids plus the Plex guid
 * @param showKey       for an episode, the show's rating key
 * @param showIds       for an episode, the show's ids
 * @param showTitle     for an episode, the show's title
 * @param season        for an episode, the season number
 * @param episode       for an episode, the episode number
 * @param viewCount     completed plays, 0 when unwatched
 * @param lastViewedAt  the last completed view, may be {@code null}
 * @param viewOffset    the resume point in ms, 0 when none
 * @param duration      the runtime in ms, 0 when unknown
 * @param userRating    the rating 0–10, 0 when unrated
 * @param lastRatedAt   when rated, may be {@code null}
 * @param updatedAt     the row's last change, may be {@code null}
 */
record PlexRow(String ratingKey, MediaType type, String title, Integer year, MediaIds ids, String showKey,
               MediaIds showIds, String showTitle, Integer season, Integer episode, long viewCount,
               Instant lastViewedAt, long viewOffset, long duration, double userRating, Instant lastRatedAt,
               Instant updatedAt) {

    private static final Map<String, MediaType> TYPES = Map.of("movie", MediaType.MOVIE, "show", MediaType.SHOW,
            "episode", MediaType.EPISODE);

    /**
     * @param m         a {@code Metadata} row
     * @param showIdsOf the ids of a show by rating key (episodes take their show's ids from it)
     * @return the row, or {@code null} for types that are not synced (seasons, music, photos)
     */
    static PlexRow of(JsonNode m, java.util.function.Function<String, MediaIds> showIdsOf) {
        return PlexJson.text(m.path("ratingKey")) == null ? null : ofPayload(m, showIdsOf);
    }

    /**
     * The mapping of {@link #of} for a row that may lack its rating key ({@code ratingKey} is
     * {@code null} then): a webhook payload relayed or written by hand without one still names
     * its item by guids, and an item needs no rating key to be scrobbled elsewhere.
     *
     * @param m         a {@code Metadata} row
     * @param showIdsOf the ids of a show by rating key (episodes take their show's ids from it)
     * @return the row, or {@code null} for types that are not synced (seasons, music, photos)
     */
    static PlexRow ofPayload(JsonNode m, java.util.function.Function<String, MediaIds> showIdsOf) {
        MediaType type = TYPES.get(m.path("type").asText(""));
        String key = PlexJson.text(m.path("ratingKey"));
        if (type == null) {
            return null;
        }
        MediaIds ids = PlexGuids.idsOf(m);
        String showKey = null;
        MediaIds showIds = MediaIds.empty();
        Integer season = null;
        Integer episode = null;
        String showTitle = null;
        if (type == MediaType.EPISODE) {
            showKey = PlexJson.text(m.path("grandparentRatingKey"));
            showTitle = PlexJson.text(m.path("grandparentTitle"));
            season = PlexJson.intOrNull(m.path("parentIndex"));
            episode = PlexJson.intOrNull(m.path("index"));
            PlexGuids.Parsed legacy = PlexGuids.parse(m.path("guid").asText(null));
            if (legacy.isEpisodeOfShow()) {
                // A legacy TVDB episode guid names the show and carries the numbers.
                showIds = legacy.ids();
                season = season == null ? legacy.season() : season;
                episode = episode == null ? legacy.episode() : episode;
            }
            if (showKey != null) {
                showIds = showIds.merge(showIdsOf.apply(showKey));
            }
            showIds = showIds.merge(PlexGuids.parse(m.path("grandparentGuid").asText(null)).ids());
        }
        Integer year = PlexJson.intOrNull(m.path("year"));
        if (year != null && (year < 1870 || year > 2200)) {
            year = null;
        }
        return new PlexRow(key, type, PlexJson.text(m.path("title")), year, ids, showKey, showIds, showTitle,
                season, episode, PlexJson.longOf(m.path("viewCount"), 0), PlexJson.epochSeconds(m.path("lastViewedAt")),
                PlexJson.longOf(m.path("viewOffset"), 0), PlexJson.longOf(m.path("duration"), 0),
                PlexJson.doubleOf(m.path("userRating"), 0), PlexJson.epochSeconds(m.path("lastRatedAt")),
                PlexJson.epochSeconds(m.path("updatedAt")));
    }

    /** @return whether another service can match it: an external id of its own, or (episodes) of its show plus numbers */
    boolean resolvable() {
        if (PlexGuids.hasExternalId(ids)) {
            return true;
        }
        return type == MediaType.EPISODE && season != null && episode != null && PlexGuids.hasExternalId(showIds);
    }

    /** @return a copy after a scrobble (watched now) or an unscrobble (unwatched, no resume point) */
    PlexRow withWatched(boolean watched, Instant now) {
        return new PlexRow(ratingKey, type, title, year, ids, showKey, showIds, showTitle, season, episode,
                watched ? Math.max(1, viewCount + 1) : 0, watched ? now : null, 0, duration, userRating,
                lastRatedAt, updatedAt);
    }

    /** @return a copy with a rating (0 clears it) */
    PlexRow withRating(double rating, Instant at) {
        return new PlexRow(ratingKey, type, title, year, ids, showKey, showIds, showTitle, season, episode, viewCount,
                lastViewedAt, viewOffset, duration, rating, rating > 0 ? at : null, updatedAt);
    }

    /** @return a copy with a resume point */
    PlexRow withOffset(long offsetMs, long durationMs) {
        return new PlexRow(ratingKey, type, title, year, ids, showKey, showIds, showTitle, season, episode, viewCount,
                lastViewedAt, offsetMs, durationMs > 0 ? durationMs : duration, userRating, lastRatedAt, updatedAt);
    }
}
