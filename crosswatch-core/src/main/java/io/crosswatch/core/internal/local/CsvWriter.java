package io.crosswatch.core.internal.local;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes RFC 4180 CSV records (CRLF line ends, quotes only where needed). */
public final class CsvWriter {

    private final Writer out;

    /** @param out where to write; not closed here */
    public CsvWriter(Writer out) {
        this.out = out;
    }

    /**
     * Writes one record.
     *
     * @param fields the fields; {@code null} is written as an empty field
     * @throws IOException when writing fails
     */
    public void write(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || !value.isEmpty() && (value.charAt(0) == ' ' || value.endsWith(" "));
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
