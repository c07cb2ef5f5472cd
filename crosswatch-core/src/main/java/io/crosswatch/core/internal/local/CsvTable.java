package io.crosswatch.core.internal.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read row by row with its header: columns are looked up by name (case, spaces and
 * punctuation ignored), so column order and extra columns do not matter.
 */
public final class CsvTable implements AutoCloseable {

    private final CsvReader reader;
    private Map<String, Integer> columns = Map.of();
    private List<String> header = List.of();
    private List<String> row;
    /** Column names as callers spell them → normalized; rows are many, spellings few. */
    private final Map<String, String> normalized = new HashMap<>();

    private CsvTable(CsvReader reader) {
        this.reader = reader;
    }

    /**
     * Opens a stream as UTF-8 CSV and reads its header row.
     *
     * @param in the content; closed with the table
     * @return the table, positioned after the header
     */
    public static CsvTable open(InputStream in) throws IOException {
        CsvTable t = new CsvTable(new CsvReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        List<String> h = t.reader.next();
        if (h != null) {
            t.useHeader(h);
        }
        return t;
    }

    /** Makes {@code h} the header (for files whose header is not the first row). */
    public void useHeader(List<String> h) {
        header = List.copyOf(h);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < h.size(); i++) {
            m.putIfAbsent(norm(h.get(i)), i);
        }
        columns = m;
    }

    /** @return the header as read */
    public List<String> header() {
        return header;
    }

    /** @return whether a column of that name exists */
    public boolean has(String name) {
        return columns.containsKey(norm(name));
    }

    /**
     * @return the next non-blank row, or {@code null} at the end
     * @throws CsvReader.CsvException for malformed CSV, naming the line
     */
    public List<String> next() throws IOException {
        while (true) {
            row = reader.next();
            if (row == null) {
                return null;
            }
            if (!(row.size() == 1 && row.get(0).isBlank())) {
                return row;
            }
        }
    }

    /** @return the line the current row starts on */
    public long line() {
        return reader.recordLine();
    }

    /**
     * @param names column names to try in order
     * @return the current row's value in the first present column, stripped; {@code null} when empty or absent
     */
    public String get(String... names) {
        for (String n : names) {
            Integer i = columns.get(normalized.computeIfAbsent(n, CsvTable::norm));
            if (i != null && i < row.size()) {
                String v = row.get(i).strip();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    static String norm(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
