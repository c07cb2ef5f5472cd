package io.crosswatch.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MediaItemCodecTest {

    static Stream<MediaItem> items() {
        Instant t = Instant.parse("2024-05-01T20:15:31.123Z");
        return Stream.of(
            MediaItem.builder(MediaType.MOVIE).title("X").build(),
            MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "603", "imdb", "tt0133093")).title("The Matrix").year(1999)
                    .rating(9).ratedAt(t).watchedAt(t).list("Faves \"quoted\"").attribute("plex.ratingKey", "5678").build(),
            MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tvdb", "81189")).ids(MediaIds.of("tvdb", "349232"))
                    .showTitle("Dark").title("Pilot").season(1).episode(1)
                    .playback(new Playback(Duration.ofMillis(600_000), Duration.ofMillis(3_000_000), t)).build(),
            MediaItem.builder(MediaType.SEASON).showIds(MediaIds.of("tmdb", "1")).season(0).build());
    }

    @ParameterizedTest
    @MethodSource("items")
    void roundTrips(MediaItem item) {
        assertEquals(item, MediaItemCodec.readItem(MediaItemCodec.write(item)));
        assertEquals(List.of(item, item), MediaItemCodec.readList(MediaItemCodec.write(List.of(item, item))));
    }

    @Test
    void shapeIsStable() {
        MediaItem m = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "603")).title("The Matrix").year(1999).build();
        assertEquals("{\"type\":\"movie\",\"ids\":{\"tmdb\":\"603\"},\"title\":\"The Matrix\",\"year\":1999}", MediaItemCodec.write(m));
    }

    @Test
    void malformedJsonIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> MediaItemCodec.readItem("{\"title\":\"no type\"}"));
        assertThrows(IllegalArgumentException.class, () -> MediaItemCodec.readList("{"));
    }

    @Test
    void theReusedWriterWritesEachItemAsWriteDoes() {
        List<MediaItem> all = items().toList();
        try (ItemJsonWriter json = new ItemJsonWriter()) {
            for (int round = 0; round < 2; round++) {
                for (MediaItem item : all) {
                    String s = json.write(item);
                    assertEquals(MediaItemCodec.write(item), s);
                    assertEquals(item, MediaItemCodec.readItem(s));
                }
            }
        }
    }
}
