package io.crosswatch.api.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MediaItemTest {

    @Test
    void episodeNeedsSeasonAndNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MediaItem.builder(MediaType.EPISODE).showTitle("Dark").season(1).build());
        assertTrue(e.getMessage().contains("Dark"), e.getMessage());
    }

    @Test
    void ratingMustBeOneToTen() {
        assertThrows(IllegalArgumentException.class, () -> MediaItem.builder(MediaType.MOVIE).rating(11).build());
        assertThrows(IllegalArgumentException.class, () -> MediaItem.builder(MediaType.MOVIE).rating(0).build());
    }

    @Test
    void describeAndToBuilderRoundTrip() {
        MediaItem ep = MediaItem.builder(MediaType.EPISODE).showTitle("Dark").showIds(MediaIds.of("tvdb", "334824"))
                .season(1).episode(3).watchedAt(Instant.parse("2024-01-01T20:00:00Z")).attribute("historyId", "9")
                .build();
        assertEquals("Dark S01E03", ep.describe());
        assertEquals(ep, ep.toBuilder().build());
        assertNotEquals(ep, ep.toBuilder().attribute("historyId", null).build());
        assertEquals("9", ep.attribute("historyId").orElseThrow());
    }

    @Test
    void playbackPercent() {
        Playback p = new Playback(Duration.ofMinutes(30), Duration.ofMinutes(120), Instant.EPOCH);
        assertEquals(25.0, p.percent(), 1e-9);
        assertEquals(-1, new Playback(Duration.ofMinutes(1), Duration.ZERO, Instant.EPOCH).percent());
        // under a millisecond: finite, not 0/0 (a lenient import may carry "duration_ms": 0.5)
        assertEquals(50.0, new Playback(Duration.ofNanos(250_000), Duration.ofNanos(500_000), Instant.EPOCH).percent(), 1e-9);
        assertEquals(0.0, new Playback(Duration.ZERO, Duration.ofNanos(500_000), Instant.EPOCH).percent(), 1e-9);
        assertEquals(Duration.ofMinutes(60), Playback.ofPercent(50, Duration.ofMinutes(120), Instant.EPOCH).position());
        assertThrows(IllegalArgumentException.class, () -> Playback.ofPercent(101, Duration.ofMinutes(1), Instant.EPOCH));
    }

    @Test
    void featureAndTypeKeys() {
        assertEquals(Feature.HISTORY, Feature.fromKey(" History "));
        assertEquals(MediaType.SHOW, MediaType.fromKey("tv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Feature.fromKey("likes"));
        assertTrue(e.getMessage().contains("watchlist"));
    }
}
