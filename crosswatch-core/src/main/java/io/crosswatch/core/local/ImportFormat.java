package io.crosswatch.core.local;

import io.crosswatch.api.Api;

/**
 * A file layout {@link Importers} recognises.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public enum ImportFormat {
    /** IMDb "Your ratings" export ({@code Const,Your Rating,Date Rated,…}). */
    IMDB_RATINGS,
    /** IMDb watchlist or list export ({@code Position,Const,Created,…}). */
    IMDB_LIST,
    /** Letterboxd data export: a directory or ZIP, or one of its CSV files. */
    LETTERBOXD,
    /** Trakt data export: the ZIP (old nested or new flat layout), its extracted directory or one of its JSON files. */
    TRAKT,
    /** The common item JSON shape ({@link ItemJson}). */
    ITEM_JSON,
    /**
     * A generic CSV with recognisable columns: CrossWatch's own {@code csv} export, the
     * Letterboxd import layout ({@code imdbID,tmdbID,Title,Year,Rating10,WatchedDate}) and similar.
     */
    GENERIC_CSV
}
