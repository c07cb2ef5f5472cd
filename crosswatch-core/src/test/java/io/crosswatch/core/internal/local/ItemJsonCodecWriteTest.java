package io.crosswatch.core.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.core.JsonGenerator;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.local.LocalTracker;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemJsonCodecWriteTest {

    private static final Instant T = Instant.parse("2024-05-01T20:15:31.123Z");

    static List<MediaItem> items() {
        return List.of(
            MediaItem.builder(MediaType.MOVIE).title("X").build(),
            MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "603", "imdb", "tt0133093")).title("The \"Matrix\" \u00e9\u2028")
                    .year(1999).rating(9).ratedAt(T).watchedAt(T).list("Faves").attribute("plex.ratingKey", "5678")
                    .attribute("a", "b\\c").build(),
            MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tvdb", "81189")).ids(MediaIds.of("tvdb", "349232"))
                    .showTitle("Dark").title("Pilot").season(1).episode(1)
                    .playback(new Playback(Duration.ofMillis(600_000), Duration.ofMillis(3_000_000), T)).build(),
            MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "1"))
                    .playback(new Playback(Duration.ofNanos(1_234_567), Duration.ZERO, T)).build(),
            MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "2"))
                    .playback(new Playback(Duration.ofNanos(7_000_001), Duration.ofMillis(3), T)).build(),
            MediaItem.builder(MediaType.SEASON).showIds(MediaIds.of("tmdb", "1")).season(0).build());
    }

    @Test
    void streamingWritesTheTextOfTheTree() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = ItemJsonCodec.MAPPER.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (MediaItem item : items()) {
                out.getBuffer().setLength(0);
                ItemJsonCodec.write(g, item);
                g.flush();
                String streamed = out.toString();
                assertEquals(ItemJsonCodec.toNode(item, null).toString(), streamed);
                ItemJsonCodec.Parsed back = ItemJsonCodec.fromNode(ItemJsonCodec.MAPPER.readTree(streamed), "$", (p, r) -> { });
                assertNotNull(back, streamed);
                assertEquals(ItemJsonCodec.fromNode(ItemJsonCodec.toNode(item, null), "$", (p, r) -> { }).item(), back.item());
            }
        }
    }

    @Test
    void aTrackerReadsBackWhatItsReusedWriterStored(@TempDir Path dir) {
        Path file = dir.resolve("t.db");
        List<MediaItem> movies = items().stream().filter(i -> i.type() == MediaType.MOVIE && i.playback().isEmpty()).toList();
        try (LocalTracker t = LocalTracker.open(file, Clock.systemUTC())) {
            WriteResult r = t.add(Feature.WATCHLIST, movies, false);
            assertEquals(movies.size(), r.count(WriteResult.Outcome.ADDED));
        }
        try (LocalTracker t = LocalTracker.open(file, Clock.systemUTC())) {
            assertEquals(movies.size(), t.count(Feature.WATCHLIST));
            // what the tree encoder's rows decoded to
            assertEquals(movies.stream().map(m -> ItemJsonCodec.fromNode(ItemJsonCodec.toNode(m, null), "$", (p, r) -> { }).item())
                    .toList(), t.items(Feature.WATCHLIST));
        }
    }
}
