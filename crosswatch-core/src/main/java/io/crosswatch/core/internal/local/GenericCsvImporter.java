package io.crosswatch.core.internal.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV files with recognisable columns: CrossWatch's own {@code csv} export (a {@code feature}
 * column per row) and files like Letterboxd's import layout ({@code imdbID,tmdbID,Title,Year,
 * Rating10,WatchedDate}). Without a {@code feature} column a row with a watched date is a history
 * play (and, when rated, also a rating), a rated row a rating, anything else a watchlist entry.
 */
public final class GenericCsvImporter {

    /** Columns (normalized) that make a CSV generic-importable. */
    static final List<String> ID_COLUMNS = List.of("imdb", "imdbid", "const", "tmdb", "tmdbid", "tvdb", "tvdbid",
            "trakt", "traktid", "title", "name");

    private GenericCsvImporter() {
    }

    /** @return whether the header has a column this importer can identify items by */
    static boolean recognises(CsvTable t) {
        return ID_COLUMNS.stream().anyMatch(t::has);
    }

    /**
     * @param entry the file
     * @param ctx   where items and problems go
     */
    public static void read(ImportSource.Entry entry, ImportContext ctx) throws IOException {
        Set<String> rated = new HashSet<>();
        CsvImport.each(entry, ctx, t -> {
            String typeText = t.get("type", "Title Type");
            Integer season = integer(t.get("season"), "season");
            Integer episode = integer(t.get("episode"), "episode");
            MediaType type;
            try {
                type = typeText != null ? MediaType.fromKey(typeText)
                        : episode != null ? MediaType.EPISODE : MediaType.MOVIE;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("type '" + typeText + "' is not movie, show, season or episode");
            }
            MediaItem.Builder b = MediaItem.builder(type).ids(otherIds(t.get("other_ids")))
                    .id(MediaIds.IMDB, id(t, MediaIds.IMDB, "imdb", "imdbID", "imdb_id", "Const"))
                    .id(MediaIds.TMDB, id(t, MediaIds.TMDB, "tmdb", "tmdbID", "tmdb_id"))
                    .id(MediaIds.TVDB, id(t, MediaIds.TVDB, "tvdb", "tvdbID", "tvdb_id"))
                    .id(MediaIds.TRAKT, id(t, MediaIds.TRAKT, "trakt", "traktID", "trakt_id"))
                    .id(MediaIds.SIMKL, id(t, MediaIds.SIMKL, "simkl", "simkl_id"))
                    .title(t.get("title", "Name"))
                    .year(CsvImport.year(t.get("year"), "year"))
                    .showTitle(t.get("show_title"))
                    .showIds(MediaIds.of(MediaIds.IMDB, t.get("show_imdb"), MediaIds.TMDB, t.get("show_tmdb"),
                            MediaIds.TVDB, t.get("show_tvdb"), MediaIds.TRAKT, t.get("show_trakt")))
                    .season(season).episode(episode)
                    .list(t.get("list"));
            Instant watched = CsvImport.date(t.get("watched_at", "WatchedDate", "Watched Date"), "watched_at");
            Integer rating = rating(t.get("rating", "Rating10", "Your Rating"));
            Instant ratedAt = CsvImport.date(t.get("rated_at", "Date Rated"), "rated_at");
            String position = t.get("position_ms");
            if (position != null) {
                b.playback(new Playback(millis(position, "position_ms"), millis(t.get("duration_ms"), "duration_ms"),
                        requireDate(t.get("progress_updated_at"), "progress_updated_at")));
            }
            attributes(t.get("attributes"), b);
            String featureText = t.get("feature");
            try {
                if (featureText != null) {
                    Feature f = Feature.fromKey(featureText);
                    ctx.item(f, b.watchedAt(watched).rating(rating).ratedAt(ratedAt).build());
                } else if (watched != null) {
                    MediaItem play = b.watchedAt(watched).build();
                    ctx.item(Feature.HISTORY, play);
                    if (rating != null && rated.add(play.type() + "|" + play.ids() + "|" + play.title().orElse("")
                            + "|" + play.year().orElse(null))) {
                        ctx.item(Feature.RATINGS, play.toBuilder().watchedAt(null).rating(rating).ratedAt(ratedAt).build());
                    }
                } else if (rating != null) {
                    ctx.item(Feature.RATINGS, b.rating(rating).ratedAt(ratedAt).build());
                } else {
                    ctx.item(b.build().list().isPresent() ? Feature.PLAYLISTS : Feature.WATCHLIST, b.build());
                }
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        });
    }

    private static String id(CsvTable t, String ns, String... columns) {
        String raw = t.get(columns);
        if (raw != null && MediaIds.normalize(ns, raw) == null) {
            throw new IllegalArgumentException(columns[0] + " '" + raw + "' is not a valid " + ns + " id");
        }
        return raw;
    }

    /** Reads {@code ns:value,ns:value} (the {@code other_ids} column); a value may itself hold colons. */
    private static MediaIds otherIds(String text) {
        if (text == null) {
            return MediaIds.empty();
        }
        Map<String, String> m = new java.util.TreeMap<>();
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("other_ids '" + text + "' is not a list of ns:value pairs");
            }
            m.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
        }
        return new MediaIds(m);
    }

    private static Integer integer(String text, String column) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a whole number");
        }
    }

    private static Integer rating(String text) {
        if (text == null) {
            return null;
        }
        try {
            long r = Math.round(Double.parseDouble(text.strip()));
            if (r < 1 || r > 10) {
                throw new IllegalArgumentException("rating " + text + " is outside 1–10");
            }
            return (int) r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rating '" + text + "' is not a number");
        }
    }

    private static Duration millis(String text, String column) {
        if (text == null) {
            return Duration.ZERO;
        }
        try {
            long ms = Long.parseLong(text.strip());
            if (ms < 0) {
                throw new IllegalArgumentException(column + " must not be negative");
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a whole number of milliseconds");
        }
    }

    private static Instant requireDate(String text, String column) {
        if (text == null) {
            throw new IllegalArgumentException(column + " is required with position_ms");
        }
        return CsvImport.date(text, column);
    }

    private static void attributes(String json, MediaItem.Builder b) {
        if (json == null) {
            return;
        }
        try {
            JsonNode n = ItemJsonCodec.MAPPER.readTree(json);
            if (!n.isObject()) {
                throw new IllegalArgumentException("attributes must be a JSON object");
            }
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                b.attribute(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
