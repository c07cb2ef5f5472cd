package io.crosswatch.core.internal.local;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.io.IOException;
import java.util.Locale;

/**
 * IMDb's CSV exports: "Your ratings" ({@code Const,Your Rating,Date Rated,…}) into ratings, a
 * watchlist or list export ({@code Position,Const,Created,…}) into the watchlist (a file named
 * like a watchlist) or a playlist named after the file. Both old ({@code tvSeries}) and new
 * ({@code TV Series}) title type spellings are accepted.
 */
public final class ImdbCsvImporter {

    private ImdbCsvImporter() {
    }

    /**
     * @param entry   the CSV file
     * @param ratings whether it is a ratings export (else a list)
     * @param ctx     where items and problems go
     */
    public static void read(ImportSource.Entry entry, boolean ratings, ImportContext ctx) throws IOException {
        String base = entry.baseName().replaceFirst("\\.csv$", "");
        boolean watchlist = base.contains("watchlist");
        Feature feature = ratings ? Feature.RATINGS : watchlist ? Feature.WATCHLIST : Feature.PLAYLISTS;
        CsvImport.each(entry, ctx, t -> {
            MediaType type = type(t.get("Title Type"));
            String rawId = t.get("Const");
            if (rawId == null) {
                throw new IllegalArgumentException("Const is empty; an IMDb row needs its tt id");
            }
            MediaIds ids = MediaIds.of(MediaIds.IMDB, rawId);
            if (ids.isEmpty() || !rawId.toLowerCase(Locale.ROOT).startsWith("tt")) {
                throw new IllegalArgumentException("Const '" + rawId + "' is not an IMDb id (tt…)");
            }
            MediaItem.Builder b = MediaItem.builder(type).ids(ids)
                    .title(t.get("Title", "Original Title"))
                    .year(CsvImport.year(t.get("Year"), "Year"));
            if (ratings) {
                String r = t.get("Your Rating");
                if (r == null) {
                    throw new IllegalArgumentException("Your Rating is empty");
                }
                b.rating(rating(r)).ratedAt(CsvImport.date(t.get("Date Rated"), "Date Rated"));
            } else if (!watchlist) {
                b.list(base);
            }
            ctx.item(feature, b.build());
        });
    }

    private static int rating(String r) {
        try {
            int v = Integer.parseInt(r.strip());
            if (v < 1 || v > 10) {
                throw new IllegalArgumentException("Your Rating " + v + " is outside 1–10");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Your Rating '" + r + "' is not a whole number");
        }
    }

    /**
     * @param titleType IMDb's Title Type, old or new spelling; {@code null} means a film
     * @return the media type
     * @throws IllegalArgumentException for episodes (no season/episode numbers in the export) and games
     */
    static MediaType type(String titleType) {
        if (titleType == null) {
            return MediaType.MOVIE;
        }
        String k = CsvTable.norm(titleType);
        switch (k) {
            case "movie", "tvmovie", "tvspecial", "short", "tvshort", "video", "documentary", "musicvideo" -> {
                return MediaType.MOVIE;
            }
            case "tvseries", "tvminiseries", "series", "miniseries" -> {
                return MediaType.SHOW;
            }
            case "tvepisode", "episode" -> throw new IllegalArgumentException(
                    "IMDb episode rows carry no season or episode number; skipped");
            default -> throw new IllegalArgumentException("Title Type '" + titleType
                    + "' is not a film or series; skipped");
        }
    }
}
