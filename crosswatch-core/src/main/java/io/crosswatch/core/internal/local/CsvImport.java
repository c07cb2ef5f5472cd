package io.crosswatch.core.internal.local;

import java.io.IOException;
import java.io.InputStream;

/**
 * The row loop shared by the CSV importers: a row whose handler throws {@link IllegalArgumentException}
 * is skipped with the reason and its line, and the rest of the file imports. A malformed file
 * (an unterminated quote) stops that file with a problem naming the line.
 */
final class CsvImport {

    /** Handles one row of a table. */
    interface RowHandler {
        void row(CsvTable table);
    }

    private CsvImport() {
    }

    static void each(ImportSource.Entry entry, ImportContext ctx, CsvTable table, RowHandler handler) throws IOException {
        try {
            while (table.next() != null) {
                try {
                    handler.row(table);
                } catch (IllegalArgumentException e) {
                    ctx.skip(entry.display(), table.line(), null, e.getMessage());
                }
            }
        } catch (CsvReader.CsvException e) {
            ctx.skip(entry.display(), e.line(), null, e.getMessage() + "; the rest of this file was not read");
        }
    }

    static void each(ImportSource.Entry entry, ImportContext ctx, RowHandler handler) throws IOException {
        try (InputStream in = entry.open(); CsvTable table = CsvTable.open(in)) {
            each(entry, ctx, table, handler);
        }
    }

    static Integer year(String text, String column) {
        if (text == null) {
            return null;
        }
        try {
            int y = Integer.parseInt(text.strip());
            if (y < 1870 || y > 2200) {
                throw new IllegalArgumentException(column + " '" + text + "' is not a plausible year");
            }
            return y;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a year");
        }
    }

    static java.time.Instant date(String text, String column) {
        if (text == null) {
            return null;
        }
        try {
            return Dates.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + " " + e.getMessage());
        }
    }
}
