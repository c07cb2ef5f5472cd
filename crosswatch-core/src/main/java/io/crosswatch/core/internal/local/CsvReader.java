package io.crosswatch.core.internal.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader: quoted fields, doubled quotes inside quotes, newlines inside
 * quoted fields, CRLF/LF/CR line ends and a leading byte-order mark. It holds one record at a time,
 * so a file of any size is read with bounded memory.
 *
 * <p>Lenient where real exports are sloppy (a stray quote inside an unquoted field is kept as
 * text); strict where silence would corrupt data (an unterminated quote, a runaway field).
 */
public final class CsvReader implements Closeable {

    /** A field longer than this almost always means an unbalanced quote swallowed the file. */
    static final int MAX_FIELD_CHARS = 1 << 20;

    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private boolean bomChecked;
    private long line = 1;
    private long recordLine;
    private boolean eof;

    /**
     * @param in the text to read; buffering is done here
     */
    public CsvReader(Reader in) {
        this.in = in;
    }

    /** @return the physical line (1-based) where the record last returned by {@link #next()} started */
    public long recordLine() {
        return recordLine;
    }

    /**
     * Reads the next record.
     *
     * @return the fields, or {@code null} at the end of the input
     * @throws CsvException for an unterminated quote or a runaway field, naming the line
     * @throws IOException  when reading fails
     */
    public List<String> next() throws IOException {
        if (!bomChecked) {
            bomChecked = true;
            if (peek() == '\uFEFF') {
                pos++;
            }
        }
        if (peek() < 0) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (c < 0) {
                if (quoted) {
                    throw new CsvException(recordLine, "a quoted field opened on line " + recordLine
                            + " is never closed");
                }
                fields.add(field.toString());
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        pos++;
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n' || c == '\r' && peek() != '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') {
                    pos++;
                }
                line++;
                fields.add(field.toString());
                return fields;
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append((char) c);
            }
            if (field.length() > MAX_FIELD_CHARS) {
                throw new CsvException(recordLine, "a field starting on line " + recordLine + " is longer than "
                        + MAX_FIELD_CHARS + " characters (an unbalanced quote?)");
            }
        }
    }

    private int peek() throws IOException {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = n < 0;
            if (n == 0) {
                return fill();
            }
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A malformed CSV file; {@link #line()} says where. */
    public static final class CsvException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        CsvException(long line, String message) {
            super(message);
            this.line = line;
        }

        /** @return the line the broken record starts on */
        public long line() {
            return line;
        }
    }
}
