package io.crosswatch.core.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Side;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exactly what one run wrote, per feature and side: the items it added, the items it removed (in
 * full, so they can be restored even if the service forgot them) and the items it changed with
 * their previous values. The engine stores it inside the run record's report under
 * {@value #FIELD}; {@link io.crosswatch.core.UndoService} reads it back to revert a run.
 *
 * <p>As a {@link JsonSerializable} it can be put into a report map as it is: Jackson then streams
 * it ({@link #writeJson}) in exactly the shape of {@link #toJson()}, without building a tree of
 * every item (a first run of 100k writes 200 000 items into its journal).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class RunJournal implements JsonSerializable {

    /** The report field holding the journal. */
    public static final String FIELD = "journal";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One changed item.
     *
     * @param item     the value the run wrote
     * @param previous the value before the run
     */
    public record Change(MediaItem item, MediaItem previous) {
        /** Validates. */
        public Change {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(previous, "previous");
        }
    }

    /**
     * What the run wrote to one side for one feature.
     *
     * @param added   items added
     * @param removed items removed, as they were before removal
     * @param changed items changed, with their previous values
     */
    public record Writes(List<MediaItem> added, List<MediaItem> removed, List<Change> changed) {
        /** Copies. */
        public Writes {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        /** @return whether nothing was written */
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    private final Map<Feature, Map<Side, Writes>> writes;

    private RunJournal(Map<Feature, Map<Side, Writes>> writes) {
        Map<Feature, Map<Side, Writes>> copy = new EnumMap<>(Feature.class);
        writes.forEach((f, m) -> {
            Map<Side, Writes> sides = new EnumMap<>(Side.class);
            m.forEach((s, w) -> {
                if (!w.isEmpty()) {
                    sides.put(s, w);
                }
            });
            if (!sides.isEmpty()) {
                copy.put(f, Collections.unmodifiableMap(sides));
            }
        });
        this.writes = Collections.unmodifiableMap(copy);
    }

    /**
     * @param writes per feature and side
     * @return the journal (empty entries dropped)
     */
    public static RunJournal of(Map<Feature, Map<Side, Writes>> writes) {
        return new RunJournal(writes);
    }

    /** @return per feature and side what was written; only non-empty entries */
    public Map<Feature, Map<Side, Writes>> writes() {
        return writes;
    }

    /** @return what was written to one side for one feature */
    public Writes writes(Feature feature, Side side) {
        return writes.getOrDefault(feature, Map.of()).getOrDefault(side, new Writes(List.of(), List.of(), List.of()));
    }

    /** @return whether the run wrote nothing */
    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** @return the journal as a JSON tree (items in {@link MediaItemCodec}'s shape) */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        writes.forEach((f, sides) -> {
            ObjectNode fn = root.putObject(f.key());
            sides.forEach((s, w) -> {
                ObjectNode sn = fn.putObject(s.name().toLowerCase(java.util.Locale.ROOT));
                items(sn.putArray("added"), w.added());
                items(sn.putArray("removed"), w.removed());
                ArrayNode ch = sn.putArray("changed");
                for (Change c : w.changed()) {
                    ObjectNode cn = ch.addObject();
                    cn.set("item", tree(MediaItemCodec.write(c.item())));
                    cn.set("previous", tree(MediaItemCodec.write(c.previous())));
                }
            });
        });
        return root;
    }

    /**
     * Writes the journal as one JSON object, the same as serializing {@link #toJson()}.
     *
     * @param g the generator, positioned where a value may start
     * @throws IOException when the generator fails
     */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Map.Entry<Feature, Map<Side, Writes>> fe : writes.entrySet()) {
            g.writeObjectFieldStart(fe.getKey().key());
            for (Map.Entry<Side, Writes> se : fe.getValue().entrySet()) {
                Writes w = se.getValue();
                g.writeObjectFieldStart(se.getKey().name().toLowerCase(java.util.Locale.ROOT));
                writeItems(g, "added", w.added());
                writeItems(g, "removed", w.removed());
                g.writeArrayFieldStart("changed");
                for (Change c : w.changed()) {
                    g.writeStartObject();
                    g.writeFieldName("item");
                    MediaItemCodec.writeItem(g, c.item());
                    g.writeFieldName("previous");
                    MediaItemCodec.writeItem(g, c.previous());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeItems(JsonGenerator g, String field, List<MediaItem> items) throws IOException {
        g.writeArrayFieldStart(field);
        for (MediaItem item : items) {
            MediaItemCodec.writeItem(g, item);
        }
        g.writeEndArray();
    }

    /** Streams the journal ({@link #writeJson}) when Jackson serializes it. */
    @Override
    public void serialize(JsonGenerator g, SerializerProvider serializers) throws IOException {
        writeJson(g);
    }

    /** The journal carries no type id: the same as {@link #serialize}. */
    @Override
    public void serializeWithType(JsonGenerator g, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
        writeJson(g);
    }

    /**
     * Reads the journal out of a run record's report.
     *
     * @param report the report JSON of a {@link RunRecord}
     * @return the journal, or empty when the report has none (a dry run, or a run recorded before
     *         journals existed)
     * @throws IllegalArgumentException when the report is not JSON or the journal is malformed
     */
    public static Optional<RunJournal> fromReport(String report) {
        JsonNode root = tree(report);
        JsonNode j = root.get(FIELD);
        if (j == null || !j.isObject()) {
            return Optional.empty();
        }
        Map<Feature, Map<Side, Writes>> out = new EnumMap<>(Feature.class);
        for (Map.Entry<String, JsonNode> fe : j.properties()) {
            Feature f = Feature.fromKey(fe.getKey());
            Map<Side, Writes> sides = new EnumMap<>(Side.class);
            for (Map.Entry<String, JsonNode> se : fe.getValue().properties()) {
                Side s = Side.valueOf(se.getKey().toUpperCase(java.util.Locale.ROOT));
                JsonNode w = se.getValue();
                List<Change> changed = new ArrayList<>();
                for (JsonNode c : w.path("changed")) {
                    changed.add(new Change(MediaItemCodec.readItem(c.get("item").toString()),
                            MediaItemCodec.readItem(c.get("previous").toString())));
                }
                sides.put(s, new Writes(list(w.path("added")), list(w.path("removed")), changed));
            }
            out.put(f, sides);
        }
        return Optional.of(new RunJournal(out));
    }

    private static void items(ArrayNode array, List<MediaItem> items) {
        items.forEach(i -> array.add(tree(MediaItemCodec.write(i))));
    }

    private static List<MediaItem> list(JsonNode array) {
        return array.isArray() ? MediaItemCodec.readList(array.toString()) : List.of();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RunJournal[");
        writes.forEach((f, sides) -> sides.forEach((s, w) -> sb.append(f.key()).append('/').append(s).append(" +")
                .append(w.added().size()).append(" -").append(w.removed().size()).append(" ~").append(w.changed().size())
                .append(' ')));
        return sb.toString().trim() + "]";
    }
}
