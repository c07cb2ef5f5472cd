package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import java.util.Locale;

/**
 * A file layout {@link Exporters} writes.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public enum ExportFormat {
    /** CrossWatch's own CSV: one row per item and feature, every field in its own column. */
    CSV,
    /** The common item JSON shape ({@link ItemJson}), with a {@code feature} per item. */
    JSON,
    /** Letterboxd's import CSV ({@code imdbID,tmdbID,Title,Year,Rating10,WatchedDate,Rewatch}); films only. */
    LETTERBOXD,
    /** IMDb's ratings export layout ({@code Const,Your Rating,Date Rated,…}); items with an IMDb id only. */
    IMDB;

    /**
     * @param name {@code csv}, {@code json}, {@code letterboxd} or {@code imdb} (any case)
     * @return the format
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ExportFormat fromKey(String name) {
        for (ExportFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + name
                + "'; expected csv, json, letterboxd or imdb");
    }

    /** @return the lower-case name */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
