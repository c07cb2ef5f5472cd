package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.core.internal.local.ImportContext;
import io.crosswatch.core.internal.local.ItemJsonCodec;
import io.crosswatch.core.internal.local.ItemJsonImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The common item JSON shape, shared with CrossWatch (Python): a JSON array of objects
 * <pre>{@code
 * {"feature": "history", "type": "episode", "title": "…", "year": 2019,
 *  "ids": {"imdb": "tt…", "tmdb": "…", "tvdb": "…", "trakt": "…"},
 *  "show_ids": {…}, "show_title": "…", "season": 1, "episode": 3,
 *  "watched_at": "2024-03-01T20:15:00Z", "rating": 8, "rated_at": "…",
 *  "progress": {"position_ms": 1200000, "duration_ms": 3600000, "percent": 33.33, "updated_at": "…"},
 *  "list": "…", "attributes": {"trakt.history_id": "…"}}
 * }</pre>
 * Writing is canonical (absent values are left out; {@code feature} only through {@link
 * #write(Map, OutputStream)}). Reading is lenient: {@code movie}/{@code show}/{@code episode}
 * types, numbers as strings, ids at top level ({@code "imdb": "tt…"}), dates as instants, offsets
 * or plain days; each bad value becomes an {@link ImportProblem} with its JSON path
 * ({@code $[12].ids.tmdb}). An item without {@code feature} goes to the feature its payload implies
 * (progress, list, rating, watched date, else watchlist). Round trips are lossless for every
 * value a {@link MediaItem} holds.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ItemJson {

    private ItemJson() {
    }

    /**
     * @param file a JSON file
     * @return the items per feature and the problems
     * @throws CrossWatchException naming the file when it cannot be read
     */
    public static ImportResult read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new CrossWatchException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param in      the JSON (not closed)
     * @param display the name used in problems
     * @return the items per feature and the problems
     */
    public static ImportResult read(InputStream in, String display) {
        Map<Feature, List<MediaItem>> items = new EnumMap<>(Feature.class);
        ImportContext ctx = new ImportContext((f, i) -> items.computeIfAbsent(f, k -> new ArrayList<>()).add(i));
        try {
            ItemJsonImporter.read(in, display, ctx);
        } catch (IOException e) {
            throw new CrossWatchException("cannot read " + display + ": " + e.getMessage(), e);
        }
        return new ImportResult(items, ctx.report(ImportFormat.ITEM_JSON));
    }

    /**
     * Writes items without a {@code feature} field.
     *
     * @param items the items
     * @param out   where to write (not closed)
     */
    public static void write(List<MediaItem> items, OutputStream out) {
        writeEntries(items.stream().map(i -> new AbstractMap.SimpleImmutableEntry<Feature, MediaItem>(null, i)).toList(), out);
    }

    /**
     * Writes items with their {@code feature}, features in declaration order.
     *
     * @param items items per feature
     * @param out   where to write (not closed)
     */
    public static void write(Map<Feature, List<MediaItem>> items, OutputStream out) {
        List<Map.Entry<Feature, MediaItem>> all = new ArrayList<>();
        for (Feature f : Feature.values()) {
            for (MediaItem i : items.getOrDefault(f, List.of())) {
                all.add(Map.entry(f, i));
            }
        }
        writeEntries(all, out);
    }

    /**
     * @param item an item
     * @return its canonical JSON object as text (one line)
     */
    public static String toJson(MediaItem item) {
        return ItemJsonCodec.toNode(item, null).toString();
    }

    private static void writeEntries(List<? extends Map.Entry<Feature, MediaItem>> entries, OutputStream out) {
        try {
            // One item per line: diff-friendly, and written item by item without building a tree of the whole array.
            out.write('[');
            boolean first = true;
            for (Map.Entry<Feature, MediaItem> e : entries) {
                out.write((first ? "\n  " : ",\n  ").getBytes(StandardCharsets.UTF_8));
                out.write(ItemJsonCodec.MAPPER.writeValueAsBytes(ItemJsonCodec.toNode(e.getValue(), e.getKey())));
                first = false;
            }
            out.write((entries.isEmpty() ? "]\n" : "\n]\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write item JSON: " + e.getMessage(), e);
        }
    }
}
