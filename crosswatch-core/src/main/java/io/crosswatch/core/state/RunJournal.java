package io.crosswatch.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class RunJournal {

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
