package io.crosswatch.providers.sync.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** History, ratings and progress writes: the real endpoints, one call per item, outcomes per item. */
class PlexLibraryWriteTest {

    static final FakePlex FAKE = new FakePlex();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    /** The library read of the fixture: sections + movies + shows + episodes. */
    private static final int LIBRARY_READ = 4;

    private static final MediaItem INCEPTION = MediaItem.builder(MediaType.MOVIE).id("tmdb", "27205")
            .title("Inception").year(2010).build();
    private static final MediaItem MATRIX = MediaItem.builder(MediaType.MOVIE).id("imdb", "tt0133093")
            .title("The Matrix").year(1999).build();
    private static final MediaItem NOT_IN_LIBRARY = MediaItem.builder(MediaType.MOVIE).id("tmdb", "550")
            .title("Fight Club").year(1999).build();
    /** S01E02 has no episode ids on Plex: found by the show's TVDB id and the numbers. */
    private static final MediaItem SECOND_EPISODE = MediaItem.builder(MediaType.EPISODE)
            .showIds(MediaIds.of("tvdb", "81189")).showTitle("Some Show").season(1).episode(2).build();

    private final Instant at = Instant.parse("2025-06-01T20:00:00Z");

    @BeforeEach
    void setUp() {
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.reset();
        PlexFixtures.library(FAKE);
    }

    private ConnectorSession open() {
        return new PlexConnector().open(PlexFixtures.context(wm, Map.of()));
    }

    private static int writes() {
        int n = 0;
        for (ServeEvent e : wm.getAllServeEvents()) {
            if (!e.getRequest().getMethod().getName().equals("GET")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void historyAddScrobblesByRatingKeyAndSkipsWhatIsWatchedOrMissing() {
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.HISTORY, List.of(INCEPTION.toBuilder().watchedAt(at).build(),
                    MATRIX.toBuilder().watchedAt(at).build(), NOT_IN_LIBRARY.toBuilder().watchedAt(at).build(),
                    SECOND_EPISODE.toBuilder().watchedAt(at).build()), false);
            assertEquals(List.of(Outcome.ADDED, Outcome.EXISTING, Outcome.NOT_FOUND, Outcome.ADDED),
                    w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
            assertEquals("not in the Plex library", w.outcomes().get(2).reason());
        }
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/scrobble")).withQueryParam("key", equalTo("104"))
                .withQueryParam("identifier", equalTo("com.plexapp.plugins.library"))
                .withHeader("X-Plex-Token", equalTo(PlexFixtures.SERVER_TOKEN)));
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/scrobble")).withQueryParam("key", equalTo("202")));
        assertEquals(2, writes());
        assertEquals(LIBRARY_READ + 2, wm.getAllServeEvents().size(), "one library read, no search per item");
        assertEquals(1, FAKE.item("104").path("viewCount").asInt());
    }

    @Test
    void historyRemoveUnscrobblesWhatWasReadAndAReadAfterwardsSeesIt() {
        try (ConnectorSession s = open()) {
            List<MediaItem> watched = s.read(Feature.HISTORY).items();
            MediaItem matrix = watched.stream().filter(i -> i.title().orElse("").equals("The Matrix")).findFirst().orElseThrow();
            WriteResult w = s.remove(Feature.HISTORY, List.of(matrix), false);
            assertEquals(Outcome.REMOVED, w.outcomes().get(0).outcome());
            assertFalse(s.read(Feature.HISTORY).items().stream().anyMatch(i -> i.title().orElse("").equals("The Matrix")));
        }
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/unscrobble")).withQueryParam("key", equalTo("101")));
        assertEquals(1, writes());
        assertEquals(2 * LIBRARY_READ + 1, wm.getAllServeEvents().size(), "read, unscrobble, read again after the change");
    }

    @Test
    void aDryRunWritesNothingButReportsWhatWouldHappen() {
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.HISTORY, List.of(INCEPTION, NOT_IN_LIBRARY), true);
            assertEquals(List.of(Outcome.ADDED, Outcome.NOT_FOUND),
                    w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
        }
        assertEquals(0, writes());
    }

