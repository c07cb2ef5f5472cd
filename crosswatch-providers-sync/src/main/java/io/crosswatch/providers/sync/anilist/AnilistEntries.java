package io.crosswatch.providers.sync.anilist;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * AniList list entries ↔ {@link MediaItem}. An entry's media becomes a movie ({@code format}
 * MOVIE) or a show (TV, TV_SHORT, OVA, ONA, SPECIAL, MUSIC — each season or cour is its own
 * media on AniList) with its AniList and MyAnimeList ids; the entry id, status and episode
 * progress travel in {@link MediaItem#attributes()}.
 */
final class AnilistEntries {

    static final String ATTR_ENTRY_ID = "anilist.entryId";
    static final String ATTR_STATUS = "anilist.status";
    static final String ATTR_PROGRESS = "anilist.progress";
    static final String ATTR_EPISODES = "anilist.episodes";

    private AnilistEntries() {
    }

    /** The item an entry stands for, with no feature payload. */
    static MediaItem base(JsonNode entry) {
        JsonNode media = entry.path("media");
        JsonNode title = media.path("title");
        String name = firstText(title.path("english"), title.path("romaji"), title.path("native"));
        Integer year = media.path("seasonYear").canConvertToInt() ? media.path("seasonYear").asInt() : null;
        MediaItem.Builder b = MediaItem.builder("MOVIE".equals(media.path("format").asText()) ? MediaType.MOVIE : MediaType.SHOW)
                .ids(ids(media, entry.path("mediaId")))
                .title(name)
                .year(year != null && year >= 1870 && year <= 2200 ? year : null)
                .attribute(ATTR_ENTRY_ID, entry.path("id").canConvertToLong() ? entry.path("id").asText() : null)
                .attribute(ATTR_STATUS, entry.path("status").asText(null))
                .attribute(ATTR_PROGRESS, entry.path("progress").canConvertToInt() ? entry.path("progress").asText() : null)
                .attribute(ATTR_EPISODES, media.path("episodes").canConvertToInt() ? media.path("episodes").asText() : null);
        return b.build();
    }

    static MediaIds ids(JsonNode media, JsonNode fallbackMediaId) {
        Object anilist = media.path("id").canConvertToLong() ? media.path("id").asLong()
                : fallbackMediaId.canConvertToLong() ? fallbackMediaId.asLong() : null;
        Object mal = media.path("idMal").canConvertToLong() ? media.path("idMal").asLong() : null;
        return MediaIds.empty().with(MediaIds.ANILIST, anilist).with(MediaIds.MAL, mal);
    }

    /** The history item of a COMPLETED or REPEATING entry, dated {@code completedAt}, else {@code updatedAt}. */
    static MediaItem history(JsonNode entry) {
        return base(entry).toBuilder().watchedAt(completedAt(entry.path("completedAt")).orElse(updatedAt(entry))).build();
    }

    /** The ratings item of a scored entry, or empty for score 0 (unrated). */
    static Optional<MediaItem> rating(JsonNode entry, ScoreFormat format) {
        OptionalInt r = format.toRating(entry.path("score").asDouble(0));
        if (r.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(base(entry).toBuilder().rating(r.getAsInt()).ratedAt(updatedAt(entry)).build());
    }

    static Instant updatedAt(JsonNode entry) {
        long s = entry.path("updatedAt").asLong(0);
        return s > 0 ? Instant.ofEpochSecond(s) : null;
    }

    /** A FuzzyDate as midnight UTC; a missing month or day counts as the first. */
    static Optional<Instant> completedAt(JsonNode fuzzy) {
        if (!fuzzy.path("year").canConvertToInt()) {
            return Optional.empty();
        }
        int month = fuzzy.path("month").canConvertToInt() ? fuzzy.path("month").asInt() : 1;
        int day = fuzzy.path("day").canConvertToInt() ? fuzzy.path("day").asInt() : 1;
        try {
            return Optional.of(LocalDate.of(fuzzy.path("year").asInt(), month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A {@code FuzzyDateInput} literal for a mutation. */
    static String fuzzyDate(Instant at) {
        LocalDate d = at.atZone(ZoneOffset.UTC).toLocalDate();
        return "{year: " + d.getYear() + ", month: " + d.getMonthValue() + ", day: " + d.getDayOfMonth() + "}";
    }

    /** Why an entry cannot be matched to other services, or empty when it can. */
    static Optional<String> unmatchable(MediaItem item) {
        return item.ids().get(MediaIds.MAL).isPresent() ? Optional.empty()
                : Optional.of("AniList entry has no MyAnimeList id; AniList ids alone match no other service");
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n.isTextual() && !n.asText().isBlank()) {
                return n.asText();
            }
        }
        return null;
    }
}
