package io.crosswatch.core.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportersTest {

    @TempDir
    Path dir;

    private static MediaItem film(String title, int year, String imdb, String tmdb) {
        return MediaItem.builder(MediaType.MOVIE).title(title).year(year).ids(MediaIds.of("imdb", imdb, "tmdb", tmdb)).build();
    }

    private Path export(ExportFormat format, Map<Feature, List<MediaItem>> items, String name, ExportReport[] report)
            throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            report[0] = Exporters.write(format, items, out);
        }
        return p;
    }

    private static String firstLine(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8).get(0);
    }

    @Test
    void imdbExportHasIMDbsHeaderAndReimports() throws IOException {
        Instant day = Instant.parse("2024-02-03T00:00:00Z");
        List<MediaItem> ratings = List.of(
                film("The Matrix", 1999, "tt0133093", "603").toBuilder().rating(9).ratedAt(day).build(),
                MediaItem.builder(MediaType.SHOW).title("Breaking Bad").year(2008).ids(MediaIds.of("imdb", "tt0903747"))
                        .rating(10).ratedAt(day).build(),
                MediaItem.builder(MediaType.MOVIE).title("No imdb id, \"quoted\"").year(2020).ids(MediaIds.of("tmdb", "1"))
                        .rating(5).build());
        ExportReport[] report = new ExportReport[1];
        Path p = export(ExportFormat.IMDB, Map.of(Feature.RATINGS, ratings, Feature.WATCHLIST, List.of(ratings.get(0))),
                "imdb.csv", report);
        assertEquals(String.join(",", Exporters.IMDB_HEADER), firstLine(p));
        assertEquals(2, report[0].written());
        assertEquals(2, report[0].skipped());

        ImportResult back = Importers.read(p);
        assertEquals(ImportFormat.IMDB_RATINGS, back.format());
        List<MediaItem> expected = ratings.subList(0, 2).stream()
                .map(i -> i.toBuilder().ids(MediaIds.of("imdb", i.ids().imdb().orElseThrow())).build()).toList();
        assertEquals(expected, back.items(Feature.RATINGS));
        assertTrue(back.problems().isEmpty(), back.problems().toString());
    }

    @Test
    void letterboxdExportMarksRewatchesCarriesRatingsAndReimports() throws IOException {
        MediaItem matrix = film("The Matrix", 1999, "tt0133093", "603");
        MediaItem her = film("Her", 2013, "tt1798709", "152601");
        MediaItem alien = film("Alien", 1979, "tt0078748", "348");
        Instant d1 = Instant.parse("2024-01-05T00:00:00Z");
        Instant d2 = Instant.parse("2024-03-09T00:00:00Z");
        Map<Feature, List<MediaItem>> items = new EnumMap<>(Feature.class);
        items.put(Feature.HISTORY, List.of(matrix.toBuilder().watchedAt(d2).build(), matrix.toBuilder().watchedAt(d1).build(),
                her.toBuilder().watchedAt(d1).build(),
                MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tvdb", "1")).season(1).episode(1).watchedAt(d1).build()));
        items.put(Feature.RATINGS, List.of(matrix.toBuilder().rating(9).build(), alien.toBuilder().rating(8).build()));
        ExportReport[] report = new ExportReport[1];
        Path p = export(ExportFormat.LETTERBOXD, items, "letterboxd.csv", report);
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        assertEquals("imdbID,tmdbID,Title,Year,Rating10,WatchedDate,Rewatch", lines.get(0));
        assertEquals("tt0133093,603,The Matrix,1999,9,2024-01-05,", lines.get(1));
        assertEquals("tt0133093,603,The Matrix,1999,9,2024-03-09,true", lines.get(3));
        assertEquals("tt0078748,348,Alien,1979,8,,", lines.get(4));
        assertEquals(4, report[0].written());
        assertEquals(1, report[0].skipped());

        ImportResult back = Importers.read(p);
        assertEquals(ImportFormat.GENERIC_CSV, back.format());
        assertEquals(Set.of(matrix.toBuilder().watchedAt(d1).build(), matrix.toBuilder().watchedAt(d2).build(),
                her.toBuilder().watchedAt(d1).build()), Set.copyOf(back.items(Feature.HISTORY)));
        assertEquals(Set.copyOf(items.get(Feature.RATINGS)), Set.copyOf(back.items(Feature.RATINGS)));
    }

    @Test
    void letterboxdWatchlistOnly() throws IOException {
        ExportReport[] report = new ExportReport[1];
        Path p = export(ExportFormat.LETTERBOXD, Map.of(Feature.WATCHLIST, List.of(film("Her", 2013, "tt1798709", "152601"))),
                "wl.csv", report);
        assertEquals(1, report[0].written());
        assertEquals(List.of(film("Her", 2013, "tt1798709", "152601")), Importers.read(p).items(Feature.WATCHLIST));
    }

    @Test
    void csvExportRoundTripsEveryFeature() throws IOException {
        Map<Feature, List<MediaItem>> items = ItemJsonTest.everything();
        // The csv columns hold whole milliseconds; drop the sub-millisecond test value for this format.
        items.put(Feature.PROGRESS, List.of(items.get(Feature.PROGRESS).get(1)));
        ExportReport[] report = new ExportReport[1];
        Path p = export(ExportFormat.CSV, items, "all.csv", report);
        assertEquals(String.join(",", Exporters.CSV_HEADER), firstLine(p));
        ImportResult back = Importers.read(p);
        assertEquals(ImportFormat.GENERIC_CSV, back.format());
        assertTrue(back.problems().isEmpty(), back.problems().toString());
        assertEquals(items, back.items());
    }

    @Test
    void jsonExportReimportsThroughImporters() throws IOException {
        ExportReport[] report = new ExportReport[1];
        Path p = export(ExportFormat.JSON, ItemJsonTest.everything(), "all.json", report);
        ImportResult back = Importers.read(p);
        assertEquals(ImportFormat.ITEM_JSON, back.format());
        assertEquals(ItemJsonTest.everything(), back.items());
        assertEquals(ItemJsonTest.everything().values().stream().mapToLong(List::size).sum(), report[0].written());
    }

    @Test
    void formatNames() {
        assertEquals(ExportFormat.LETTERBOXD, ExportFormat.fromKey("Letterboxd"));
        assertEquals(Set.of("csv", "json", "letterboxd", "imdb"),
                java.util.Arrays.stream(ExportFormat.values()).map(ExportFormat::key).collect(Collectors.toSet()));
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        Exporters.write(ExportFormat.JSON, Map.of(), empty);
        assertEquals("[]\n", empty.toString(StandardCharsets.UTF_8));
    }
}