    @Test
    void ratingsAreSetUpdatedKeptAndClearedWithMinusOne() {
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.RATINGS, List.of(INCEPTION.toBuilder().rating(7).ratedAt(at).build(),
                    MATRIX.toBuilder().rating(8).build()), false);
            assertEquals(List.of(Outcome.ADDED, Outcome.EXISTING),
                    w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
            w = s.add(Feature.RATINGS, List.of(MATRIX.toBuilder().rating(9).build()), false);
            assertEquals(Outcome.UPDATED, w.outcomes().get(0).outcome());
            w = s.remove(Feature.RATINGS, List.of(INCEPTION), false);
            assertEquals(Outcome.REMOVED, w.outcomes().get(0).outcome());
        }
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/rate")).withQueryParam("key", equalTo("104"))
                .withQueryParam("rating", equalTo("7")).withQueryParam("ratedAt", equalTo(Long.toString(at.getEpochSecond())))
                .withQueryParam("identifier", equalTo("com.plexapp.plugins.library")));
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/rate")).withQueryParam("key", equalTo("101"))
                .withQueryParam("rating", equalTo("9")));
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/rate")).withQueryParam("key", equalTo("104"))
                .withQueryParam("rating", equalTo("-1")));
        assertEquals(3, writes());
        assertEquals(9.0, FAKE.item("101").path("userRating").asDouble());
        assertTrue(FAKE.item("104").path("userRating").isMissingNode());
    }

    @Test
    void progressIsSetThroughTheTimelineAndClearedByUnscrobblingAnUnwatchedItem() {
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.PROGRESS, List.of(INCEPTION.toBuilder()
                    .playback(new Playback(Duration.ofMinutes(42), Duration.ofMinutes(148), at)).build()), false);
            assertEquals(Outcome.ADDED, w.outcomes().get(0).outcome());
            MediaItem heat = MediaItem.builder(MediaType.MOVIE).id("imdb", "tt0113277").build();
            w = s.remove(Feature.PROGRESS, List.of(heat), false);
            assertEquals(Outcome.REMOVED, w.outcomes().get(0).outcome());
        }
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/:/timeline")).withQueryParam("ratingKey", equalTo("104"))
                .withQueryParam("key", equalTo("/library/metadata/104")).withQueryParam("state", equalTo("stopped"))
                .withQueryParam("time", equalTo("2520000")).withQueryParam("duration", equalTo("8880000"))
                .withQueryParam("identifier", equalTo("com.plexapp.plugins.library"))
                .withHeader("X-Plex-Client-Identifier", equalTo("5b0e1c1e-test-client-id")));
        wm.verify(exactly(1), putRequestedFor(urlPathEqualTo("/:/unscrobble")).withQueryParam("key", equalTo("102")));
        assertEquals(2, writes());
        assertEquals(2_520_000, FAKE.item("104").path("viewOffset").asLong());
    }

    @Test
    void theResumePointOfAWatchedItemIsNotClearedByUnwatchingIt() {
        FAKE.item("101").put("viewOffset", 60_000);
        try (ConnectorSession s = open()) {
            WriteResult w = s.remove(Feature.PROGRESS, List.of(MATRIX), false);
            assertEquals(Outcome.FAILED, w.outcomes().get(0).outcome());
            assertTrue(w.outcomes().get(0).reason().contains("watched"), w.outcomes().get(0).reason());
        }
        assertEquals(0, writes());
    }

    @Test
    void undeclaredTypesAreUnsupportedWithoutACall() {
        MediaItem show = MediaItem.builder(MediaType.SHOW).id("tvdb", "81189").title("Some Show").build();
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.HISTORY, List.of(show), false);
            assertEquals(Outcome.UNSUPPORTED, w.outcomes().get(0).outcome());
        }
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void manyWritesEachGetTheirOwnOutcomeInOrder() {
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String rk = Integer.toString(500 + i);
            FAKE.movie("1", rk, "Film " + i, 2000 + i, "plex://movie/" + rk, "tmdb://" + (7000 + i));
            items.add(MediaItem.builder(MediaType.MOVIE).id("tmdb", Integer.toString(7000 + i)).build());
        }
        items.add(3, NOT_IN_LIBRARY);
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.HISTORY, items, false);
            assertEquals(13, w.outcomes().size());
            for (int i = 0; i < items.size(); i++) {
                assertEquals(items.get(i), w.outcomes().get(i).item());
                assertEquals(i == 3 ? Outcome.NOT_FOUND : Outcome.ADDED, w.outcomes().get(i).outcome());
            }
        }
        assertEquals(12, writes());
    }

    @Test
    void aServerErrorOnOneItemFailsOnlyThatItem() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo("/:/scrobble"))
                .withQueryParam("key", equalTo("202")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)));
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.HISTORY, List.of(INCEPTION, SECOND_EPISODE), false);
            assertEquals(Outcome.ADDED, w.outcomes().get(0).outcome());
            assertEquals(Outcome.NOT_FOUND, w.outcomes().get(1).outcome());
        }
    }
}
