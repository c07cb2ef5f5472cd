package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import java.util.Objects;

/**
 * Something wrong with one row or value of an imported file. Rows with problems are skipped or
 * imported without the bad value; the rest of the file imports.
 *
 * @param file   the file (or ZIP entry) the problem is in
 * @param line   the 1-based line the row starts on, 0 when not line based (JSON)
 * @param where  a JSON path such as {@code $[12].ids.tmdb}, or {@code null} for CSV rows
 * @param reason what is wrong, e.g. {@code Rating 'eleven' is not a number}
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record ImportProblem(String file, long line, String where, String reason) {

    /** Validates. */
    public ImportProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return {@code file:line: reason} or {@code file $[3].year: reason} */
    public String message() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (where != null) {
            sb.append(' ').append(where);
        }
        return sb.append(": ").append(reason).toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
