package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.core.internal.local.CsvWriter;
import io.crosswatch.core.internal.local.Dates;
import io.crosswatch.core.internal.local.ItemJsonCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes items per feature in one of the {@link ExportFormat}s.
 *
 * <ul>
 *   <li>{@code csv}: one row per item and feature, columns {@link #CSV_HEADER}; {@link Importers}
 *       reads it back.</li>
 *   <li>{@code json}: the common item shape ({@link ItemJson}) with a {@code feature} per item.</li>
 *   <li>{@code letterboxd}: Letterboxd's import CSV ({@link #LETTERBOXD_HEADER}), films only: one
 *       row per history play (later plays of a film marked {@code Rewatch}) carrying the film's
 *       rating, plus one row per rated film never watched. When only a watchlist is given, its
 *       films are written instead (Letterboxd imports a watchlist from a separate upload).</li>
 *   <li>{@code imdb}: IMDb's ratings export layout ({@link #IMDB_HEADER}) of the rated items
 *       that have an IMDb id.</li>
 * </ul>
 * Items a format cannot hold are counted as skipped in the {@link ExportReport}, with the reason.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class Exporters {

    /** Columns of the {@code csv} format. */
    public static final List<String> CSV_HEADER = List.of("feature", "type", "title", "year", "imdb", "tmdb", "tvdb",
            "trakt", "other_ids", "show_title", "show_imdb", "show_tmdb", "show_tvdb", "show_trakt", "season", "episode",
            "watched_at", "rating", "rated_at", "position_ms", "duration_ms", "progress_updated_at", "list", "attributes");
    /** Columns of the {@code letterboxd} format. */
    public static final List<String> LETTERBOXD_HEADER = List.of("imdbID", "tmdbID", "Title", "Year", "Rating10",
            "WatchedDate", "Rewatch");
    /** Columns of the {@code imdb} format (IMDb's current ratings export). */
    public static final List<String> IMDB_HEADER = List.of("Const", "Your Rating", "Date Rated", "Title", "Original Title",
            "URL", "Title Type", "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors");

    private static final Set<String> CSV_ID_COLUMNS = Set.of(MediaIds.IMDB, MediaIds.TMDB, MediaIds.TVDB, MediaIds.TRAKT);

    private Exporters() {
    }

    /**
     * @param format the format
     * @param items  items per feature
     * @param out    where to write (flushed, not closed)
     * @return rows written and items skipped
     * @throws UncheckedIOException when writing fails
     */
    public static ExportReport write(ExportFormat format, Map<Feature, List<MediaItem>> items, OutputStream out) {
        Objects.requireNonNull(format, "format");
        try {
            switch (format) {
                case JSON -> {
                    ItemJson.write(items, out);
                    return new ExportReport(format, items.values().stream().mapToLong(List::size).sum(), 0, List.of());
                }
                case CSV -> {
                    return csv(items, out);
                }
                case LETTERBOXD -> {
                    return letterboxd(items, out);
                }
                case IMDB -> {
                    return imdb(items, out);
                }
                default -> throw new IllegalStateException("unhandled format " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + format.key() + " export: " + e.getMessage(), e);
        }
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    private static ExportReport csv(Map<Feature, List<MediaItem>> items, OutputStream out) throws IOException {
        Writer w = writer(out);
        CsvWriter csv = new CsvWriter(w);
        csv.write(CSV_HEADER);
        long n = 0;
        for (Feature f : Feature.values()) {
            for (MediaItem i : items.getOrDefault(f, List.of())) {
                Map<String, String> other = new TreeMap<>(i.ids().values());
                other.keySet().removeAll(CSV_ID_COLUMNS);
                String attrs = i.attributes().isEmpty() ? null
                        : ItemJsonCodec.MAPPER.writeValueAsString(i.attributes());
                csv.write(Arrays.asList(f.key(), i.type().key(), i.title().orElse(null), str(i.year().orElse(null)),
                        i.ids().imdb().orElse(null), i.ids().tmdb().orElse(null), i.ids().tvdb().orElse(null),
                        i.ids().trakt().orElse(null), other.isEmpty() ? null : new MediaIds(other).toString(),
                        i.showTitle().orElse(null), i.showIds().imdb().orElse(null), i.showIds().tmdb().orElse(null),
                        i.showIds().tvdb().orElse(null), i.showIds().trakt().orElse(null),
                        str(i.season().orElse(null)), str(i.episode().orElse(null)),
                        str(i.watchedAt().orElse(null)), str(i.rating().orElse(null)), str(i.ratedAt().orElse(null)),
                        i.playback().map(p -> String.valueOf(p.position().toMillis())).orElse(null),
                        i.playback().map(p -> String.valueOf(p.duration().toMillis())).orElse(null),
                        i.playback().map(p -> p.updatedAt().toString()).orElse(null),
                        i.list().orElse(null), attrs));
                n++;
            }
        }
        w.flush();
        return new ExportReport(ExportFormat.CSV, n, 0, List.of());
    }

    private static ExportReport letterboxd(Map<Feature, List<MediaItem>> items, OutputStream out) throws IOException {
        Writer w = writer(out);
        CsvWriter csv = new CsvWriter(w);
        csv.write(LETTERBOXD_HEADER);
        Map<String, Long> skipped = new LinkedHashMap<>();
        List<MediaItem> history = films(items.getOrDefault(Feature.HISTORY, List.of()), skipped);
        List<MediaItem> ratings = films(items.getOrDefault(Feature.RATINGS, List.of()), skipped);
        Map<String, MediaItem> ratingByFilm = new HashMap<>();
        for (MediaItem r : ratings) {
            for (String k : filmKeys(r)) {
                ratingByFilm.putIfAbsent(k, r);
            }
        }
        long n = 0;
        Set<MediaItem> usedRatings = new HashSet<>();
        Set<String> seen = new HashSet<>();
        List<MediaItem> plays = new ArrayList<>(history);
        plays.sort(Comparator.comparing((MediaItem i) -> i.watchedAt().orElse(Instant.EPOCH)));
        for (MediaItem play : plays) {
            MediaItem rating = filmKeys(play).stream().map(ratingByFilm::get).filter(Objects::nonNull).findFirst().orElse(null);
            if (rating != null) {
                usedRatings.add(rating);
            }
            boolean rewatch = false;
            for (String k : filmKeys(play)) {
                rewatch |= !seen.add(k);
            }
            csv.write(letterboxdRow(play, rating, play.watchedAt().map(Dates::day).orElse(null), rewatch));
            n++;
        }
        for (MediaItem r : ratings) {
            if (!usedRatings.contains(r)) {
                csv.write(letterboxdRow(r, r, null, false));
                n++;
            }
        }
        if (history.isEmpty() && ratings.isEmpty()) {
            for (MediaItem i : films(items.getOrDefault(Feature.WATCHLIST, List.of()), skipped)) {
                csv.write(letterboxdRow(i, null, null, false));
                n++;
            }
        }
        for (Feature f : List.of(Feature.PROGRESS, Feature.PLAYLISTS)) {
            int c = items.getOrDefault(f, List.of()).size();
            if (c > 0) {
                skipped.merge("Letterboxd's import takes no " + f.key(), (long) c, Long::sum);
            }
        }
        w.flush();
        return report(ExportFormat.LETTERBOXD, n, skipped);
    }

    private static List<String> letterboxdRow(MediaItem film, MediaItem rating, String watchedDate, boolean rewatch) {
        return Arrays.asList(film.ids().imdb().orElse(null), film.ids().tmdb().orElse(null), film.title().orElse(null),
                str(film.year().orElse(null)), rating == null ? null : str(rating.rating().orElse(null)), watchedDate,
                rewatch ? "true" : null);
    }

    private static List<MediaItem> films(List<MediaItem> items, Map<String, Long> skipped) {
        List<MediaItem> out = new ArrayList<>();
        for (MediaItem i : items) {
            if (i.type() == MediaType.MOVIE) {
                out.add(i);
            } else {
                skipped.merge("Letterboxd holds films only; " + i.type().key() + "s left out", 1L, Long::sum);
            }
        }
        return out;
    }

    private static List<String> filmKeys(MediaItem i) {
        List<String> keys = new ArrayList<>();
        i.ids().imdb().ifPresent(v -> keys.add("imdb:" + v));
        i.ids().tmdb().ifPresent(v -> keys.add("tmdb:" + v));
        if (keys.isEmpty()) {
            keys.add("title:" + i.title().orElse("").toLowerCase(Locale.ROOT) + "|" + i.year().orElse(null));
        }
        return keys;
    }

    private static ExportReport imdb(Map<Feature, List<MediaItem>> items, OutputStream out) throws IOException {
        Writer w = writer(out);
        CsvWriter csv = new CsvWriter(w);
        csv.write(IMDB_HEADER);
        Map<String, Long> skipped = new LinkedHashMap<>();
        long n = 0;
        for (MediaItem i : items.getOrDefault(Feature.RATINGS, List.of())) {
            String imdb = i.ids().imdb().orElse(null);
            if (imdb == null || i.rating().isEmpty()) {
                skipped.merge("items without an IMDb id left out", 1L, Long::sum);
                continue;
            }
            csv.write(Arrays.asList(imdb, str(i.rating().get()), i.ratedAt().map(Dates::day).orElse(null),
                    i.title().orElse(null), i.title().orElse(null), "https://www.imdb.com/title/" + imdb + "/",
                    imdbTitleType(i.type()), null, null, str(i.year().orElse(null)), null, null, null, null));
            n++;
        }
        for (Feature f : Feature.values()) {
            int c = items.getOrDefault(f, List.of()).size();
            if (f != Feature.RATINGS && c > 0) {
                skipped.merge("the IMDb layout holds ratings only; " + f.key() + " left out", (long) c, Long::sum);
            }
        }
        w.flush();
        return report(ExportFormat.IMDB, n, skipped);
    }

    private static String imdbTitleType(MediaType t) {
        return switch (t) {
            case MOVIE -> "Movie";
            case SHOW -> "TV Series";
            case SEASON -> "TV Season";
            case EPISODE -> "TV Episode";
        };
    }

    private static ExportReport report(ExportFormat format, long written, Map<String, Long> skipped) {
        List<String> notes = new ArrayList<>();
        skipped.forEach((why, c) -> notes.add(c + " × " + why));
        return new ExportReport(format, written, skipped.values().stream().mapToLong(Long::longValue).sum(), notes);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
