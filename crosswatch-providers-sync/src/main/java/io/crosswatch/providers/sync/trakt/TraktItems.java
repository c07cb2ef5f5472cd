package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trakt's standard media objects ↔ {@link MediaItem}: the typed list entries that reads return
 * ({@code {"type":"episode","episode":{…},"show":{…}}}) and the entries of the bulk write body
 * ({@code movies[]}, {@code shows[].seasons[].episodes[]}, …).
 */
final class TraktItems {

    /** Trakt id namespaces, in the order they are sent. */
    static final List<String> ID_KEYS = List.of(MediaIds.TRAKT, MediaIds.SLUG, MediaIds.IMDB, MediaIds.TMDB, MediaIds.TVDB);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Which ids Trakt accepts when sending each type (its request schema); others are ignored. */
    private static final Map<MediaType, List<String>> SENDABLE = Map.of(
            MediaType.MOVIE, List.of(MediaIds.TRAKT, MediaIds.SLUG, MediaIds.IMDB, MediaIds.TMDB),
            MediaType.SHOW, ID_KEYS,
            MediaType.SEASON, List.of(MediaIds.TRAKT, MediaIds.TMDB, MediaIds.TVDB),
            MediaType.EPISODE, List.of(MediaIds.TRAKT, MediaIds.TVDB, MediaIds.IMDB, MediaIds.TMDB));

    private TraktItems() {
    }

    // ------------------------------------------------------------------ reading

    /** @return the ids of a Trakt {@code ids} object */
    static MediaIds ids(JsonNode ids) {
        MediaIds out = MediaIds.empty();
        for (String key : ID_KEYS) {
            JsonNode v = ids.path(key);
            if (!v.isMissingNode() && !v.isNull()) {
                out = out.with(key, v.isNumber() ? v.asLong() : v.asText());
            }
        }
        return out;
    }

