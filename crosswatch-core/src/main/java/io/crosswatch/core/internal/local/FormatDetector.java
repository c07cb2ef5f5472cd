package io.crosswatch.core.internal.local;

import io.crosswatch.core.local.ImportFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Tells an import's format from its file names and, for a single CSV, its header row. */
public final class FormatDetector {

    private FormatDetector() {
    }

    /**
     * @param source the opened source
     * @return the format, or empty with nothing recognisable
     */
    public static Optional<ImportFormat> detect(ImportSource source) throws IOException {
        List<ImportSource.Entry> entries = source.entries();
        if (source.isCollection()) {
            if (entries.stream().anyMatch(e -> e.baseName().endsWith(".csv")
                    && LetterboxdImporter.kindByName(e) != LetterboxdImporter.Kind.IGNORED)) {
                return Optional.of(ImportFormat.LETTERBOXD);
            }
            if (entries.stream().anyMatch(TraktExportImporter::isTraktFile)) {
                return Optional.of(ImportFormat.TRAKT);
            }
            return Optional.empty();
        }
        ImportSource.Entry e = entries.get(0);
        if (e.baseName().endsWith(".json")) {
            return Optional.of(TraktExportImporter.isTraktFile(e) ? ImportFormat.TRAKT : ImportFormat.ITEM_JSON);
        }
        try (InputStream in = e.open(); CsvTable t = CsvTable.open(in)) {
            if (t.header().isEmpty()) {
                return Optional.empty();
            }
            String first = t.header().get(0).strip();
            if (first.startsWith("[") || first.startsWith("{")) {
                return Optional.of(ImportFormat.ITEM_JSON);
            }
            if (t.has("Const") && t.has("Position")) {
                return Optional.of(ImportFormat.IMDB_LIST);
            }
            if (t.has("Const") && t.has("Your Rating") && t.has("Date Rated")) {
                return Optional.of(ImportFormat.IMDB_RATINGS);
            }
            if (t.has("Letterboxd URI") || first.startsWith("Letterboxd list export")) {
                return Optional.of(ImportFormat.LETTERBOXD);
            }
            if (GenericCsvImporter.recognises(t)) {
                return Optional.of(ImportFormat.GENERIC_CSV);
            }
            return Optional.empty();
        } catch (CsvReader.CsvException ex) {
            return Optional.empty();
        }
    }
}
