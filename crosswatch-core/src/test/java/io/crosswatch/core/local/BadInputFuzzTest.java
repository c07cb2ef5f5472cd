package io.crosswatch.core.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.state.MediaItemCodec;
import io.crosswatch.core.testing.SeededCases;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never escapes as an unchecked exception or a hang: malformed, truncated, deeply
 * nested and wrong-typed variants of real samples (seeded mutations) go through the config
 * loader, the import formats and the item JSON reader, and each either parses (with problems
 * that name file and line) or fails with a {@link CrossWatchException} that names the file
 * ({@link ConfigException} with its JSON path for the config). The media item codec, whose
 * documented contract is {@link IllegalArgumentException}, is held to that. Large inputs (a 10 MB
 * field, 100k rows) finish within the time bound, streamed.
 */
class BadInputFuzzTest {

    static final Duration BOUND = Duration.ofSeconds(20);

    static final String CONFIG = """
            {"providers": {"trakt": {"clientId": "cid", "accessToken": "tok", "instances": {"work": {"accessToken": "w"}}},
                           "plex": {"token": "p"}},
             "pairs": [{"name": "p", "source": "plex", "target": "trakt:work", "mode": "one_way_add",
                        "features": {"watchlist": {"enabled": true, "add": true, "remove": false}, "ratings": false},
                        "options": {"massDeletePercent": 10}},
                       {"source": "trakt", "target": "plex", "mode": "two_way"}],
             "sync": {"dryRun": true, "guards": {"tombstoneDays": 30}},
             "metadata": {"priority": ["tmdb", "trakt"], "locale": "de-DE"}}
            """;
    static final String IMDB = "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),"
            + "Year,Genres,Num Votes,Release Date,Directors\r\n"
            + "tt0133093,9,2023-04-02,The Matrix,The Matrix,https://www.imdb.com/title/tt0133093/,Movie,8.7,136,1999,"
            + "\"Action, Sci-Fi\",\"2,100,000\",1999-03-31,\"Lana Wachowski, Lilly Wachowski\"\r\n"
            + "tt0903747,10,2022-12-30,Breaking Bad,Breaking Bad,https://www.imdb.com/title/tt0903747/,tvSeries,9.5,49,"
            + "2008,Drama,\"2,000,000\",2008-01-20,\r\n";
    static final String LETTERBOXD = "Date,Name,Year,Letterboxd URI,Rating\n2024-01-12,Her,2013,https://boxd.it/a,4\n"
            + "2024-01-13,\"Alien, the\",1979,https://boxd.it/b,4.5\n";
    static final String ITEMS = """
            [{"type": "movie", "title": "Heat", "year": 1995, "ids": {"imdb": "tt0113277", "tmdb": 949},
              "feature": "ratings", "rating": 9, "rated_at": "2024-01-01T00:00:00Z"},
             {"type": "episode", "show": {"title": "Dark", "ids": {"tvdb": 334824}}, "season": 1, "number": 2,
              "watched_at": "2024-02-01T20:00:00Z"}]
            """;

    @TempDir
    Path dir;

    static LongStream seeds() {
        return SeededCases.seeds("badinput.mutations", 60);
    }