    /**
     * @param entry a list entry of a sync or list endpoint (watchlist, ratings, history,
     *              playback, list items)
     * @return the item it names, without feature payload; empty for people and unknown types
     */
    static Optional<MediaItem.Builder> item(JsonNode entry) {
        String type = entry.path("type").asText("");
        if (type.isEmpty()) {
            type = entry.has("episode") ? "episode" : entry.has("season") ? "season" : entry.has("movie") ? "movie"
                    : entry.has("show") ? "show" : "";
        }
        JsonNode show = entry.path("show");
        switch (type) {
            case "movie" -> {
                JsonNode m = entry.path("movie");
                return Optional.of(titled(MediaItem.builder(MediaType.MOVIE), m).ids(ids(m.path("ids"))));
            }
            case "show" -> {
                return Optional.of(titled(MediaItem.builder(MediaType.SHOW), show).ids(ids(show.path("ids"))));
            }
            case "season" -> {
                JsonNode s = entry.path("season");
                if (!s.path("number").canConvertToInt()) {
                    return Optional.empty();
                }
                return Optional.of(MediaItem.builder(MediaType.SEASON).ids(ids(s.path("ids")))
                        .season(s.path("number").asInt()).showIds(ids(show.path("ids")))
                        .showTitle(text(show, "title")).year(year(show)));
            }
            case "episode" -> {
                JsonNode e = entry.path("episode");
                if (!e.path("season").canConvertToInt() || !e.path("number").canConvertToInt()) {
                    return Optional.empty();
                }
                return Optional.of(MediaItem.builder(MediaType.EPISODE).ids(ids(e.path("ids"))).title(text(e, "title"))
                        .season(e.path("season").asInt()).episode(e.path("number").asInt())
                        .showIds(ids(show.path("ids"))).showTitle(text(show, "title")));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** @return the runtime in minutes Trakt gives for the entry's movie or episode ({@code extended=full}) */
    static long runtimeMinutes(JsonNode entry) {
        JsonNode media = entry.has("episode") ? entry.path("episode") : entry.path("movie");
        return media.path("runtime").asLong(0);
    }

    static Optional<Instant> instant(JsonNode node, String field) {
        String s = node.path(field).asText("");
        if (s.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static MediaItem.Builder titled(MediaItem.Builder b, JsonNode media) {
        return b.title(text(media, "title")).year(year(media));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static Integer year(JsonNode media) {
        JsonNode y = media.path("year");
        // MediaItem accepts 1870–2200; Trakt sends null or 0 for unknown years
        return y.canConvertToInt() && y.asInt() >= 1870 && y.asInt() <= 2200 ? y.asInt() : null;
    }

    /**
     * Whether two items name the same title: same type, and a shared id, or for seasons and
     * episodes a shared show id and the same numbers.
     */
    static boolean same(MediaItem a, MediaItem b) {
        if (a.type() != b.type()) {
            return false;
        }
        if (sharesId(a.ids(), b.ids())) {
            return true;
        }
        return (a.type() == MediaType.EPISODE || a.type() == MediaType.SEASON) && sharesId(a.showIds(), b.showIds())
                && a.season().equals(b.season()) && a.episode().equals(b.episode());
    }

    private static boolean sharesId(MediaIds a, MediaIds b) {
        for (Map.Entry<String, String> e : a.values().entrySet()) {
            if (e.getValue().equals(b.values().get(e.getKey()))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ writing

    /**
     * One item's entry in a bulk write body.
     *
     * @param array    the body array it goes into: {@code movies}, {@code shows}, {@code seasons}, {@code episodes}
     * @param root     the element added to that array
     * @param leaf     the node naming the item itself, where per-item fields ({@code rating},
     *                 {@code watched_at}) go: the root for movies and shows, the nested season
     *                 or episode otherwise
     * @param countKey the key of Trakt's {@code added}/{@code deleted} counts that counts it
     */
    record Entry(String array, ObjectNode root, ObjectNode leaf, String countKey) {
    }

    /**
     * @param item the item
     * @return its body entry, or empty when it has no id Trakt can match. Episodes and seasons
     *         are addressed through their show (show ids + numbers, Trakt's robust form) when
     *         the show's ids are known, else by their own ids.
     */
    static Optional<Entry> entry(MediaItem item) {
        switch (item.type()) {
            case MOVIE, SHOW -> {
                ObjectNode ids = idsNode(item.ids(), item.type());
                if (ids.isEmpty()) {
                    return Optional.empty();
                }
                ObjectNode root = JSON.objectNode();
                item.title().ifPresent(t -> root.put("title", t));
                item.year().ifPresent(y -> root.put("year", y));
                root.set("ids", ids);
                String array = item.type() == MediaType.MOVIE ? "movies" : "shows";
                return Optional.of(new Entry(array, root, root, array));
            }
            case SEASON -> {
                ObjectNode showIds = idsNode(item.showIds(), MediaType.SHOW);
                int season = item.season().orElseThrow();
                if (!showIds.isEmpty()) {
                    ObjectNode root = JSON.objectNode();
                    root.set("ids", showIds);
                    ObjectNode s = root.putArray("seasons").addObject().put("number", season);
                    return Optional.of(new Entry("shows", root, s, "seasons"));
                }
                ObjectNode ids = idsNode(item.ids(), MediaType.SEASON);
                if (ids.isEmpty()) {
                    return Optional.empty();
                }
                ObjectNode root = JSON.objectNode();
                root.set("ids", ids);
                return Optional.of(new Entry("seasons", root, root, "seasons"));
            }
            default -> {
                ObjectNode showIds = idsNode(item.showIds(), MediaType.SHOW);
                if (!showIds.isEmpty()) {
                    ObjectNode root = JSON.objectNode();
                    root.set("ids", showIds);
                    ObjectNode s = root.putArray("seasons").addObject().put("number", item.season().orElseThrow());
                    ObjectNode e = s.putArray("episodes").addObject().put("number", item.episode().orElseThrow());
                    return Optional.of(new Entry("shows", root, e, "episodes"));
                }
                ObjectNode ids = idsNode(item.ids(), MediaType.EPISODE);
                if (ids.isEmpty()) {
                    return Optional.empty();
                }
                ObjectNode root = JSON.objectNode();
                root.set("ids", ids);
                return Optional.of(new Entry("episodes", root, root, "episodes"));
            }
        }
    }

    /** @return a Trakt {@code ids} object of the ids Trakt accepts for {@code type} (numbers as numbers) */
    static ObjectNode idsNode(MediaIds ids, MediaType type) {
        ObjectNode out = JSON.objectNode();
        for (String key : SENDABLE.get(type)) {
            ids.get(key).ifPresent(v -> {
                if (MediaIds.NUMERIC.contains(key)) {
                    out.put(key, Long.parseLong(v));
                } else {
                    out.put(key, v);
                }
            });
        }
        return out;
    }

    /** @return an {@link Instant} as Trakt wants it: UTC ISO-8601 with milliseconds and {@code Z} */
    static String timestamp(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(t);
    }
}
