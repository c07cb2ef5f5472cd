package io.crosswatch.core.internal.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.core.internal.json.JsonFields;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Converts {@link MediaItem}s to and from the common item JSON shape. Writing is canonical;
 * reading is lenient (CrossWatch's loose variants: numbers as strings, ids at top level, dates
 * as instants or days) and reports each bad value with its JSON path.
 */
public final class ItemJsonCodec {

    /** One mapper for the package; Jackson mappers are thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** Keys read as ids when they appear at the top level of an item. */
    private static final Set<String> TOP_LEVEL_IDS = Set.of(MediaIds.IMDB, MediaIds.TMDB, MediaIds.TVDB,
            MediaIds.TRAKT, MediaIds.SIMKL, MediaIds.ANILIST, MediaIds.MAL, MediaIds.ANIDB, MediaIds.KITSU);

    private ItemJsonCodec() {
    }

    /** A parsed item and the feature it declared, if any. */
    public record Parsed(MediaItem item, Feature feature) {
    }

    /**
     * @param item    the item
     * @param feature the feature to record, or {@code null} to leave it out
     * @return the canonical JSON object
     */
    public static ObjectNode toNode(MediaItem item, Feature feature) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (feature != null) {
            n.put("feature", feature.key());
        }
        n.put("type", item.type().key());
        item.title().ifPresent(t -> n.put("title", t));
        item.year().ifPresent(y -> n.put("year", y));
        if (!item.ids().isEmpty()) {
            n.set("ids", idsNode(item.ids()));
        }
        if (!item.showIds().isEmpty()) {
            n.set("show_ids", idsNode(item.showIds()));
        }
        item.showTitle().ifPresent(t -> n.put("show_title", t));
        item.season().ifPresent(s -> n.put("season", s));
        item.episode().ifPresent(e -> n.put("episode", e));
        item.watchedAt().ifPresent(w -> n.put("watched_at", w.toString()));
        item.rating().ifPresent(r -> n.put("rating", r));
        item.ratedAt().ifPresent(r -> n.put("rated_at", r.toString()));
        item.playback().ifPresent(p -> n.set("progress", progressNode(p)));
        item.list().ifPresent(l -> n.put("list", l));
        if (!item.attributes().isEmpty()) {
            ObjectNode an = n.putObject("attributes");
            item.attributes().forEach(an::put);
        }
        return n;
    }

    private static ObjectNode progressNode(Playback p) {
        ObjectNode pn = JsonNodeFactory.instance.objectNode();
        putMillis(pn, "position_ms", p.position());
        if (!p.duration().isZero()) {
            putMillis(pn, "duration_ms", p.duration());
            pn.put("percent", BigDecimal.valueOf(p.percent()).setScale(2, java.math.RoundingMode.HALF_UP));
        }
        pn.put("updated_at", p.updatedAt().toString());
        return pn;
    }

    /**
     * Streams the text of {@code toNode(item, null).toString()} without building the tree: the local
     * tracker stores every added item this way (200 000 rows in a first run of 100k each way). The
     * rare progress object still goes through its tree, so its decimals are written exactly as
     * before.
     *
     * @param g    a generator of {@link #MAPPER}'s factory (it writes the progress tree)
     * @param item the item
     * @throws IOException when the generator fails
     */
    public static void write(JsonGenerator g, MediaItem item) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", item.type().key());
        if (item.title().isPresent()) {
            g.writeStringField("title", item.title().get());
        }
        if (item.year().isPresent()) {
            g.writeNumberField("year", item.year().get());
        }
        JsonFields.writeStrings(g, "ids", item.ids().values());
        JsonFields.writeStrings(g, "show_ids", item.showIds().values());
        if (item.showTitle().isPresent()) {
            g.writeStringField("show_title", item.showTitle().get());
        }
        if (item.season().isPresent()) {
            g.writeNumberField("season", item.season().get());
        }
        if (item.episode().isPresent()) {
            g.writeNumberField("episode", item.episode().get());
        }
        if (item.watchedAt().isPresent()) {
            g.writeStringField("watched_at", item.watchedAt().get().toString());
        }
        if (item.rating().isPresent()) {
            g.writeNumberField("rating", item.rating().get());
        }
        if (item.ratedAt().isPresent()) {
            g.writeStringField("rated_at", item.ratedAt().get().toString());
        }
        if (item.playback().isPresent()) {
            g.writeFieldName("progress");
            g.writeTree(progressNode(item.playback().get()));
        }
        if (item.list().isPresent()) {
            g.writeStringField("list", item.list().get());
        }
        JsonFields.writeStrings(g, "attributes", item.attributes());
        g.writeEndObject();
    }

    private static ObjectNode idsNode(MediaIds ids) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ids.values().forEach(o::put);
        return o;
    }

    private static void putMillis(ObjectNode n, String key, Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000 == 0) {
            n.put(key, nanos / 1_000_000);
        } else {
            n.put(key, BigDecimal.valueOf(nanos).movePointLeft(6));
        }
    }

    /**
     * Reads one item leniently.
     *
     * @param node    the JSON value
     * @param path    its JSON path, e.g. {@code $[12]}
     * @param problem receives (path, reason) for every bad value
     * @return the item, or {@code null} when it cannot be built (the reason was reported)
     */
    public static Parsed fromNode(JsonNode node, String path, BiConsumer<String, String> problem) {
        if (!node.isObject()) {
            problem.accept(path, "expected an object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        Feature feature = null;
        if (node.hasNonNull("feature")) {
            try {
                feature = Feature.fromKey(node.get("feature").asText());
            } catch (IllegalArgumentException e) {
                problem.accept(path + ".feature", e.getMessage());
            }
        }
        MediaIds ids = readIds(node.get("ids"), path + ".ids", problem);
        for (String ns : TOP_LEVEL_IDS) {
            for (String key : List.of(ns, ns + "_id")) {
                JsonNode v = node.get(key);
                if (v != null && v.isValueNode() && !v.isNull()) {
                    ids = ids.merge(readIds(JsonNodeFactory.instance.objectNode().set(ns, v), path + "." + key, problem));
                }
            }
        }
        JsonNode show = node.get("show");
        MediaIds showIds = readIds(node.get("show_ids"), path + ".show_ids", problem);
        String showTitle = first(node, "show_title", "series_title");
        if (show != null && show.isObject()) {
            showIds = showIds.merge(readIds(show.get("ids"), path + ".show.ids", problem));
            if (showTitle == null) {
                showTitle = text(show, "title");
            }
        }
        Integer season = integer(node, "season", path, problem);
        Integer episode = integer(node, "episode", path, problem);
        if (episode == null) {
            episode = integer(node, "number", path, problem);
        }
        MediaType type;
        String typeText = text(node, "type");
        try {
            type = typeText != null ? MediaType.fromKey(typeText)
                    : episode != null ? MediaType.EPISODE : season != null ? MediaType.SEASON : MediaType.MOVIE;
        } catch (IllegalArgumentException e) {
            problem.accept(path + ".type", e.getMessage());
            return null;
        }
        String title = text(node, "title");
        if (type == MediaType.SHOW && !showIds.isEmpty()) {
            // Trakt-like {type: show, show: {…}}: the show block describes the item itself.
            ids = ids.merge(showIds);
            title = title != null ? title : showTitle;
            showIds = MediaIds.empty();
            showTitle = null;
        }
        MediaItem.Builder b = MediaItem.builder(type).ids(ids).showIds(showIds).showTitle(showTitle)
                .season(season).episode(episode);
        b.title(title != null ? title : text(node, "name"));
        Integer year = null;
        for (String key : List.of("year", "release_year", "first_air_year", "movie_year", "show_year")) {
            if (year == null) {
                year = integer(node, key, path, problem);
            }
        }
        if (year != null && (year < 1870 || year > 2200)) {
            problem.accept(path + ".year", "year " + year + " is out of range; ignored");
            year = null;
        }
        b.year(year);
        Instant watched = null;
        for (String key : List.of("watched_at", "watchedAt", "viewed_at", "last_watched_at")) {
            if (watched == null) {
                watched = instant(node, key, path, problem);
            }
        }
        b.watchedAt(watched);
        Integer rating = node.hasNonNull("rating") ? rating(node.get("rating"), path + ".rating", problem)
                : rating(node.get("user_rating"), path + ".user_rating", problem);
        b.rating(rating);
        b.ratedAt(instant(node, "rated_at", path, problem));
        JsonNode progress = node.get("progress");
        if (progress != null && progress.isObject()) {
            b.playback(playback(progress, path + ".progress", problem));
        }
        String list = text(node, "list");
        b.list(list != null ? list : text(node, "list_name"));
        JsonNode attrs = node.get("attributes");
        if (attrs != null && attrs.isObject()) {
            for (Map.Entry<String, JsonNode> e : attrs.properties()) {
                if (!e.getValue().isNull()) {
                    b.attribute(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                }
            }
        }
        try {
            return new Parsed(b.build(), feature);
        } catch (IllegalArgumentException e) {
            problem.accept(path, e.getMessage());
            return null;
        }
    }

    private static MediaIds readIds(JsonNode ids, String path, BiConsumer<String, String> problem) {
        if (ids == null || ids.isNull()) {
            return MediaIds.empty();
        }
        if (!ids.isObject()) {
            problem.accept(path, "expected an object of ids");
            return MediaIds.empty();
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : ids.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull() || !v.isValueNode()) {
                continue;
            }
            String ns = e.getKey().toLowerCase(Locale.ROOT);
            String raw = v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble())
                    ? String.valueOf(v.asLong()) : v.asText();
            String norm = MediaIds.normalize(ns, raw);
            if (norm == null) {
                if (!raw.isBlank() && !raw.equals("0") && !raw.equalsIgnoreCase("null") && !raw.equalsIgnoreCase("none")) {
                    problem.accept(path + (path.endsWith("." + ns) || path.endsWith("_id") ? "" : "." + e.getKey()),
                            "'" + raw + "' is not a valid " + ns + " id; ignored");
                }
                continue;
            }
            out.put(ns, norm);
        }
        return new MediaIds(out);
    }

    private static String first(JsonNode node, String... keys) {
        for (String k : keys) {
            String v = text(node, k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static Integer integer(JsonNode node, String key, String path, BiConsumer<String, String> problem) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            problem.accept(path + "." + key, "'" + s + "' is not a whole number; ignored");
            return null;
        }
    }

    private static Instant instant(JsonNode node, String key, String path, BiConsumer<String, String> problem) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        if (v.isNumber()) {
            long n = v.asLong();
            // Seconds until the year 5138; larger values are milliseconds.
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        try {
            return Dates.parse(v.asText());
        } catch (IllegalArgumentException e) {
            problem.accept(path + "." + key, e.getMessage() + "; ignored");
            return null;
        }
    }

    private static Integer rating(JsonNode v, String path, BiConsumer<String, String> problem) {
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        double d;
        try {
            d = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
            problem.accept(path, "'" + v.asText() + "' is not a rating; ignored");
            return null;
        }
        long r = Math.round(d);
        if (r < 1 || r > 10) {
            problem.accept(path, "rating " + v.asText() + " is outside 1–10; ignored");
            return null;
        }
        return (int) r;
    }

    private static Playback playback(JsonNode p, String path, BiConsumer<String, String> problem) {
        Duration position = millis(p.get("position_ms"), path + ".position_ms", problem);
        Duration duration = millis(p.get("duration_ms"), path + ".duration_ms", problem);
        Instant updated = instant(p, "updated_at", path, problem);
        if (updated == null) {
            problem.accept(path + ".updated_at", "a resume point needs updated_at; progress ignored");
            return null;
        }
        if (position == null && p.hasNonNull("percent") && duration != null && !duration.isZero()) {
            double pct = p.get("percent").asDouble(-1);
            if (pct < 0 || pct > 100) {
                problem.accept(path + ".percent", "percent must be 0–100; progress ignored");
                return null;
            }
            return Playback.ofPercent(pct, duration, updated);
        }
        if (position == null) {
            problem.accept(path, "a resume point needs position_ms (or percent with duration_ms); progress ignored");
            return null;
        }
        return new Playback(position, duration == null ? Duration.ZERO : duration, updated);
    }

    private static Duration millis(JsonNode v, String path, BiConsumer<String, String> problem) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            BigDecimal ms = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
            if (ms.signum() < 0) {
                problem.accept(path, "must not be negative; ignored");
                return null;
            }
            return Duration.ofNanos(ms.movePointRight(6).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            problem.accept(path, "'" + v.asText() + "' is not a number of milliseconds; ignored");
            return null;
        }
    }

    /**
     * Guesses the feature of an item that does not say: a rating means ratings, a resume point
     * progress, a list playlists, a watched date history, anything else the watchlist.
     *
     * @param item the item
     * @return the feature
     */
    public static Feature inferFeature(MediaItem item) {
        if (item.playback().isPresent()) {
            return Feature.PROGRESS;
        }
        if (item.list().isPresent()) {
            return Feature.PLAYLISTS;
        }
        if (item.rating().isPresent()) {
            return Feature.RATINGS;
        }
        if (item.watchedAt().isPresent()) {
            return Feature.HISTORY;
        }
        return Feature.WATCHLIST;
    }
}
