package io.crosswatch.providers.sync.plex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlexWebhookSourceTest {

    static final Instant NOW = Instant.parse("2026-01-01T20:00:00Z");
    static final FakePlex FAKE = new FakePlex();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

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
    void withoutALibraryTitleTheSectionIdNamesTheLibraryAsTheWatcherDoes() {
        List<ScrobbleEvent> e = parse("{\"event\":\"media.play\",\"Server\":{\"title\":\"Home\"},"
                + "\"Metadata\":{\"type\":\"movie\",\"title\":\"The Matrix\",\"year\":1999,\"librarySectionID\":3,"
                + "\"Guid\":[{\"id\":\"imdb://tt0133093\"}]}}");
        assertEquals("3", e.get(0).library());
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

    /** A webhook as Plex posts it: multipart/form-data with the payload part and a thumbnail part after it. */
    List<ScrobbleEvent> postMultipart(String event, String metadataJson) {
        String payload = "{\"event\":\"" + event + "\",\"user\":true,\"owner\":true,"
                + "\"Account\":{\"id\":1,\"title\":\"alice\"},"
                + "\"Server\":{\"title\":\"Home\",\"uuid\":\"" + FakePlex.MACHINE_ID + "\"},"
                + "\"Player\":{\"local\":true,\"title\":\"Living Room\",\"uuid\":\"p1\"},"
                + "\"Metadata\":" + metadataJson + "}";
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"payload\"\r\nContent-Type: application/json\r\n\r\n"
                + payload + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"thumb\"; filename=\"t.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n\u00ff\u00d8\r\n--XyZ--\r\n";
        return source.parseWebhook(new WebhookRequest("multipart/form-data; boundary=XyZ",
                body.getBytes(StandardCharsets.ISO_8859_1), NOW));
    }

    @Test
    void scrobbledItemsAreTheOnesASyncReadGivesForTheSameMetadataWithRatingKeyAndServer() {
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.reset();
        PlexFixtures.library(FAKE);
        // the webhook's Metadata is the same JSON the sync read pages through
        String matrixJson = FAKE.item("101").toString();
        String pilotJson = FAKE.item("201").toString();
        String legacyJson = FAKE.item("301").toString();
        MediaItem matrix = postMultipart("media.scrobble", matrixJson).get(0).item();
        MediaItem pilot = postMultipart("media.scrobble", pilotJson).get(0).item();
        MediaItem legacy = postMultipart("media.scrobble", legacyJson).get(0).item();

        assertEquals("101", matrix.attribute(PlexSession.ATTR_RATING_KEY).orElse(null));
        assertEquals(FakePlex.MACHINE_ID, matrix.attribute(PlexSession.ATTR_SERVER).orElse(null), "Server.uuid");
        assertEquals("201", pilot.attribute(PlexSession.ATTR_RATING_KEY).orElse(null));
        assertEquals(FakePlex.MACHINE_ID, pilot.attribute(PlexSession.ATTR_SERVER).orElse(null));
        try (PlexSession sync = new PlexSession(PlexFixtures.context(wm, Map.of()), null)) {
            assertEquals(sync.itemOf(sync.snapshot().index().get("101").orElseThrow()).build(), matrix);
            for (MediaItem hooked : List.of(pilot, legacy)) {
                String key = hooked.attribute(PlexSession.ATTR_RATING_KEY).orElseThrow();
                MediaItem read = sync.itemOf(sync.snapshot().index().get(key).orElseThrow()).build();
                // the read also has the show's own ids (its metadata), which a webhook cannot fetch
                assertTrue(read.showIds().values().entrySet().containsAll(hooked.showIds().values().entrySet()),
                        hooked.showIds() + " within " + read.showIds());
                assertEquals(read.toBuilder().showIds(hooked.showIds()).build(), hooked);
            }
        }
        assertEquals("plex://show/5d9c086c7d06d9001ffd27aa", pilot.showIds().get(MediaIds.PLEX_GUID).orElse(null),
                "the payload's grandparentGuid");
        assertEquals("73244", legacy.showIds().tvdb().orElseThrow(), "a legacy episode guid names the show");
        assertEquals(2, legacy.season().orElseThrow());
        assertEquals(3, legacy.episode().orElseThrow());
    }
}
