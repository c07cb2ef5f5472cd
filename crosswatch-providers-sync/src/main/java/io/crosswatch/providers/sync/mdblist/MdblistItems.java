package io.crosswatch.providers.sync.mdblist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Unresolved;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MDBList's JSON rows ↔ {@link MediaItem}. Row shapes vary between unified and split responses
 * (see the fact sheet), so every field is read defensively: TMDB as {@code id} or
 * {@code ids.tmdb}, IMDb as {@code imdb_id} or {@code ids.imdb}, TVDB as {@code tvdb_id} or
 * {@code ids.tvdb} ({@code 0} meaning none).
 */
final class MdblistItems {

    /** Marks which array of a split response a row came from. */
    static final String BUCKET = "_bucket";
    static final String ATTR_LIST_ID = "mdblist.listId";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> MEDIA_BUCKETS = List.of("items", "results", "movies", "shows");
    private static final List<String> RATING_BUCKETS = List.of("movies", "shows", "seasons", "episodes");

    private MdblistItems() {
    }

    /** The rows of a watchlist or list page, unified ({@code items}/{@code results}) or split. */
    static List<JsonNode> mediaRows(JsonNode body) {
        List<JsonNode> out = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(out::add);
            return out;
        }
        for (String bucket : MEDIA_BUCKETS) {
            for (JsonNode row : body.path(bucket)) {
                if (row instanceof ObjectNode o && !o.hasNonNull("mediatype")) {
                    if (bucket.equals("movies")) {
                        o.put("mediatype", "movie");
                    } else if (bucket.equals("shows")) {
                        o.put("mediatype", "show");
                    }
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The rows of a ratings page, each tagged with its bucket. */
    static List<JsonNode> ratingRows(JsonNode body) {
        List<JsonNode> out = new ArrayList<>();
        for (String bucket : RATING_BUCKETS) {
            for (JsonNode row : body.path(bucket)) {
                if (row instanceof ObjectNode o) {
                    o.put(BUCKET, bucket);
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** Whether a page says more follow; without a flag, a full page means "maybe more". */
    static boolean hasMore(JsonNode body, int limit) {
        JsonNode flag = body.path("pagination").path("has_more");
        if (flag.isBoolean()) {
            return flag.asBoolean();
        }
        int rows = body.isArray() ? body.size() : 0;
        for (String bucket : List.of("items", "results", "movies", "shows", "seasons", "episodes")) {
            rows += body.path(bucket).size();
        }
        return rows >= limit;
    }

    /** The ids of a row or nested media object. */
    static MediaIds ids(JsonNode o) {
        JsonNode ids = o.path("ids");
        return MediaIds.empty()
                .with(MediaIds.TMDB, first(ids.path("tmdb"), o.path("tmdb_id"), o.path("id")))
                .with(MediaIds.IMDB, first(ids.path("imdb"), o.path("imdb_id")))
                .with(MediaIds.TVDB, first(ids.path("tvdb"), o.path("tvdb_id")))
                .with(MediaIds.TRAKT, first(ids.path("trakt"), o.path("trakt_id")))
                .with("mdblist", first(ids.path("mdblist")));
    }

    private static Object first(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n.isNumber()) {
                return n.asLong();
            }
            if (n.isTextual() && !n.asText().isBlank()) {
                return n.asText();
            }
        }
        return null;
    }

    /** A watchlist or list row as an item, or an unresolved entry when it cannot be matched. */
    static Parsed mediaRow(JsonNode row, String list, String listId) {
        MediaType type = typeOf(row.path("mediatype").asText(""));
        MediaItem.Builder b = MediaItem.builder(type == null ? MediaType.MOVIE : type)
                .ids(ids(row)).title(text(row, "title")).year(year(row)).list(list)
                .attribute(ATTR_LIST_ID, listId);
        MediaItem item = b.build();
        if (type == null) {
            return Parsed.unresolved(item, "MDBList row has an unknown mediatype '" + row.path("mediatype").asText() + "'");
        }
        return strongIds(item.ids()) ? Parsed.ok(item) : Parsed.unresolved(item, "MDBList row has no IMDb, TMDB or TVDB id");
    }

    /** A ratings row (movies, shows with nested seasons/episodes, seasons, episodes) as items. */
    static List<Parsed> ratingRow(JsonNode row) {
        String bucket = row.path(BUCKET).asText();
        List<Parsed> out = new ArrayList<>();
        Instant ratedAt = instant(row.path("rated_at"));
        switch (bucket) {
            case "movies" -> {
                JsonNode movie = row.has("movie") ? row.path("movie") : row;
                rated(out, MediaItem.builder(MediaType.MOVIE).ids(ids(movie)).title(text(movie, "title")).year(year(movie)),
                        row.path("rating"), ratedAt, ids(movie));
            }
            case "shows" -> {
                JsonNode show = row.has("show") ? row.path("show") : row;
                MediaIds showIds = ids(show);
                String title = text(show, "title");
                rated(out, MediaItem.builder(MediaType.SHOW).ids(showIds).title(title).year(year(show)),
                        row.path("rating"), ratedAt, showIds);
                for (JsonNode season : row.path("seasons")) {
                    Integer s = number(season.path("number"));
                    if (s == null) {
                        continue;
                    }
                    Instant seasonAt = instantOr(season.path("rated_at"), ratedAt);
                    rated(out, MediaItem.builder(MediaType.SEASON).showIds(showIds).showTitle(title).season(s),
                            season.path("rating"), seasonAt, showIds);
                    for (JsonNode episode : season.path("episodes")) {
                        Integer e = number(episode.path("number"));
                        if (e != null) {
                            rated(out, MediaItem.builder(MediaType.EPISODE).showIds(showIds).showTitle(title).season(s)
                                    .episode(e), episode.path("rating"), instantOr(episode.path("rated_at"), seasonAt), showIds);
                        }
                    }
                }
            }
            case "seasons" -> {
                JsonNode show = row.path("show");
                Integer s = number(row.path("season").path("number"), row.path("number"));
                if (s != null) {
                    rated(out, MediaItem.builder(MediaType.SEASON).showIds(ids(show)).showTitle(text(show, "title"))
                            .season(s), row.path("rating"), ratedAt, ids(show));
                }
            }
            case "episodes" -> {
                JsonNode show = row.path("show");
                JsonNode episode = row.path("episode");
                Integer s = number(episode.path("season"), row.path("season"));
                Integer e = number(episode.path("number"), row.path("number"));
                if (s != null && e != null) {
                    rated(out, MediaItem.builder(MediaType.EPISODE).ids(ids(episode)).showIds(ids(show))
                            .showTitle(text(show, "title")).season(s).episode(e), row.path("rating"), ratedAt, ids(show));
                }
            }
            default -> {
                // not a bucket this connector asked for
            }
        }
        return out;
    }

    private static void rated(List<Parsed> out, MediaItem.Builder b, JsonNode rating, Instant ratedAt, MediaIds matchIds) {
        if (!rating.isNumber() || rating.asDouble() <= 0) {
            return; // a show row may carry only its seasons' ratings
        }
        int r = (int) Math.max(1, Math.min(10, Math.round(rating.asDouble())));
        MediaItem item = b.rating(r).ratedAt(ratedAt).build();
        out.add(strongIds(matchIds) ? Parsed.ok(item)
                : Parsed.unresolved(item, "MDBList rating has no IMDb, TMDB or TVDB id"));
    }

    /** Whether MDBList can be asked to write the item (it needs IMDb or TMDB ids). */
    static boolean writable(MediaItem item) {
        MediaIds ids = item.type() == MediaType.SEASON || item.type() == MediaType.EPISODE ? item.showIds() : item.ids();
        return ids.imdb().isPresent() || ids.tmdb().isPresent();
    }

    /** The flat id object of a write: {@code {"imdb": "tt…", "tmdb": 123}}. */
    static ObjectNode idObject(MediaIds ids) {
        ObjectNode o = JSON.objectNode();
        ids.imdb().ifPresent(v -> o.put("imdb", v));
        ids.tmdb().ifPresent(v -> o.put("tmdb", Long.parseLong(v)));
        if (!ids.imdb().isPresent() && !ids.tmdb().isPresent()) {
            ids.tvdb().ifPresent(v -> o.put("tvdb", Long.parseLong(v)));
        }
        ids.get("mdblist").ifPresent(v -> o.put("mdblist", v));
        return o;
    }

    /** A {@code {"movies": [...], "shows": [...]}} body of flat id objects. */
    static ObjectNode membershipBody(List<MediaItem> items) {
        ObjectNode body = JSON.objectNode();
        ArrayNode movies = body.putArray("movies");
        ArrayNode shows = body.putArray("shows");
        for (MediaItem item : items) {
            (item.type() == MediaType.MOVIE ? movies : shows).add(idObject(item.ids()));
        }
        return body;
    }

    /** A Trakt-like ratings body; seasons and episodes nest under their show. */
    static ObjectNode ratingsBody(List<MediaItem> items, boolean withRating) {
        ObjectNode body = JSON.objectNode();
        ArrayNode movies = body.putArray("movies");
        ArrayNode shows = body.putArray("shows");
        Map<MediaIds, ObjectNode> showNodes = new LinkedHashMap<>();
        for (MediaItem item : items) {
            switch (item.type()) {
                case MOVIE -> movies.add(rating(JSON.objectNode().set("ids", idObject(item.ids())), item, withRating));
                case SHOW -> rating(show(shows, showNodes, item.ids()), item, withRating);
                case SEASON -> rating(season(show(shows, showNodes, item.showIds()), item.season().orElseThrow()),
                        item, withRating);
                case EPISODE -> {
                    ObjectNode season = season(show(shows, showNodes, item.showIds()), item.season().orElseThrow());
                    ArrayNode episodes = season.has("episodes") ? (ArrayNode) season.get("episodes")
                            : season.putArray("episodes");
                    episodes.add(rating(JSON.objectNode().put("number", item.episode().orElseThrow()), item, withRating));
                }
                default -> throw new IllegalStateException("unreachable: " + item.type());
            }
        }
        return body;
    }

    private static ObjectNode show(ArrayNode shows, Map<MediaIds, ObjectNode> byIds, MediaIds ids) {
        return byIds.computeIfAbsent(ids, k -> {
            ObjectNode o = JSON.objectNode();
            o.set("ids", idObject(k));
            shows.add(o);
            return o;
        });
    }

    private static ObjectNode season(ObjectNode show, int number) {
        ArrayNode seasons = show.has("seasons") ? (ArrayNode) show.get("seasons") : show.putArray("seasons");
        for (JsonNode s : seasons) {
            if (s.path("number").asInt(-1) == number) {
                return (ObjectNode) s;
            }
        }
        return seasons.addObject().put("number", number);
    }

    private static ObjectNode rating(ObjectNode node, MediaItem item, boolean withRating) {
        if (withRating) {
            item.rating().ifPresent(r -> node.put("rating", r));
            item.ratedAt().ifPresent(t -> node.put("rated_at", t.toString()));
        }
        return node;
    }

    static MediaType typeOf(String mediatype) {
        return switch (mediatype.toLowerCase(java.util.Locale.ROOT)) {
            case "movie" -> MediaType.MOVIE;
            case "show", "tv", "series" -> MediaType.SHOW;
            default -> null;
        };
    }

    static boolean strongIds(MediaIds ids) {
        return ids.imdb().isPresent() || ids.tmdb().isPresent() || ids.tvdb().isPresent();
    }

    private static String text(JsonNode o, String field) {
        String v = o.path(field).asText("");
        return v.isBlank() ? null : v;
    }

    private static Integer year(JsonNode o) {
        Integer y = number(o.path("release_year"), o.path("year"));
        return y == null || y < 1870 || y > 2200 ? null : y;
    }

    private static Integer number(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n.isInt() || n.isLong() || (n.isTextual() && n.asText().matches("\\d{1,9}"))) {
                return n.asInt();
            }
        }
        return null;
    }

    private static Instant instantOr(JsonNode n, Instant fallback) {
        Instant i = instant(n);
        return i != null ? i : fallback;
    }

    static Instant instant(JsonNode n) {
        if (!n.isTextual() || n.asText().isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One parsed row: an item to sync or an entry that cannot be matched. */
    record Parsed(MediaItem item, Optional<String> problem) {
        static Parsed ok(MediaItem item) {
            return new Parsed(item, Optional.empty());
        }

        static Parsed unresolved(MediaItem item, String why) {
            return new Parsed(item, Optional.of(why));
        }

        Unresolved asUnresolved() {
            return new Unresolved(item, problem.orElseThrow());
        }
    }
}
