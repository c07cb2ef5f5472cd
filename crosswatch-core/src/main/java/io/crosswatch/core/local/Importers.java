package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.core.internal.local.FormatDetector;
import io.crosswatch.core.internal.local.GenericCsvImporter;
import io.crosswatch.core.internal.local.ImdbCsvImporter;
import io.crosswatch.core.internal.local.ImportContext;
import io.crosswatch.core.internal.local.ImportSource;
import io.crosswatch.core.internal.local.ItemJsonImporter;
import io.crosswatch.core.internal.local.LetterboxdImporter;
import io.crosswatch.core.internal.local.TraktExportImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Reads other tools' exports into items per feature, detecting the format from file names and
 * header rows: IMDb ratings and list CSVs, Letterboxd's export (directory, ZIP or one CSV), Trakt's
 * export (ZIP, directory or one JSON file), the common item JSON ({@link ItemJson}) and generic
 * CSVs such as CrossWatch's own {@code csv} export.
 *
 * <p>Bad rows do not stop an import: each becomes an {@link ImportProblem} with file and line (or
 * JSON path) and the rest imports. Files are streamed row by row; {@link #read(Path, BiConsumer)}
 * hands items over as they are parsed so even the caller need not hold them all.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class Importers {

    private Importers() {
    }

    /**
     * @param path a file, directory or ZIP
     * @return its format
     * @throws CrossWatchException naming the file when it is missing or its format is not recognised
     */
    public static ImportFormat detect(Path path) {
        try (ImportSource source = ImportSource.open(path)) {
            return detect(source, path);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private static ImportFormat detect(ImportSource source, Path path) throws IOException {
        return FormatDetector.detect(source).orElseThrow(() -> new CrossWatchException("cannot tell the format of "
                + path + ": expected an IMDb ratings/list CSV, a Letterboxd export (watched.csv, ratings.csv, diary.csv,"
                + " watchlist.csv), a Trakt export ZIP, or an item JSON array"));
    }

    /**
     * Reads everything into memory.
     *
     * @param path a file, directory or ZIP
     * @return the items per feature and the report
     * @throws CrossWatchException when the file is missing, unreadable or of an unknown format
     */
    public static ImportResult read(Path path) {
        Map<Feature, List<MediaItem>> items = new EnumMap<>(Feature.class);
        ImportReport report = read(path, (f, item) -> items.computeIfAbsent(f, k -> new ArrayList<>()).add(item));
        return new ImportResult(items, report);
    }

    /**
     * Streams items to {@code sink} as they are parsed.
     *
     * @param path a file, directory or ZIP
     * @param sink receives each item with its feature, in file order
     * @return counts and problems
     * @throws CrossWatchException when the file is missing, unreadable or of an unknown format
     */
    public static ImportReport read(Path path, BiConsumer<Feature, MediaItem> sink) {
        Objects.requireNonNull(sink, "sink");
        try (ImportSource source = ImportSource.open(path)) {
            ImportFormat format = detect(source, path);
            ImportContext ctx = new ImportContext(sink);
            List<ImportSource.Entry> entries = source.entries();
            switch (format) {
                case IMDB_RATINGS -> ImdbCsvImporter.read(entries.get(0), true, ctx);
                case IMDB_LIST -> ImdbCsvImporter.read(entries.get(0), false, ctx);
                case LETTERBOXD -> {
                    if (source.isCollection()) {
                        LetterboxdImporter.readAll(entries, ctx);
                    } else {
                        LetterboxdImporter.readOne(entries.get(0), ctx);
                    }
                }
                case TRAKT -> TraktExportImporter.readAll(entries, ctx);
                case ITEM_JSON -> {
                    try (InputStream in = entries.get(0).open()) {
                        ItemJsonImporter.read(in, entries.get(0).display(), ctx);
                    }
                }
                case GENERIC_CSV -> GenericCsvImporter.read(entries.get(0), ctx);
                default -> throw new IllegalStateException("unhandled format " + format);
            }
            return ctx.report(format);
        } catch (IllegalArgumentException e) {
            throw new CrossWatchException(e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(path, e);
        }
    }

    private static CrossWatchException unreadable(Path path, Exception e) {
        if (e instanceof NoSuchFileException) {
            return new CrossWatchException("cannot import " + path + ": no such file or directory", e);
        }
        return new CrossWatchException("cannot import " + path + ": " + e.getMessage(), e);
    }
}
