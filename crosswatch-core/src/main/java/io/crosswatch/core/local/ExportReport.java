package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param format  the format
 * @param written rows (or JSON items) written
 * @param skipped items the format cannot hold (a show in a Letterboxd file, an item without an
 *                IMDb id in an IMDb file)
 * @param notes   why items were skipped, one line per reason
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record ExportReport(ExportFormat format, long written, long skipped, List<String> notes) {

    /** Copies. */
    public ExportReport {
        notes = List.copyOf(notes);
    }
}
