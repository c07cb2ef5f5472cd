package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an import produced: the items per feature and the {@link ImportReport}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ImportResult {

    private final Map<Feature, List<MediaItem>> items;
    private final ImportReport report;

    /**
     * @param items  items per feature (copied)
     * @param report the report
     */
    public ImportResult(Map<Feature, List<MediaItem>> items, ImportReport report) {
        EnumMap<Feature, List<MediaItem>> copy = new EnumMap<>(Feature.class);
        items.forEach((f, l) -> {
            if (!l.isEmpty()) {
                copy.put(f, List.copyOf(l));
            }
        });
        this.items = Collections.unmodifiableMap(copy);
        this.report = Objects.requireNonNull(report, "report");
    }

    /** @return items per feature; features without items are absent */
    public Map<Feature, List<MediaItem>> items() {
        return items;
    }

    /** @return the items of one feature, empty when none */
    public List<MediaItem> items(Feature feature) {
        return items.getOrDefault(feature, List.of());
    }

    /** @return every item of every feature, in feature order */
    public List<MediaItem> allItems() {
        List<MediaItem> out = new ArrayList<>();
        items.values().forEach(out::addAll);
        return List.copyOf(out);
    }

    /** @return the detected format */
    public ImportFormat format() {
        return report.format();
    }

    /** @return the problems found, each with file and line or JSON path */
    public List<ImportProblem> problems() {
        return report.problems();
    }

    /** @return counts and problems */
    public ImportReport report() {
        return report;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ImportResult[").append(report.format());
        items.forEach((f, l) -> sb.append(' ').append(f.key()).append('=').append(l.size()));
        return sb.append(" skipped=").append(report.skipped()).append(" problems=")
                .append(report.problems().size()).append(']').toString();
    }
}
