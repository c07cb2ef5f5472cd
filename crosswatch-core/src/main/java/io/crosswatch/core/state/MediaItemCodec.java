package io.crosswatch.core.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.core.internal.json.JsonFields;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shape of a {@link MediaItem} in the state database, in one place. Absent values are
 * omitted; instants are ISO-8601; durations are milliseconds:
 * <pre>{@code
 * {"type":"episode","ids":{"tvdb":"123"},"title":"Pilot","year":2017,"showIds":{"tmdb":"70523"},
 *  "showTitle":"Dark","season":1,"episode":1,"watchedAt":"2024-05-01T20:15:00Z","rating":8,
 *  "ratedAt":"…","playback":{"positionMs":600000,"durationMs":3000000,"updatedAt":"…"},
 *  "list":"Favourites","attributes":{"plex.ratingKey":"5678"}}
 * }</pre>
 * Written with a streaming generator and read with the tree model, so no reflection on our types.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class MediaItemCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private MediaItemCodec() {
    }

    /** The factory every writer of this shape uses, so their output agrees byte for byte. */
    static JsonFactory factory() {
        return FACTORY;
    }

    /** @return the item as JSON */
    public static String write(MediaItem item) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            writeItem(g, item);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a media item as JSON", e);
        }
        return w.toString();
    }

    /** @return the items as a JSON array */
    public static String write(List<MediaItem> items) {
        StringWriter w = new StringWriter(Math.max(64, items.size() * 80));
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartArray();
            for (MediaItem item : items) {
                writeItem(g, item);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write media items as JSON", e);
        }
        return w.toString();
    }

    /** Writes one item at the generator's position; shared with {@link RunJournal#writeJson}. */
    static void writeItem(JsonGenerator g, MediaItem item) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", item.type().key());
        JsonFields.writeStrings(g, "ids", item.ids().values());
        if (item.title().isPresent()) {
            g.writeStringField("title", item.title().get());
        }
        if (item.year().isPresent()) {
            g.writeNumberField("year", item.year().get());
        }
        JsonFields.writeStrings(g, "showIds", item.showIds().values());
        if (item.showTitle().isPresent()) {
            g.writeStringField("showTitle", item.showTitle().get());
        }
        if (item.season().isPresent()) {
            g.writeNumberField("season", item.season().get());
        }
        if (item.episode().isPresent()) {
            g.writeNumberField("episode", item.episode().get());
        }
        if (item.watchedAt().isPresent()) {
            g.writeStringField("watchedAt", item.watchedAt().get().toString());
        }
        if (item.rating().isPresent()) {
            g.writeNumberField("rating", item.rating().get());
        }
        if (item.ratedAt().isPresent()) {
            g.writeStringField("ratedAt", item.ratedAt().get().toString());
        }
        if (item.playback().isPresent()) {
            Playback p = item.playback().get();
            g.writeObjectFieldStart("playback");
            g.writeNumberField("positionMs", p.position().toMillis());
            g.writeNumberField("durationMs", p.duration().toMillis());
            g.writeStringField("updatedAt", p.updatedAt().toString());
            g.writeEndObject();
        }
        if (item.list().isPresent()) {
            g.writeStringField("list", item.list().get());
        }
        JsonFields.writeStrings(g, "attributes", item.attributes());
        g.writeEndObject();
    }

    /**
     * @param json a JSON object in this codec's shape
     * @return the item
     * @throws IllegalArgumentException when the JSON is not an item
     */
    public static MediaItem readItem(String json) {
        return item(tree(json));
    }

    /**
     * @param json a JSON array of items
     * @return the items
     * @throws IllegalArgumentException when the JSON is not an array of items
     */
    public static List<MediaItem> readList(String json) {
        JsonNode root = tree(json);
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of media items");
        }
        List<MediaItem> out = new ArrayList<>(root.size());
        for (JsonNode n : root) {
            out.add(item(n));
        }
        return out;
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed media item JSON: " + e.getMessage(), e);
        }
    }

    private static MediaItem item(JsonNode n) {
        try {
            return parse(n);
        } catch (java.time.DateTimeException e) {
            // a stored timestamp that does not parse is malformed input, reported as documented
            throw new IllegalArgumentException("malformed media item JSON: " + e.getMessage(), e);
        }
    }

    private static MediaItem parse(JsonNode n) {
        if (!n.isObject() || !n.hasNonNull("type")) {
            throw new IllegalArgumentException("a media item needs a 'type'");
        }
        MediaItem.Builder b = MediaItem.builder(MediaType.fromKey(n.get("type").asText()));
        b.ids(ids(n.get("ids")));
        b.showIds(ids(n.get("showIds")));
        if (n.hasNonNull("title")) {
            b.title(n.get("title").asText());
        }
        if (n.hasNonNull("year")) {
            b.year(n.get("year").asInt());
        }
        if (n.hasNonNull("showTitle")) {
            b.showTitle(n.get("showTitle").asText());
        }
        if (n.hasNonNull("season")) {
            b.season(n.get("season").asInt());
        }
        if (n.hasNonNull("episode")) {
            b.episode(n.get("episode").asInt());
        }
        if (n.hasNonNull("watchedAt")) {
            b.watchedAt(Instant.parse(n.get("watchedAt").asText()));
        }
        if (n.hasNonNull("rating")) {
            b.rating(n.get("rating").asInt());
        }
        if (n.hasNonNull("ratedAt")) {
            b.ratedAt(Instant.parse(n.get("ratedAt").asText()));
        }
        JsonNode p = n.get("playback");
        if (p != null && p.isObject()) {
            b.playback(new Playback(Duration.ofMillis(p.path("positionMs").asLong()), Duration.ofMillis(p.path("durationMs").asLong()),
                    Instant.parse(p.path("updatedAt").asText())));
        }
        if (n.hasNonNull("list")) {
            b.list(n.get("list").asText());
        }
        JsonNode attrs = n.get("attributes");
        if (attrs != null && attrs.isObject()) {
            for (Map.Entry<String, JsonNode> e : attrs.properties()) {
                b.attribute(e.getKey(), e.getValue().asText());
            }
        }
        return b.build();
    }

    private static MediaIds ids(JsonNode n) {
        if (n == null || !n.isObject()) {
            return MediaIds.empty();
        }
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            m.put(e.getKey(), e.getValue().asText());
        }
        return new MediaIds(m);
    }
}
