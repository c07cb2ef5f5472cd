package io.crosswatch.core.internal.local;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.core.local.ImportFormat;
import io.crosswatch.core.local.ImportProblem;
import io.crosswatch.core.local.ImportReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where importers put what they read: items go to a sink as they are parsed (so nothing is
 * buffered here), problems and counts are collected for the report.
 */
public final class ImportContext {

    /** Problems kept in the report; beyond this only the count grows, so a broken 100k-row file stays bounded. */
    static final int MAX_PROBLEMS = 1000;

    private final BiConsumer<Feature, MediaItem> sink;
    private final List<ImportProblem> problems = new ArrayList<>();
    private long imported;
    private long skipped;
    private long dropped;

    /** @param sink receives every item */
    public ImportContext(BiConsumer<Feature, MediaItem> sink) {
        this.sink = sink;
    }

    /** Hands one item to the sink. */
    public void item(Feature feature, MediaItem item) {
        imported++;
        sink.accept(feature, item);
    }

    /** Records a row that was skipped, with why. */
    public void skip(String file, long line, String where, String reason) {
        skipped++;
        problem(file, line, where, reason);
    }

    /** Records a problem with a row that was still imported (a bad value dropped). */
    public void problem(String file, long line, String where, String reason) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new ImportProblem(file, line, where, reason));
        } else {
            dropped++;
        }
    }

    /** @return the report */
    public ImportReport report(ImportFormat format) {
        List<ImportProblem> out = new ArrayList<>(problems);
        if (dropped > 0) {
            out.add(new ImportProblem("(all files)", 0, null, dropped + " more problem(s) not listed"));
        }
        return new ImportReport(format, imported, skipped, out);
    }
}
