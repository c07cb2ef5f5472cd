package io.crosswatch.core.internal.local;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Letterboxd's data export. Rows carry no external ids, only Name + Year and a Letterboxd URI,
 * so items keep title and year (matched weakly) and the URI as attribute {@value #URI_ATTRIBUTE}.
 *
 * <p>{@code watched.csv} and {@code watchlist.csv} share one header, so the file name decides the
 * meaning. {@code diary.csv} holds real watch dates: when it is present, {@code watched.csv} rows
 * for films with diary entries are left out (their {@code Date} is only when they were marked).
 * Ratings are 0.5–5 stars in half steps and become 1–10.
 */
public final class LetterboxdImporter {

    /** The attribute holding a row's Letterboxd URI. */
    public static final String URI_ATTRIBUTE = "letterboxd.uri";

    /** What a Letterboxd file means. */
    enum Kind { WATCHED, RATINGS, DIARY, WATCHLIST, LIST, IGNORED }

    private LetterboxdImporter() {
    }

    /**
     * @param entry a file of the export
     * @return what it holds, from its path
     */
    static Kind kindByName(ImportSource.Entry entry) {
        String path = entry.name().toLowerCase(Locale.ROOT).replace('\\', '/');
        if (path.startsWith("deleted/") || path.contains("/deleted/") || path.startsWith("likes/") || path.contains("/likes/")) {
            return Kind.IGNORED;
        }
        if (path.startsWith("lists/") || path.contains("/lists/")) {
            return Kind.LIST;
        }
        switch (entry.baseName()) {
            case "watched.csv" -> {
                return Kind.WATCHED;
            }
            case "ratings.csv" -> {
                return Kind.RATINGS;
            }
            case "diary.csv" -> {
                return Kind.DIARY;
            }
            case "watchlist.csv" -> {
                return Kind.WATCHLIST;
            }
            default -> {
                return Kind.IGNORED;
            }
        }
    }

    /**
     * Reads the files of an export (a directory or ZIP): diary first, then the rest.
     *
     * @param entries the files
     * @param ctx     where items and problems go
     */
    public static void readAll(List<ImportSource.Entry> entries, ImportContext ctx) throws IOException {
        Set<String> diaryFilms = new HashSet<>();
        boolean hasDiary = false;
        List<ImportSource.Entry> rest = new ArrayList<>();
        for (ImportSource.Entry e : entries) {
            if (kindByName(e) == Kind.DIARY) {
                hasDiary = true;
                read(e, Kind.DIARY, ctx, diaryFilms, false);
            } else {
                rest.add(e);
            }
        }
        for (ImportSource.Entry e : rest) {
            Kind k = kindByName(e);
            if (k != Kind.IGNORED) {
                read(e, k, ctx, diaryFilms, hasDiary);
            }
        }
    }

    /**
     * Reads one Letterboxd CSV whose meaning comes from its name, else from its header.
     *
     * @param entry the file
     * @param ctx   where items and problems go
     * @throws IllegalArgumentException when the file could be either watched.csv or watchlist.csv
     */
    public static void readOne(ImportSource.Entry entry, ImportContext ctx) throws IOException {
        Kind kind = kindByName(entry);
        if (kind == Kind.IGNORED && entry.baseName().equals("reviews.csv")) {
            kind = Kind.DIARY;
        }
        if (kind == Kind.IGNORED) {
            List<String> header;
            try (InputStream in = entry.open(); CsvTable t = CsvTable.open(in)) {
                header = t.header();
                kind = t.has("Watched Date") ? Kind.DIARY : t.has("Rating") ? Kind.RATINGS
                        : header.size() > 0 && header.get(0).startsWith("Letterboxd list export") ? Kind.LIST : Kind.IGNORED;
            }
            if (kind == Kind.IGNORED) {
                throw new IllegalArgumentException(entry.display() + " has the header " + header
                        + ", which both watched.csv and watchlist.csv use; name the file watched.csv or watchlist.csv");
            }
        }
        read(entry, kind, ctx, new HashSet<>(), false);
    }

    private static void read(ImportSource.Entry entry, Kind kind, ImportContext ctx, Set<String> diaryFilms,
                             boolean skipDiaryFilms) throws IOException {
        try (InputStream in = entry.open(); CsvTable t = CsvTable.open(in)) {
            String list = null;
            if (kind == Kind.LIST) {
                list = listHeader(t, entry);
                if (list == null) {
                    ctx.skip(entry.display(), t.line(), null, "no 'Position,Name,Year,…' header found; not a Letterboxd list");
                    return;
                }
            }
            if (!t.has("Name")) {
                // A same-named file from another tool (an IMDb ratings.csv beside the export) is not ours to misread.
                ctx.skip(entry.display(), 1, null, "no Name column: not a Letterboxd export file; skipped");
                return;
            }
            String listName = list;
            CsvImport.each(entry, ctx, t, row -> {
                String name = row.get("Name");
                if (name == null) {
                    throw new IllegalArgumentException("Name is empty");
                }
                Integer year = CsvImport.year(row.get("Year"), "Year");
                String film = name.toLowerCase(Locale.ROOT) + "|" + year;
                MediaItem.Builder b = MediaItem.builder(MediaType.MOVIE).title(name).year(year)
                        .attribute(URI_ATTRIBUTE, row.get("Letterboxd URI", "URL"));
                Instant date = CsvImport.date(row.get("Date"), "Date");
                switch (kind) {
                    case WATCHED -> {
                        if (skipDiaryFilms && diaryFilms.contains(film)) {
                            return;
                        }
                        ctx.item(Feature.HISTORY, b.watchedAt(date).build());
                    }
                    case DIARY -> {
                        Instant watched = CsvImport.date(row.get("Watched Date"), "Watched Date");
                        diaryFilms.add(film);
                        if ("yes".equalsIgnoreCase(row.get("Rewatch"))) {
                            b.attribute("letterboxd.rewatch", "yes");
                        }
                        b.attribute("letterboxd.tags", row.get("Tags"));
                        ctx.item(Feature.HISTORY, b.watchedAt(watched != null ? watched : date).build());
                    }
                    case RATINGS -> ctx.item(Feature.RATINGS, b.rating(stars(row.get("Rating"))).ratedAt(date).build());
                    case WATCHLIST -> ctx.item(Feature.WATCHLIST, b.build());
                    case LIST -> ctx.item(Feature.PLAYLISTS, b.list(listName).build());
                    default -> throw new IllegalStateException("unreachable: " + kind);
                }
            });
        }
    }

    /**
     * Skips the v7 list preamble ({@code Letterboxd list export v7}, list metadata, blank line)
     * and makes the {@code Position,Name,Year,URL,Description} row the header.
     *
     * @return the list's name, or {@code null} when no item header was found
     */
    private static String listHeader(CsvTable t, ImportSource.Entry entry) throws IOException {
        String name = entry.baseName().replaceFirst("\\.csv$", "");
        boolean metaNext = t.header().size() > 1 && "Date".equalsIgnoreCase(t.header().get(0).strip());
        List<String> row;
        while ((row = t.next()) != null) {
            if (!row.isEmpty() && "Position".equalsIgnoreCase(row.get(0).strip())) {
                t.useHeader(row);
                return name;
            }
            if (row.size() > 1 && "Date".equalsIgnoreCase(row.get(0).strip())) {
                metaNext = true;
            } else if (metaNext && row.size() > 1 && !row.get(1).isBlank()) {
                name = row.get(1).strip();
                metaNext = false;
            }
        }
        return null;
    }

    /**
     * @param text 0.5–5 in half steps
     * @return 1–10
     */
    static int stars(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Rating is empty");
        }
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Rating '" + text + "' is not a number of stars");
        }
        double twice = v * 2;
        if (v < 0.5 || v > 5 || twice != Math.rint(twice)) {
            throw new IllegalArgumentException("Rating " + text + " is not 0.5–5 stars in half steps");
        }
        return (int) twice;
    }
}
