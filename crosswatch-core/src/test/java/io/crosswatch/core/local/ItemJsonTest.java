package io.crosswatch.core.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ItemJsonTest {

    private static final Instant T = Instant.parse("2024-03-01T20:15:30.123456789Z");

    static Map<Feature, List<MediaItem>> everything() {
        Map<Feature, List<MediaItem>> m = new EnumMap<>(Feature.class);
        MediaItem matrix = MediaItem.builder(MediaType.MOVIE).title("The Matrix").year(1999)
                .ids(MediaIds.of("imdb", "tt0133093", "tmdb", "603", "trakt", "481", "plex", "5512", "slug", "the-matrix-1999"))
                .attribute("plex.ratingKey", "5512").attribute("note", "quotes \" and, commas\nand lines").build();
        MediaItem episode = MediaItem.builder(MediaType.EPISODE).title("Past and Present").ids(MediaIds.of("tvdb", "6180356"))
                .showIds(MediaIds.of("tvdb", "334824", "tmdb", "70523")).showTitle("Dark").season(1).episode(3).build();
        MediaItem season = MediaItem.builder(MediaType.SEASON).showIds(MediaIds.of("tmdb", "70523")).season(2).build();
        MediaItem show = MediaItem.builder(MediaType.SHOW).title("Severance").year(2022).ids(MediaIds.of("tmdb", "95396")).build();
        m.put(Feature.WATCHLIST, List.of(matrix, show));
        m.put(Feature.RATINGS, List.of(matrix.toBuilder().rating(9).ratedAt(T).build(),
                season.toBuilder().rating(7).ratedAt(T.plusSeconds(1)).build()));
        m.put(Feature.HISTORY, List.of(episode.toBuilder().watchedAt(T).attribute("trakt.history_id", "9002").build()));
        m.put(Feature.PROGRESS, List.of(matrix.toBuilder().playback(new Playback(Duration.ofMillis(1_234_567).plusNanos(89),
                Duration.ofMinutes(136), T)).build(), show.toBuilder().playback(new Playback(Duration.ofMinutes(3),
                Duration.ZERO, T)).build()));
        m.put(Feature.PLAYLISTS, List.of(show.toBuilder().list("Weekend, maybe").build()));
        return m;
    }

    @Test
    void roundTripIsLosslessPerFeature() {
        Map<Feature, List<MediaItem>> in = everything();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ItemJson.write(in, out);
        ImportResult back = ItemJson.read(new ByteArrayInputStream(out.toByteArray()), "mem.json");
        assertTrue(back.problems().isEmpty(), back.problems().toString());
        assertEquals(in, back.items());
    }

    @Test
    void listWriteWithoutFeatureInfersItOnRead() {
        MediaItem rated = everything().get(Feature.RATINGS).get(0);
        MediaItem watched = everything().get(Feature.HISTORY).get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ItemJson.write(List.of(rated, watched), out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("[\n  {\"type\":\"movie\""), json);
        ImportResult back = ItemJson.read(new ByteArrayInputStream(out.toByteArray()), "mem.json");
        assertEquals(List.of(rated), back.items(Feature.RATINGS));
        assertEquals(List.of(watched), back.items(Feature.HISTORY));
    }

    @Test
    void readsCrossWatchLooseVariantsAndReportsBadValuesWithPaths() {
        String json = "[{\"type\":\"movie\",\"title\":\"The Matrix\",\"year\":\"1999\",\"imdb\":\"tt0133093\",\"tmdb_id\":\"603\","
                + "\"watched_at\":\"2024-03-01\"},"
                + "{\"type\":\"show\",\"title\":\"Dark\",\"ids\":{\"tvdb\":334824.0,\"tmdb\":\"abc\"},\"rating\":\"8\","
                + "\"rated_at\":\"2024-03-01T21:15:00+01:00\"},"
                + "{\"type\":\"episode\",\"show\":{\"title\":\"Dark\",\"ids\":{\"tvdb\":\"334824\"}},\"season\":\"1\",\"episode\":2,"
                + "\"watched_at\":1709324100},"
                + "{\"type\":\"spaceship\",\"title\":\"?\"},"
                + "{\"type\":\"movie\",\"title\":\"Dune\",\"year\":2021,\"ids\":{\"tmdb\":438631},"
                + "\"progress\":{\"percent\":50,\"duration_ms\":\"9300000\",\"updated_at\":\"2024-03-02T10:00:00Z\"}},"
                + "\"not an object\"]";
        ImportResult r = ItemJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "loose.json");
        MediaItem matrix = r.items(Feature.HISTORY).get(0);
        assertEquals(MediaIds.of("imdb", "tt0133093", "tmdb", "603"), matrix.ids());
        assertEquals(1999, matrix.year().orElseThrow());
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), matrix.watchedAt().orElseThrow());
        MediaItem dark = r.items(Feature.RATINGS).get(0);
        assertEquals(MediaIds.of("tvdb", "334824"), dark.ids());
        assertEquals(Instant.parse("2024-03-01T20:15:00Z"), dark.ratedAt().orElseThrow());
        MediaItem ep = r.items(Feature.HISTORY).get(1);
        assertEquals("334824", ep.showIds().tvdb().orElseThrow());
        assertEquals("Dark", ep.showTitle().orElseThrow());
        assertEquals(Instant.ofEpochSecond(1709324100), ep.watchedAt().orElseThrow());
        Playback p = r.items(Feature.PROGRESS).get(0).playback().orElseThrow();
        assertEquals(Duration.ofMillis(4_650_000), p.position());

        Map<String, String> problems = r.problems().stream().filter(x -> x.where() != null)
                .collect(Collectors.toMap(ImportProblem::where, ImportProblem::reason, (a, b) -> a + " | " + b));
        assertTrue(problems.get("$[1].ids.tmdb").contains("'abc'"), problems.toString());
        assertTrue(problems.get("$[3].type").contains("spaceship"), problems.toString());
        assertTrue(problems.get("$[5]").contains("expected an object"), problems.toString());
        assertEquals(2, r.report().skipped());
        assertEquals(4, r.report().imported());
    }

    @Test
    void malformedJsonIsAProblemNotAnException() {
        ImportResult r = ItemJson.read(new ByteArrayInputStream("[{\"type\":\"movie\",\"title\":\"A\"}, {oops".getBytes(
                StandardCharsets.UTF_8)), "bad.json");
        assertEquals(1, r.items(Feature.WATCHLIST).size());
        assertTrue(r.problems().get(0).reason().startsWith("malformed JSON"), r.problems().toString());
    }

    @Test
    void readsCrossWatchKeyedItemsAndFieldAliases() {
        String json = "{\"items\":{"
                + "\"imdb:tt0133093\":{\"type\":\"movie\",\"name\":\"The Matrix\",\"release_year\":1999,"
                + "\"ids\":{\"imdb\":\"tt0133093\"},\"user_rating\":\"9.0\"},"
                + "\"tvdb:334824#s01e02\":{\"type\":\"episode\",\"series_title\":\"Dark\",\"show_ids\":{\"tvdb\":334824},"
                + "\"season\":1,\"episode\":2,\"watchedAt\":\"2024-03-01T20:15:00Z\"}}}";
        ImportResult r = ItemJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "state.json");
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        MediaItem matrix = r.items(Feature.RATINGS).get(0);
        assertEquals("The Matrix", matrix.title().orElseThrow());
        assertEquals(1999, matrix.year().orElseThrow());
        assertEquals(9, matrix.rating().orElseThrow());
        MediaItem ep = r.items(Feature.HISTORY).get(0);
        assertEquals("Dark", ep.showTitle().orElseThrow());
        assertEquals(Instant.parse("2024-03-01T20:15:00Z"), ep.watchedAt().orElseThrow());
    }
}
