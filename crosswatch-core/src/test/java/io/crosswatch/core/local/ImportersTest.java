package io.crosswatch.core.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportersTest {

    static final Path SAMPLES = Path.of("..", "examples", "sample-data");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void imdbRatingsWithBomQuotesEmbeddedNewlineAndABadRow() throws IOException {
        Path csv = write("imdb-ratings.csv", "\uFEFFConst,Your Rating,Date Rated,Title,Original Title,URL,Title Type,"
                + "IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\r\n"
                + "tt0133093,9,2023-04-02,The Matrix,The Matrix,https://www.imdb.com/title/tt0133093/,Movie,8.7,136,1999,"
                + "\"Action, Sci-Fi\",\"2,100,000\",1999-03-31,\"Lana Wachowski, Lilly Wachowski\"\r\n"
                + "tt0903747,10,2022-12-30,Breaking Bad,Breaking Bad,https://www.imdb.com/title/tt0903747/,tvSeries,9.5,49,"
                + "2008,\"Crime, Drama\",2200000,2008-01-20,\r\n"
                + "tt0111161,eleven,2022-05-03,The Shawshank Redemption,The Shawshank Redemption,u,Movie,9.3,142,1994,Drama,"
                + "1,1994-09-23,Frank Darabont\r\n"
                + "tt1375666,8,2021-01-01,\"Inception\nextended title\",Inception,u,Movie,8.8,148,2010,Action,1,2010-07-16,"
                + "Christopher Nolan\r\n"
                + "tt0959621,9,2021-01-01,Pilot,Pilot,u,TV Episode,9.0,58,2008,Drama,1,2008-01-20,\r\n");
        assertEquals(ImportFormat.IMDB_RATINGS, Importers.detect(csv));
        ImportResult r = Importers.read(csv);
        List<MediaItem> ratings = r.items(Feature.RATINGS);
        assertEquals(3, ratings.size());
        MediaItem matrix = ratings.get(0);
        assertEquals("tt0133093", matrix.ids().imdb().orElseThrow());
        assertEquals(9, matrix.rating().orElseThrow());
        assertEquals(Instant.parse("2023-04-02T00:00:00Z"), matrix.ratedAt().orElseThrow());
        assertEquals(1999, matrix.year().orElseThrow());
        assertEquals(MediaType.SHOW, ratings.get(1).type());
        assertEquals("Inception\nextended title", ratings.get(2).title().orElseThrow());

        assertEquals(3, r.report().imported());
        assertEquals(2, r.report().skipped());
        ImportProblem bad = r.problems().get(0);
        assertTrue(bad.file().endsWith("imdb-ratings.csv"));
        assertEquals(4, bad.line());
        assertTrue(bad.reason().contains("Your Rating 'eleven'"), bad.reason());
        assertTrue(bad.message().contains("imdb-ratings.csv:4: "), bad.message());
        // The episode row starts on line 7 because the quoted title above spans two lines.
        assertEquals(7, r.problems().get(1).line());
        assertTrue(r.problems().get(1).reason().contains("episode"));
    }

    @Test
    void imdbWatchlistAndNamedList() throws IOException {
        String header = "Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,"
                + "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated\n";
        String rows = "1,tt1160419,2024-01-03,2024-01-03,,Dune,Dune,u,Movie,8.0,155,2021,\"Action, Adventure\",900000,"
                + "2021-10-22,Denis Villeneuve,8,2024-02-01\n"
                + "2,tt0944947,2024-01-04,2024-01-04,,Game of Thrones,Game of Thrones,u,TV Series,9.2,57,2011,Drama,"
                + "2300000,2011-04-17,,,\n";
        Path wl = write("WATCHLIST.csv", header + rows);
        assertEquals(ImportFormat.IMDB_LIST, Importers.detect(wl));
        ImportResult r = Importers.read(wl);
        assertEquals(2, r.items(Feature.WATCHLIST).size());
        assertEquals(MediaType.SHOW, r.items(Feature.WATCHLIST).get(1).type());
        assertTrue(r.items(Feature.RATINGS).isEmpty());

        ImportResult list = Importers.read(write("best-of-2021.csv", header + rows));
        assertEquals(2, list.items(Feature.PLAYLISTS).size());
        assertEquals("best-of-2021", list.items(Feature.PLAYLISTS).get(0).list().orElseThrow());
    }

    @Test
    void letterboxdExportDirectoryUsesFileNamesAndPrefersDiaryDates() throws IOException {
        write("lb/watched.csv", "Date,Name,Year,Letterboxd URI\n"
                + "2024-01-10,Past Lives,2023,https://boxd.it/w1\n"
                + "2024-01-11,Aftersun,2022,https://boxd.it/w2\n");
        write("lb/watchlist.csv", "Date,Name,Year,Letterboxd URI\n2024-02-01,Perfect Days,2023,https://boxd.it/w3\n");
        write("lb/ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n"
                + "2024-01-12,Past Lives,2023,https://boxd.it/r1,4.5\n"
                + "2024-01-13,Aftersun,2022,https://boxd.it/r2,0.5\n"
                + "2024-01-14,Stalker,1979,https://boxd.it/r3,3.7\n");
        write("lb/diary.csv", "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
                + "2024-01-10,Past Lives,2023,https://boxd.it/d1,4.5,,\"cinema, 2024\",2024-01-05\n"
                + "2024-03-10,Past Lives,2023,https://boxd.it/d2,5,Yes,,2024-03-09\n");
        write("lb/other-tool/ratings.csv", "Const,Your Rating,Date Rated\ntt0133093,9,2024-01-01\n");
        write("lb/deleted/watched.csv", "Date,Name,Year,Letterboxd URI\n2020-01-01,Cats,2019,https://boxd.it/x\n");
        write("lb/lists/favourites.csv", "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n"
                + "2024-01-01,All-time favourites,,https://boxd.it/l,My list\n\n"
                + "Position,Name,Year,URL,Description\n1,Stalker,1979,https://boxd.it/s,\n2,Tokyo Story,1953,https://boxd.it/t,\n");
        Path lb = dir.resolve("lb");
        assertEquals(ImportFormat.LETTERBOXD, Importers.detect(lb));
        ImportResult r = Importers.read(lb);

        List<MediaItem> history = r.items(Feature.HISTORY);
        // Two diary plays of Past Lives (with their real dates) + Aftersun from watched.csv; Cats was deleted.
        assertEquals(3, history.size(), history.toString());
        assertEquals(Instant.parse("2024-01-05T00:00:00Z"), history.get(0).watchedAt().orElseThrow());
        assertEquals("yes", history.get(1).attribute("letterboxd.rewatch").orElseThrow());
        assertEquals("Aftersun", history.get(2).title().orElseThrow());
        assertTrue(history.get(0).ids().isEmpty());
        assertEquals("https://boxd.it/d1", history.get(0).attribute("letterboxd.uri").orElseThrow());

        List<MediaItem> ratings = r.items(Feature.RATINGS);
        assertEquals(List.of(9, 1), ratings.stream().map(i -> i.rating().orElseThrow()).toList());
        assertEquals(2, r.report().skipped());
        ImportProblem notOurs = r.problems().stream().filter(p -> p.file().contains("other-tool")).findFirst().orElseThrow();
        assertTrue(notOurs.reason().contains("not a Letterboxd export file"), notOurs.reason());
        ImportProblem badStars = r.problems().stream().filter(p -> p.reason().contains("3.7")).findFirst().orElseThrow();
        assertEquals(4, badStars.line());
        assertTrue(badStars.file().endsWith("lb/ratings.csv") || badStars.file().endsWith("lb\\ratings.csv"), badStars.file());

        assertEquals("Perfect Days", r.items(Feature.WATCHLIST).get(0).title().orElseThrow());
        List<MediaItem> list = r.items(Feature.PLAYLISTS);
        assertEquals(2, list.size());
        assertEquals("All-time favourites", list.get(0).list().orElseThrow());
    }

    @Test
    void letterboxdSingleFilesByNameAndTheAmbiguousHeaderIsAClearError() throws IOException {
        Path ratings = write("x/ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n2024-01-12,Her,2013,u,4\n");
        assertEquals(ImportFormat.LETTERBOXD, Importers.detect(ratings));
        assertEquals(8, Importers.read(ratings).items(Feature.RATINGS).get(0).rating().orElseThrow());
        Path watchlist = write("x/watchlist.csv", "Date,Name,Year,Letterboxd URI\n2024-01-12,Her,2013,u\n");
        assertEquals(1, Importers.read(watchlist).items(Feature.WATCHLIST).size());
        Path ambiguous = write("x/export-part.csv", "Date,Name,Year,Letterboxd URI\n2024-01-12,Her,2013,u\n");
        CrossWatchException e = assertThrows(CrossWatchException.class, () -> Importers.read(ambiguous));
        assertTrue(e.getMessage().contains("watched.csv or watchlist.csv"), e.getMessage());
    }

    @Test
    void letterboxdZipIsReadLikeTheDirectory() throws IOException {
        Path zip = dir.resolve("letterboxd-user-2024.zip");
        zip(zip, Map.of("watched.csv", "Date,Name,Year,Letterboxd URI\n2024-01-10,Her,2013,https://boxd.it/a\n",
                "watchlist.csv", "Date,Name,Year,Letterboxd URI\n2024-01-10,Alien,1979,https://boxd.it/b\n",
                "profile.csv", "Date Joined,Username\n2020-01-01,someone\n"));
        assertEquals(ImportFormat.LETTERBOXD, Importers.detect(zip));
        ImportResult r = Importers.read(zip);
        assertEquals("Her", r.items(Feature.HISTORY).get(0).title().orElseThrow());
        assertEquals("Alien", r.items(Feature.WATCHLIST).get(0).title().orElseThrow());
    }

    static final String TRAKT_HISTORY = "[{\"id\":9001,\"watched_at\":\"2024-03-01T20:15:00.000Z\",\"action\":\"scrobble\","
            + "\"type\":\"movie\",\"movie\":{\"title\":\"The Matrix\",\"year\":1999,\"ids\":{\"trakt\":481,"
            + "\"slug\":\"the-matrix-1999\",\"imdb\":\"tt0133093\",\"tmdb\":603}}},"
            + "{\"id\":9002,\"watched_at\":\"2024-03-02T21:00:00.000Z\",\"action\":\"watch\",\"type\":\"episode\","
            + "\"episode\":{\"season\":1,\"number\":3,\"title\":\"Past and Present\",\"ids\":{\"trakt\":2279059,\"tvdb\":6180356}},"
            + "\"show\":{\"title\":\"Dark\",\"year\":2017,\"ids\":{\"trakt\":120181,\"tvdb\":334824,\"tmdb\":70523}}},"
            + "{\"id\":9003,\"action\":\"watch\",\"type\":\"movie\",\"movie\":{\"title\":\"No date\",\"ids\":{}}}]";

    @Test
    void traktZipNewFlatLayout() throws IOException {
        Path zip = dir.resolve("trakt-export.zip");
        zip(zip, Map.of(
                "user-profile.json", "{\"username\":\"someone\"}",
                "watched-history-1.json", TRAKT_HISTORY,
                "watched-movies.json", "[{\"plays\":1,\"last_watched_at\":\"2020-01-01T00:00:00.000Z\",\"movie\":{\"title\":\"X\",\"ids\":{\"trakt\":1}}}]",
                "ratings-movies.json", "[{\"rated_at\":\"2024-03-03T10:00:00.000Z\",\"rating\":9,\"type\":\"movie\","
                        + "\"movie\":{\"title\":\"The Matrix\",\"year\":1999,\"ids\":{\"trakt\":481,\"imdb\":\"tt0133093\"}}}]",
                "ratings-episodes.json", "[{\"rated_at\":\"2024-03-03T10:00:00.000Z\",\"rating\":12,\"type\":\"episode\","
                        + "\"episode\":{\"season\":1,\"number\":1,\"ids\":{\"trakt\":5}},\"show\":{\"ids\":{\"trakt\":7}}}]",
                "lists-watchlist.json", "[{\"rank\":1,\"listed_at\":\"2024-01-01T00:00:00.000Z\",\"type\":\"show\","
                        + "\"show\":{\"title\":\"Severance\",\"year\":2022,\"ids\":{\"trakt\":154997,\"tmdb\":95396}}}]",
                "lists-sci-fi-classics.json", "[{\"rank\":1,\"type\":\"movie\",\"movie\":{\"title\":\"Alien\",\"year\":1979,"
                        + "\"ids\":{\"imdb\":\"tt0078748\"}}}]",
                "comments-1.json", "[]"));
        assertEquals(ImportFormat.TRAKT, Importers.detect(zip));
        ImportResult r = Importers.read(zip);
        List<MediaItem> history = r.items(Feature.HISTORY);
        assertEquals(2, history.size(), "history files win over the watched summary: " + history);
        assertEquals("9001", history.get(0).attribute("trakt.history_id").orElseThrow());
        MediaItem ep = history.get(1);
        assertEquals(MediaType.EPISODE, ep.type());
        assertEquals("334824", ep.showIds().tvdb().orElseThrow());
        assertEquals(3, ep.episode().orElseThrow());
        assertEquals("Dark", ep.showTitle().orElseThrow());
        assertEquals(9, r.items(Feature.RATINGS).get(0).rating().orElseThrow());
        assertEquals(MediaType.SHOW, r.items(Feature.WATCHLIST).get(0).type());
        assertEquals("sci-fi-classics", r.items(Feature.PLAYLISTS).get(0).list().orElseThrow());
        assertEquals(2, r.report().skipped());
        assertTrue(r.problems().stream().anyMatch(p -> p.file().endsWith("watched-history-1.json") && "$[2]".equals(p.where())
                && p.reason().contains("watched_at")), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.file().endsWith("ratings-episodes.json")), r.problems().toString());
    }

    @Test
    void traktZipOldNestedLayoutUsesWatchedSummaryWithoutHistory() throws IOException {
        Path zip = dir.resolve("old.zip");
        zip(zip, Map.of(
                "someone/watched/watched-shows.json", "[{\"plays\":2,\"last_watched_at\":\"2023-05-01T00:00:00.000Z\","
                        + "\"show\":{\"title\":\"Dark\",\"ids\":{\"tvdb\":334824}},\"seasons\":[{\"number\":1,\"episodes\":["
                        + "{\"number\":1,\"plays\":1,\"last_watched_at\":\"2023-04-01T20:00:00.000Z\"},"
                        + "{\"number\":2,\"plays\":1,\"last_watched_at\":\"2023-04-02T20:00:00.000Z\"}]}]}]",
                "someone/lists/watchlist.json", "[{\"type\":\"movie\",\"movie\":{\"title\":\"Her\",\"year\":2013,\"ids\":{\"imdb\":\"tt1798709\"}}}]",
                "someone/lists/weekend.json", "[{\"type\":\"movie\",\"movie\":{\"title\":\"Alien\",\"ids\":{\"imdb\":\"tt0078748\"}}}]"));
        ImportResult r = Importers.read(zip);
        assertEquals(2, r.items(Feature.HISTORY).size());
        assertEquals(2, r.items(Feature.HISTORY).get(1).episode().orElseThrow());
        assertEquals("tt1798709", r.items(Feature.WATCHLIST).get(0).ids().imdb().orElseThrow());
        assertEquals("weekend", r.items(Feature.PLAYLISTS).get(0).list().orElseThrow());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void sampleDataImports() {
        ImportResult imdb = Importers.read(SAMPLES.resolve("imdb/ratings.csv"));
        assertEquals(ImportFormat.IMDB_RATINGS, imdb.format());
        assertEquals(20, imdb.items(Feature.RATINGS).size());
        assertTrue(imdb.problems().isEmpty(), imdb.problems().toString());

        ImportResult lb = Importers.read(SAMPLES.resolve("letterboxd"));
        assertEquals(ImportFormat.LETTERBOXD, lb.format());
        assertTrue(lb.items(Feature.HISTORY).size() >= 15);
        assertTrue(lb.items(Feature.RATINGS).size() >= 15);
        assertTrue(lb.items(Feature.WATCHLIST).size() >= 10);
        assertTrue(lb.problems().isEmpty(), lb.problems().toString());
    }

    @Test
    void unknownAndMissingFilesFailClearly() throws IOException {
        Path odd = write("odd.csv", "foo,bar\n1,2\n");
        CrossWatchException e = assertThrows(CrossWatchException.class, () -> Importers.detect(odd));
        assertTrue(e.getMessage().contains("odd.csv"), e.getMessage());
        CrossWatchException missing = assertThrows(CrossWatchException.class, () -> Importers.read(dir.resolve("nope.csv")));
        assertTrue(missing.getMessage().contains("nope.csv"), missing.getMessage());
    }

    @Test
    void unterminatedQuoteReportsTheLineAndKeepsEarlierRows() throws IOException {
        Path csv = write("ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n2024-01-12,Her,2013,u,4\n"
                + "2024-01-13,\"Broken,2013,u,4\n2024-01-14,Alien,1979,u,5\n");
        ImportResult r = Importers.read(csv);
        assertEquals(1, r.items(Feature.RATINGS).size());
        assertEquals(3, r.problems().get(0).line());
        assertFalse(r.report().clean());
    }

    @Test
    void aHundredThousandRowCsvStreams() throws IOException {
        Path big = dir.resolve("big-ratings.csv");
        try (Writer w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,"
                    + "Release Date,Directors\n");
            for (int i = 1; i <= 100_000; i++) {
                w.write("tt" + (1_000_000 + i) + "," + (i % 10 + 1) + ",2024-01-01,\"Film " + i + ", part two\",u,movie,7.0,"
                        + "100,2001,\"Drama, Comedy\",1000,2001-01-01,Someone\n");
            }
        }
        // Items go to the sink as rows are parsed; nothing collects them, so memory stays bounded by one
        // row. No wall-clock assertion: the build shares two cores and timing belongs to the JMH benchmarks.
        AtomicLong seen = new AtomicLong();
        ImportReport report = Importers.read(big, (f, item) -> {
            assertEquals(Feature.RATINGS, f);
            seen.incrementAndGet();
        });
        assertEquals(100_000, seen.get());
        assertEquals(100_000, report.imported());
        assertTrue(report.clean());
    }

    static void zip(Path zip, Map<String, String> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(files).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }
}
