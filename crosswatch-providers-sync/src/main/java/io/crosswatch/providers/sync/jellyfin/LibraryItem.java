package io.crosswatch.providers.sync.jellyfin;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.core.sync.Ids;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code BaseItemDto} as the connector uses it: what it is, its external ids and the user's
 * data on it.
 *
 * @param id              the server's item id (opaque: a 32-hex GUID on Jellyfin, often a number on Emby)
 * @param kind            {@code Movie}, {@code Series}, {@code Episode}, {@code Playlist}, …
 * @param ids             the external ids from {@code ProviderIds}
 * @param name            the title
 * @param year            {@code ProductionYear}, may be {@code null}
 * @param seriesId        an episode's {@code SeriesId}
 * @param seriesName      an episode's {@code SeriesName}
 * @param season          an episode's {@code ParentIndexNumber}
 * @param episode         an episode's {@code IndexNumber}
 * @param runtimeTicks    {@code RunTimeTicks} (100 ns units), 0 when unknown
 * @param userData        the user's data on the item
 * @param playlistEntryId the entry id inside a playlist ({@code PlaylistItemId}), else {@code null}
 */
record LibraryItem(String id, String kind, MediaIds ids, String name, Integer year, String seriesId, String seriesName,
                   Integer season, Integer episode, long runtimeTicks, UserData userData, String playlistEntryId) {

    static final String MOVIE = "Movie";
    static final String SERIES = "Series";
    static final String EPISODE = "Episode";
    static final String PLAYLIST = "Playlist";

    /** 100-nanosecond ticks per millisecond. */
    static final long TICKS_PER_MILLI = 10_000L;

    /**
     * The user's data on an item ({@code UserItemDataDto}).
     *
     * @param played        {@code Played}
     * @param playCount     {@code PlayCount}
     * @param lastPlayed    {@code LastPlayedDate} (Emby: else {@code DatePlayed}), may be {@code null}
     * @param favorite      {@code IsFavorite}
     * @param rating        {@code Rating} 0–10, may be {@code null}
     * @param positionTicks {@code PlaybackPositionTicks}
     */
    record UserData(boolean played, int playCount, Instant lastPlayed, boolean favorite, Double rating, long positionTicks) {
        static UserData parse(JsonNode n) {
            Instant last = parseDate(n.path("LastPlayedDate").asText(null));
            if (last == null) {
                last = parseDate(n.path("DatePlayed").asText(null));
            }
            Double rating = n.path("Rating").isNumber() ? n.path("Rating").asDouble() : null;
            return new UserData(n.path("Played").asBoolean(false), n.path("PlayCount").asInt(0), last,
                    n.path("IsFavorite").asBoolean(false), rating, n.path("PlaybackPositionTicks").asLong(0));
        }
    }

    /**
     * @param n a {@code BaseItemDto}
     * @return the item
     */
    static LibraryItem parse(JsonNode n) {
        Integer year = n.path("ProductionYear").isInt() ? n.path("ProductionYear").asInt() : null;
        if (year != null && (year < 1870 || year > 2200)) {
            year = null;
        }
        return new LibraryItem(n.path("Id").asText(""), n.path("Type").asText(""), providerIds(n.path("ProviderIds")),
                n.path("Name").asText(null), year, n.path("SeriesId").asText(null), n.path("SeriesName").asText(null),
                n.path("ParentIndexNumber").isInt() ? n.path("ParentIndexNumber").asInt() : null,
                n.path("IndexNumber").isInt() ? n.path("IndexNumber").asInt() : null,
                n.path("RunTimeTicks").asLong(0), UserData.parse(n.path("UserData")),
                n.path("PlaylistItemId").asText(null));
    }

    /**
     * Collects {@code ProviderIds} ({@code {"Imdb":"tt0133093","Tmdb":"603"}}; values are strings)
     * for the engine's mapping, which ignores key case and unknown providers.
     */
    private static MediaIds providerIds(JsonNode node) {
        Map<String, String> raw = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                raw.put(e.getKey(), e.getValue().asText());
            }
        });
        return Ids.fromProviderIds(raw);
    }

    /** Parses the servers' dates: ISO-8601 with 7 fraction digits, with or without an offset. */
    static Instant parseDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // fall through: an offset other than Z, or none
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
