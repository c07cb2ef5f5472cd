package io.crosswatch.providers.sync.plex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlexWebhookSourceTest {

    static final Instant NOW = Instant.parse("2026-01-01T20:00:00Z");
    final PlexWebhookSource source = new PlexWebhookSource();

    List<ScrobbleEvent> parse(String json) {
        return source.parseWebhook(new WebhookRequest("application/json", json.getBytes(StandardCharsets.UTF_8), NOW));
    }

    @Test
    void anEpisodeCarriesItsOwnIdsTheShowAndItsNumbers() {
        List<ScrobbleEvent> e = parse("{\"event\":\"media.pause\",\"Account\":{\"title\":\"alice\"},\"Server\":{\"title\":\"Home\"},"
                + "\"Metadata\":{\"type\":\"episode\",\"title\":\"Pilot\",\"grandparentTitle\":\"Breaking Bad\","
                + "\"grandparentGuid\":\"plex://show/5d9c086c46115600200aa2fe\",\"parentIndex\":1,\"index\":1,"
                + "\"librarySectionTitle\":\"TV Shows\",\"viewOffset\":1392000,\"duration\":3480000,"
                + "\"guid\":\"plex://episode/5d9c11a1e98e47001eb84fb9\","
                + "\"Guid\":[{\"id\":\"imdb://tt0959621\"},{\"id\":\"tmdb://62085\"},{\"id\":\"tvdb://349232\"}]}}");
        assertEquals(1, e.size());
        ScrobbleEvent ev = e.get(0);
        assertEquals(ScrobbleEvent.Kind.PAUSE, ev.kind());
        assertEquals(MediaType.EPISODE, ev.item().type());
        assertEquals("tt0959621", ev.item().ids().imdb().orElseThrow());
        assertEquals("349232", ev.item().ids().tvdb().orElseThrow());
        assertEquals(1, ev.item().season().orElseThrow());
        assertEquals(1, ev.item().episode().orElseThrow());
        assertEquals("Breaking Bad", ev.item().showTitle().orElseThrow());
        assertEquals(40.0, ev.progress(), 0.001);
        assertEquals(Duration.ofMillis(1392000), ev.position());
        assertEquals(NOW, ev.occurredAt());
        assertEquals("alice", ev.user());
        assertEquals("Home", ev.server());
        assertEquals("TV Shows", ev.library());
    }

    @Test
    void otherEventsAndItemKindsAreIgnoredAndGarbageIsRefused() {
        assertEquals(List.of(), parse("{\"event\":\"library.new\",\"Metadata\":{\"type\":\"movie\"}}"));
        assertEquals(List.of(), parse("{\"event\":\"media.play\",\"Metadata\":{\"type\":\"track\",\"title\":\"Song\"}}"));
        assertThrows(IllegalArgumentException.class, () -> parse("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"Metadata\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> source.parseWebhook(new WebhookRequest("multipart/form-data",
                new byte[] {1, 2}, NOW)));
    }

    @Test
    void mediaScrobbleIsAStopPastNinetyPercentEvenWithoutAnOffset() {
        List<ScrobbleEvent> e = parse("{\"event\":\"media.scrobble\",\"Metadata\":{\"type\":\"movie\",\"title\":\"Tron\","
                + "\"Guid\":[{\"id\":\"tmdb://20526\"}]}}");
        assertEquals(ScrobbleEvent.Kind.STOP, e.get(0).kind());
        assertEquals(90.0, e.get(0).progress(), 0.001);
    }
}