    /** A seeded mutation of {@code sample}: truncation, flipped or inserted characters, nesting, wrong types. */
    static String mutate(String sample, SplittableRandom r) {
        StringBuilder s = new StringBuilder(sample);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : r.nextInt(s.length());
            switch (r.nextInt(9)) {
                case 0 -> s.setLength(at); // truncated
                case 1 -> s.insert(at, SeededCases.oneOf(r, "\"", ",", "\n", "{", "}", "[", "]", ":", "\\", "\u0000", "\uFFFD", "\r"));
                case 2 -> { if (s.length() > 0) { s.setCharAt(at, (char) (32 + r.nextInt(95))); } }
                case 3 -> s.insert(at, "[".repeat(2_000 + r.nextInt(50_000))); // deeply nested
                case 4 -> s.insert(at, SeededCases.oneOf(r, "[]", "{}", "null", "true", "-1e999", "\"x\"", "1.5", "\"9999-99-99\""));
                case 5 -> s.replace(at, Math.min(s.length(), at + r.nextInt(20)), ""); // a hole
                case 6 -> s.insert(at, "x".repeat(r.nextInt(200_000))); // a long field
                case 7 -> s.insert(0, "\uFEFF");
                default -> s.append(s, 0, Math.min(s.length(), r.nextInt(s.length() + 1))); // duplicated tail
            }
        }
        return s.toString();
    }

    /** Runs {@code action}; passes when it returns or throws {@code allowed}; fails on anything else or a hang. */
    static void contained(String what, Class<? extends RuntimeException> allowed, Runnable action) {
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                if (!allowed.isInstance(e)) {
                    throw new AssertionError(what + ": unexpected " + e, e);
                }
                assertFalse(e.getMessage() == null || e.getMessage().isBlank(), what + ": no message");
            } catch (StackOverflowError e) {
                fail(what + ": stack overflow on deep nesting");
            }
        }, what);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void malformedConfigIsAConfigExceptionWithItsPath(long seed) throws IOException {
        Path f = dir.resolve("crosswatch.json");
        Files.writeString(f, mutate(CONFIG, new SplittableRandom(seed)), StandardCharsets.UTF_8);
        contained("seed " + seed + " config", ConfigException.class, () -> ConfigStore.open(f).load());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void malformedImportsAreProblemsOrATypedErrorNamingTheFile(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        for (String[] sample : List.of(new String[] {"imdb-ratings.csv", IMDB}, new String[] {"ratings.csv", LETTERBOXD},
                new String[] {"items.json", ITEMS})) {
            Path f = dir.resolve(seed + "-" + sample[0]);
            Files.writeString(f, mutate(sample[1], r), StandardCharsets.UTF_8);
            String what = "seed " + seed + " " + sample[0];
            contained(what, CrossWatchException.class, () -> {
                try {
                    ImportResult res = Importers.read(f);
                    res.problems().forEach(p -> assertTrue(p.file() != null && !p.file().isBlank(), what + ": problem without file"));
                } catch (CrossWatchException e) {
                    assertTrue(e.getMessage().contains(f.getFileName().toString()), what + ": the error does not name the file: "
                            + e.getMessage());
                    throw e;
                }
            });
            byte[] bytes = Files.readAllBytes(f);
            contained(what + " as item JSON", CrossWatchException.class,
                    () -> ItemJson.read(new ByteArrayInputStream(bytes), sample[0]));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theItemCodecFailsOnlyAsDocumented(long seed) {
        String sample = "{\"type\":\"episode\",\"ids\":{\"tmdb\":\"5\"},\"showIds\":{\"tvdb\":\"7\"},\"season\":1,\"episode\":2,"
                + "\"watchedAt\":\"2024-01-01T00:00:00Z\",\"rating\":8,\"playback\":{\"positionMs\":1,\"durationMs\":9,"
                + "\"updatedAt\":\"2024-01-01T00:00:00Z\"}}";
        String bad = mutate(sample, new SplittableRandom(seed));
        contained("seed " + seed + " codec", IllegalArgumentException.class, () -> MediaItemCodec.readItem(bad));
        contained("seed " + seed + " codec list", IllegalArgumentException.class, () -> MediaItemCodec.readList("[" + bad + "]"));
    }

    @Test
    void aTenMegabyteFieldIsATypedErrorNamingFileAndLineNotAnOutOfMemory() throws IOException {
        Path big = dir.resolve("imdb-ratings.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("Const,Your Rating,Date Rated,Title,URL,Title Type,Year\n");
            w.write("tt0000001,7,2024-01-01,\"");
            for (int i = 0; i < 10 * 1024; i++) {
                w.write("y".repeat(1024));
            }
            w.write("\",u,movie,2000\n");
        }
        AtomicLong count = new AtomicLong();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try {
                Importers.read(big, (f, item) -> count.incrementAndGet());
            } catch (CrossWatchException e) {
                assertTrue(e.getMessage().contains("imdb-ratings.csv"), e.getMessage());
            }
        });
    }

    @Test
    void aHundredThousandRowsAreStreamed() throws IOException {
        Path big = dir.resolve("imdb-ratings.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("Const,Your Rating,Date Rated,Title,URL,Title Type,Year\n");
            for (int i = 0; i < 100_000; i++) {
                w.write("tt" + (1_000_000 + i) + ",7,2024-01-01,T" + i + ",u,movie,2000\n");
            }
        }
        AtomicLong count = new AtomicLong();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Importers.read(big, (f, item) -> count.incrementAndGet()));
        assertTrue(count.get() == 100_000, "rows read: " + count.get());
    }
}
