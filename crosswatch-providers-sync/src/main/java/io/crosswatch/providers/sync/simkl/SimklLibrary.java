package io.crosswatch.providers.sync.simkl;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's SIMKL library as {@code GET /sync/all-items?extended=full&episode_watched_at=yes}
 * returns it: rows under {@code movies}, {@code shows} and {@code anime}, each with a status
 * list, a rating and (shows, anime) the watched seasons and episodes. Every feature is a view
 * of it.
 */
final class SimklLibrary {

    /** The SIMKL status lists. */
    static final String PLANTOWATCH = "plantowatch";
    static final String COMPLETED = "completed";

    /** The id namespaces SIMKL knows, in the order writes send them. */
    static final List<String> ID_KEYS = List.of(MediaIds.SIMKL, MediaIds.IMDB, MediaIds.TMDB, MediaIds.TVDB,
            MediaIds.MAL, MediaIds.ANIDB, MediaIds.ANILIST, MediaIds.KITSU);

    /** Attribute naming the SIMKL bucket an item was read from: {@code movie}, {@code show} or {@code anime}. */
    static final String KIND = "simkl.kind";
    /** Attribute holding the SIMKL list (status) of an item. */
    static final String STATUS = "simkl.status";

    /** One watched episode of a show. */
    record Episode(int season, int number, Instant watchedAt) {
    }

    /** One library row. */
    record Row(String kind, MediaType type, MediaIds ids, String title, Integer year, String status, Integer rating,
               Instant ratedAt, Instant lastWatchedAt, List<Episode> episodes) {

        MediaItem.Builder item() {
            return MediaItem.builder(type).ids(ids).title(title).year(year).attribute(KIND, kind);
        }
    }

    private final List<Row> rows;
    private final Map<String, Row> byId = new HashMap<>();

    private SimklLibrary(List<Row> rows) {
        this.rows = List.copyOf(rows);
        for (Row r : rows) {
            r.ids().values().forEach((ns, v) -> byId.putIfAbsent(key(r.type(), ns, v), r));
        }
    }

    /**
     * @param body the all-items answer: an object, or {@code null} for an empty library
     * @return the library
     * @throws IllegalArgumentException when the body is neither
     */
    static SimklLibrary parse(JsonNode body) {
        if (body.isNull()) {
            return new SimklLibrary(List.of()); // apps with old internal ids get null for an empty library
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object or null, got " + body.getNodeType());
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode row : body.path("movies")) {
            rows.add(row(row, row.path("movie"), "movie", MediaType.MOVIE));
        }
        for (JsonNode row : body.path("shows")) {
            rows.add(row(row, row.path("show"), "show", MediaType.SHOW));
        }
        for (JsonNode row : body.path("anime")) {
            // An anime film is a film everywhere else; matching it as a show would never pair it.
            MediaType type = "movie".equalsIgnoreCase(row.path("anime_type").asText("")) ? MediaType.MOVIE : MediaType.SHOW;
            rows.add(row(row, row.path("show"), "anime", type));
        }
        return new SimklLibrary(rows);
    }

    private static Row row(JsonNode row, JsonNode media, String kind, MediaType type) {
        List<Episode> episodes = new ArrayList<>();
        Instant lastWatched = instant(row.path("last_watched_at"));
        for (JsonNode season : row.path("seasons")) {
            int s = season.path("number").asInt(-1);
            for (JsonNode ep : season.path("episodes")) {
                int e = ep.path("number").asInt(-1);
                if (s >= 0 && e >= 0) {
                    Instant at = instant(ep.path("watched_at"));
                    episodes.add(new Episode(s, e, at != null ? at : lastWatched));
                }
            }
        }
        int year = media.path("year").asInt(0);
        int rating = row.path("user_rating").asInt(0);
        return new Row(kind, type, ids(media.path("ids")), text(media.path("title")),
                year >= 1870 && year <= 2200 ? year : null, text(row.path("status")),
                rating >= 1 && rating <= 10 ? rating : null, instant(row.path("user_rated_at")), lastWatched,
                List.copyOf(episodes));
    }

    /** @return the ids of a SIMKL {@code ids} object; numbers and strings alike */
    static MediaIds ids(JsonNode ids) {
        Map<String, String> m = new HashMap<>();
        for (String ns : ID_KEYS) {
            JsonNode v = ids.path(ns);
            if (!v.isMissingNode() && !v.isNull()) {
                m.put(ns, v.asText());
            }
        }
        return new MediaIds(m);
    }

    /** @return the plan-to-watch rows as watchlist items */
    List<MediaItem> watchlist() {
        List<MediaItem> out = new ArrayList<>();
        for (Row r : rows) {
            if (PLANTOWATCH.equals(r.status())) {
                out.add(r.item().attribute(STATUS, r.status()).build());
            }
        }
        return out;
    }

    /** @return completed films and every watched episode */
    List<MediaItem> history() {
        List<MediaItem> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.type() == MediaType.MOVIE) {
                if (COMPLETED.equals(r.status())) {
                    out.add(r.item().watchedAt(r.lastWatchedAt()).build());
                }
                continue;
            }
            for (Episode e : r.episodes()) {
                out.add(MediaItem.builder(MediaType.EPISODE).showIds(r.ids()).showTitle(r.title())
                        .season(e.season()).episode(e.number()).watchedAt(e.watchedAt()).attribute(KIND, r.kind()).build());
            }
        }
        return out;
    }

    /** @return the rated rows with their 1–10 rating */
    List<MediaItem> ratings() {
        List<MediaItem> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.rating() != null) {
                out.add(r.item().rating(r.rating()).ratedAt(r.ratedAt()).build());
            }
        }
        return out;
    }

    /**
     * @param type a movie or a show
     * @param ids  any of its ids
     * @return the library row sharing one of the ids, if the item is in the library
     */
    Optional<Row> find(MediaType type, MediaIds ids) {
        for (Map.Entry<String, String> e : ids.values().entrySet()) {
            Row r = byId.get(key(type, e.getKey(), e.getValue()));
            if (r != null) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** @return how many rows */
    int size() {
        return rows.size();
    }

    private static String key(MediaType type, String ns, String value) {
        return type.key() + '|' + ns + ':' + value;
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }

    /** Parses {@code 2016-10-29T09:03:45Z} and {@code 2021-06-23T13:19:05.000Z} alike. */
    static Instant instant(JsonNode n) {
        String s = text(n);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
