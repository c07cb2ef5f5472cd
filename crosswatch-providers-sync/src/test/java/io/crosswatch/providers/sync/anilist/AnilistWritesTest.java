package io.crosswatch.providers.sync.anilist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AniList writes against the stateful GraphQL fake: statuses kept, batching, score formats, MAL mapping. */
class AnilistWritesTest {

    private static final AnilistFake FAKE = new AnilistFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    private ConnectorSession session;

    @BeforeEach
    void setUp() {
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        VirtualTime time = VirtualTime.create();
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        ProviderConfig cfg = ProviderConfig.of("anilist", "default", Map.of("accessToken", AnilistFake.TOKEN, "baseUrl", wm.baseUrl()));
        session = new AnilistConnector(toolkit).open(TestContext.of(cfg, time));
    }

    private static MediaItem anime(long anilist, Long mal) {
        MediaIds ids = MediaIds.of("anilist", Long.toString(anilist));
        if (mal != null) {
            ids = ids.with("mal", mal);
        }
        return MediaItem.builder(MediaType.SHOW).ids(ids).title("anime " + anilist).build();
    }

    private static long mutations() {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getBodyAsString().contains("mutation")).count();
    }

    private static List<Outcome> outcomes(WriteResult w) {
        return w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList();
    }

    @Test
    void watchlistAddNeverDemotesWatchingPausedOrDroppedEntries() {
        FAKE.put(21, "CURRENT", 0);
        FAKE.put(1535, "PAUSED", 0);
        FAKE.put(199, "DROPPED", 0);

        WriteResult w = session.add(Feature.WATCHLIST,
                List.of(anime(16498, 16498L), anime(21, 21L), anime(1535, 1535L), anime(199, 199L)), false);

        assertEquals(List.of(Outcome.EXISTING, Outcome.EXISTING, Outcome.EXISTING, Outcome.ADDED), outcomes(w));
        assertTrue(w.outcomes().get(0).reason().contains("CURRENT"), w.outcomes().get(0).reason());
        assertEquals("PLANNING", FAKE.entry(16498).path("status").asText());
        assertEquals("CURRENT", FAKE.entry(21).path("status").asText());
        assertEquals("PAUSED", FAKE.entry(1535).path("status").asText());
        assertEquals("DROPPED", FAKE.entry(199).path("status").asText());
        // Viewer, the collection, one mutation for the one real change.
        assertEquals(3, wm.getAllServeEvents().size());
        assertEquals(1, mutations());
    }

    @Test
    void aBatchIsOneAliasedMutationAndRemovalsDeleteOnlyPlannedEntries() {
        FAKE.put(21, "CURRENT", 0);
        session.add(Feature.WATCHLIST, List.of(anime(16498, 16498L), anime(1535, 1535L), anime(199, 199L)), false);
        assertEquals(1, mutations(), "three adds, one request");

        WriteResult removed = session.remove(Feature.WATCHLIST, List.of(anime(16498, 16498L), anime(21, 21L)), false);

        assertEquals(List.of(Outcome.REMOVED, Outcome.REMOVED), outcomes(removed));
        assertEquals(null, FAKE.entry(16498));
        assertEquals("CURRENT", FAKE.entry(21).path("status").asText(), "a watching entry is not deleted by a watchlist removal");
        wm.verify(1, postRequestedFor(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.query", containing("DeleteMediaListEntry"))));
        assertEquals(2, mutations());
    }

    @Test
    void historyCompletesWithTheDateAndEpisodeCountAndKeepsScoredEntriesOnRemoval() {
        FAKE.put(1535, "CURRENT", 8);
        Instant at = Instant.parse("2025-01-05T21:30:00Z");

        WriteResult w = session.add(Feature.HISTORY, List.of(anime(16498, 16498L).toBuilder().watchedAt(at).build(),
                anime(1535, 1535L).toBuilder().watchedAt(at).build()), false);
        WriteResult removed = session.remove(Feature.HISTORY, List.of(anime(1535, 1535L)), false);

        assertEquals(List.of(Outcome.ADDED, Outcome.UPDATED), outcomes(w));
        assertEquals("COMPLETED", FAKE.entry(16498).path("status").asText());
        assertEquals(25, FAKE.entry(16498).path("progress").asInt(), "progress set to the episode count");
        assertEquals(5, FAKE.entry(16498).path("completedAt").path("day").asInt());
        assertEquals(Outcome.UNSUPPORTED, removed.outcomes().get(0).outcome());
        assertEquals("COMPLETED", FAKE.entry(1535).path("status").asText());
        assertEquals(1, mutations());
        // Viewer, collection, one episode-count lookup for the title not yet listed, one mutation.
        assertEquals(4, wm.getAllServeEvents().size());
    }

    @Test
    void fiveStarUsersGetStarsAndTheirScaleIsReported() {
        FAKE.scoreFormat("POINT_5");
        FAKE.put(1535, "COMPLETED", 3);

        assertEquals(RatingScale.FIVE_STARS, session.ratingScale().orElseThrow());
        assertEquals(6, session.read(Feature.RATINGS).items().get(0).rating().orElseThrow(), "3 stars read as 6/10");
        WriteResult w = session.add(Feature.RATINGS, List.of(anime(1535, 1535L).toBuilder().rating(7).build(),
                anime(16498, 16498L).toBuilder().rating(6).build()), false);

        assertEquals(List.of(Outcome.UPDATED, Outcome.ADDED), outcomes(w));
        assertEquals(4.0, FAKE.entry(1535).path("score").asDouble(), "7/10 is 4 stars");
        assertEquals(3.0, FAKE.entry(16498).path("score").asDouble());
        assertEquals("COMPLETED", FAKE.entry(16498).path("status").asText(), "a rated title not on the list is added as completed");
        wm.verify(1, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("score: 4")));

        WriteResult again = session.add(Feature.RATINGS, List.of(anime(1535, 1535L).toBuilder().rating(8).build()), false);
        assertEquals(Outcome.EXISTING, again.outcomes().get(0).outcome(), "8/10 is 4 stars already");
        WriteResult unrated = session.remove(Feature.RATINGS, List.of(anime(1535, 1535L)), false);
        assertEquals(Outcome.REMOVED, unrated.outcomes().get(0).outcome());
        assertEquals(0.0, FAKE.entry(1535).path("score").asDouble());
        assertEquals(2, mutations());
    }

    @Test
    void malOnlyItemsAreMappedInOneLookupAndUnknownOnesAreNotFound() {
        MediaItem spirited = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("mal", "199")).title("Spirited Away").build();
        MediaItem aot = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("mal", "16498")).build();
        MediaItem unknown = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("mal", "777777")).build();
        MediaItem noIds = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tmdb", "1429")).title("AoT on TMDB").build();

        WriteResult w = session.add(Feature.WATCHLIST, List.of(spirited, aot, unknown, noIds), false);

        assertEquals(List.of(Outcome.NOT_FOUND, Outcome.NOT_FOUND, Outcome.ADDED, Outcome.ADDED), outcomes(w));
        assertTrue(w.outcomes().get(0).reason().contains("777777"), w.outcomes().get(0).reason());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.query", containing("idMal_in"))));
        assertEquals(4, wm.getAllServeEvents().size(), "MAL lookup, Viewer, collection, one mutation");
    }

    @Test
    void dryRunPlansWithoutMutating() {
        WriteResult w = session.add(Feature.WATCHLIST, List.of(anime(16498, 16498L)), true);

        assertEquals(Outcome.ADDED, w.outcomes().get(0).outcome());
        assertEquals(0, mutations());
        assertEquals(null, FAKE.entry(16498));
    }
}
