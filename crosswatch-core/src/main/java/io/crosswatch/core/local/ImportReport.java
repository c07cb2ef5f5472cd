package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import java.util.List;
import java.util.Objects;

/**
 * How an import went: rows imported, rows skipped, and each problem with file and line.
 *
 * @param format   the detected format
 * @param imported items produced
 * @param skipped  rows skipped (bad or unsupported)
 * @param problems every problem, in file order
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record ImportReport(ImportFormat format, long imported, long skipped, List<ImportProblem> problems) {

    /** Validates and copies. */
    public ImportReport {
        Objects.requireNonNull(format, "format");
        problems = List.copyOf(problems);
    }

    /** @return whether nothing went wrong */
    public boolean clean() {
        return skipped == 0 && problems.isEmpty();
    }
}
