package io.crosswatch.providers.sync.anilist;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AniList reads and rate limits against WireMock stubs matched on the GraphQL body, with request counts. */
class AnilistConnectorTest {

    private static final String TOKEN = "anilist-scenario-token-5c2f0d";
    private static final String VIEWER = """
            { "data": { "Viewer": { "id": 5123456, "name": "someone", "mediaListOptions": { "scoreFormat": "POINT_100" } } } }""";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private VirtualTime time;
    private ConnectorSession session;

    @BeforeEach
    void setUp() {
        time = VirtualTime.create();
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        ProviderConfig cfg = ProviderConfig.of("anilist", "default", Map.of("accessToken", TOKEN, "baseUrl", wm.baseUrl()));
        session = new AnilistConnector(toolkit).open(TestContext.of(cfg, time));
    }

    private static String entry(long id, long mediaId, Long idMal, String format, String status, int score, String completed) {
        return """
                { "id": %d, "mediaId": %d, "status": "%s", "progress": 3, "repeat": 0, "updatedAt": 1717171717, "score": %d,
                  "completedAt": %s,
                  "media": { "id": %d, "idMal": %s, "format": "%s", "episodes": 25, "seasonYear": 2013,
                             "title": { "romaji": "Romaji %d", "english": null, "native": null } } }"""
                .formatted(id, mediaId, status, score, completed == null ? "{ \"year\": null, \"month\": null, \"day\": null }"
                        : completed, mediaId, idMal == null ? "null" : idMal.toString(), format, mediaId);
    }

    private void stubViewer() {
        wm.stubFor(post(urlPathEqualTo("/")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.query", containing("Viewer"))).willReturn(okJson(VIEWER)));
    }

    @Test
    void readsEveryListInChunksOnceAndMapsStatusesScoresAndIds() {
        stubViewer();
        String planning = entry(1, 16498, 16498L, "TV", "PLANNING", 0, null);
        String completed = entry(2, 1535, 1535L, "TV", "COMPLETED", 85, "{ \"year\": 2024, \"month\": 3, \"day\": 9 }");
        wm.stubFor(post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.query", containing("MediaListCollection")))
                .withRequestBody(matchingJsonPath("$.variables.userId", equalTo("5123456")))
                .withRequestBody(matchingJsonPath("$.variables.type", equalTo("ANIME")))
                .withRequestBody(matchingJsonPath("$.variables.chunk", equalTo("1")))
                .willReturn(okJson("""
                        { "data": { "MediaListCollection": { "hasNextChunk": true, "lists": [
                          { "name": "Planning", "status": "PLANNING", "isCustomList": false, "entries": [ %s ] },
                          { "name": "Completed", "status": "COMPLETED", "isCustomList": false, "entries": [ %s ] },
                          { "name": "Best", "status": null, "isCustomList": true, "entries": [ %s ] } ] } } }"""
                        .formatted(planning, completed, completed))));
        wm.stubFor(post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.query", containing("MediaListCollection")))
                .withRequestBody(matchingJsonPath("$.variables.chunk", equalTo("2")))
                .willReturn(okJson("""
                        { "data": { "MediaListCollection": { "hasNextChunk": false, "lists": [
                          { "name": "Rewatching", "status": "REPEATING", "isCustomList": false, "entries": [ %s ] },
                          { "name": "Watching", "status": "CURRENT", "isCustomList": false, "entries": [ %s ] },
                          { "name": "Paused", "status": "PAUSED", "isCustomList": false, "entries": [ %s ] },
                          { "name": "Dropped", "status": "DROPPED", "isCustomList": false, "entries": [ %s ] },
                          { "name": "Planning", "status": "PLANNING", "isCustomList": false, "entries": [ %s ] } ] } } }"""
                        .formatted(entry(3, 199, 199L, "MOVIE", "REPEATING", 0, null),
                                entry(4, 21, 21L, "TV", "CURRENT", 70, null),
                                entry(5, 30, 30L, "TV", "PAUSED", 0, null),
                                entry(6, 31, 31L, "TV", "DROPPED", 0, null),
                                entry(7, 999001, null, "ONA", "PLANNING", 0, null)))));

        ReadResult watchlist = session.read(Feature.WATCHLIST);
        ReadResult history = session.read(Feature.HISTORY);
        ReadResult ratings = session.read(Feature.RATINGS);

        assertEquals(Completeness.COMPLETE, watchlist.completeness());
        assertEquals(List.of(MediaIds.of("anilist", "16498", "mal", "16498")), watchlist.items().stream().map(MediaItem::ids).toList());
        assertEquals("1", watchlist.items().get(0).attribute(AnilistEntries.ATTR_ENTRY_ID).orElseThrow());
        assertEquals(1, watchlist.unresolved().size(), "the entry without a MAL id");
        assertTrue(watchlist.unresolved().get(0).reason().contains("MyAnimeList"));

        assertEquals(2, history.items().size(), "COMPLETED and REPEATING; the custom list's copy is not a second entry");
        assertEquals(Instant.parse("2024-03-09T00:00:00Z"), history.items().get(0).watchedAt().orElseThrow());
        assertEquals(Instant.ofEpochSecond(1717171717), history.items().get(1).watchedAt().orElseThrow(), "no completedAt: updatedAt");
        assertEquals(io.crosswatch.api.media.MediaType.MOVIE, history.items().get(1).type());

        assertEquals(List.of(9, 7), ratings.items().stream().map(i -> i.rating().orElseThrow()).toList(), "POINT_100 85 and 70");
        assertEquals(io.crosswatch.api.sync.RatingScale.TEN, session.ratingScale().orElseThrow());
        // One Viewer query and two chunks serve all three features.
        assertEquals(3, wm.getAllServeEvents().size());
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterInVirtualTime() {
        wm.stubFor(post(urlPathEqualTo("/")).inScenario("limit").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30").withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{ \"data\": null, \"errors\": [ { \"message\": \"Too Many Requests.\", \"status\": 429 } ] }"))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo("/")).inScenario("limit").whenScenarioStateIs("ok")
                .withRequestBody(matchingJsonPath("$.query", containing("Viewer"))).willReturn(okJson(VIEWER)));
        wm.stubFor(post(urlPathEqualTo("/")).inScenario("limit").whenScenarioStateIs("ok")
                .withRequestBody(matchingJsonPath("$.query", containing("MediaListCollection")))
                .willReturn(okJson("{ \"data\": { \"MediaListCollection\": { \"hasNextChunk\": false, \"lists\": [] } } }")));

        ReadResult r = session.read(Feature.WATCHLIST);

        assertEquals(Completeness.COMPLETE, r.completeness());
        assertEquals(Duration.ofSeconds(30), time.slept());
        assertEquals(3, wm.getAllServeEvents().size(), "the refused Viewer query, its retry, the collection");
    }

    @Test
    void exhaustedBudgetHoldsTheNextRequestUntilTheReset() {
        Instant reset = time.clock().instant().plusSeconds(42);
        wm.stubFor(post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.query", containing("Viewer")))
                .willReturn(okJson(VIEWER).withHeader("X-RateLimit-Limit", "90").withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(reset.getEpochSecond()))));
        wm.stubFor(post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.query", containing("MediaListCollection")))
                .willReturn(okJson("{ \"data\": { \"MediaListCollection\": { \"hasNextChunk\": false, \"lists\": [] } } }")));

        session.read(Feature.WATCHLIST);

        assertEquals(List.of(Duration.ofSeconds(42)), time.sleeps());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/")));
    }

    @Test
    void ninetyRequestsPerMinuteHoldTheNinetyFirst() {
        stubViewer();
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        ProviderConfig cfg = ProviderConfig.of("anilist", "default", Map.of("accessToken", TOKEN, "baseUrl", wm.baseUrl()));
        new AnilistConnector(toolkit).open(TestContext.of(cfg, time));
        var limiter = toolkit.rateLimiter("anilist", io.crosswatch.core.http.RateLimitPolicy.unlimited());
        for (int i = 0; i < 90; i++) {
            assertEquals(Duration.ZERO, limiter.tryAcquire(io.crosswatch.core.http.Access.READ, time.clock().instant()));
        }
        assertEquals(Duration.ofMinutes(1), limiter.tryAcquire(io.crosswatch.core.http.Access.WRITE, time.clock().instant()),
                "reads and writes share AniList's one budget");
    }

    @Test
    void invalidTokenIsAnAuthErrorWithoutTheToken() {
        wm.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{ \"errors\": [ { \"message\": \"Invalid token\", \"status\": 400 } ], \"data\": null }")));

        AuthException e = assertThrows(AuthException.class, () -> session.read(Feature.WATCHLIST));

        assertTrue(e.getMessage().contains("connect anilist"), e.getMessage());
        new SecretScanner().add("token", TOKEN).assertNotIn(e);
        assertEquals(1, wm.getAllServeEvents().size(), "a refused token is not retried");
    }

    @Test
    void serverTroubleFailsTheReadWithAReason() {
        wm.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(503).withBody("<html>maintenance</html>")));

        ReadResult r = session.read(Feature.HISTORY);

        assertEquals(Completeness.FAILED, r.completeness());
        assertTrue(r.reason().orElseThrow().contains("503"), r.reason().orElseThrow());
        wm.verify(5, postRequestedFor(urlPathEqualTo("/")));
    }

    @Test
    void graphQlErrorsBesidePartialDataInA200FailTheReadInsteadOfPassingForTheWholeList() {
        stubViewer();
        String completed = entry(2, 1535, 1535L, "TV", "COMPLETED", 85, "{ \"year\": 2024, \"month\": 3, \"day\": 9 }");
        wm.stubFor(post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.query", containing("MediaListCollection")))
                .willReturn(okJson("""
                        { "data": { "MediaListCollection": { "hasNextChunk": false, "lists": [
                          { "name": "Completed", "status": "COMPLETED", "isCustomList": false, "entries": [ %s ] } ] } },
                          "errors": [ { "message": "Hit the query complexity limit", "status": 400 } ] }"""
                        .formatted(completed))));

        ReadResult history = session.read(Feature.HISTORY);
        ReadResult watchlist = session.read(Feature.WATCHLIST);

        assertEquals(Completeness.FAILED, history.completeness());
        assertTrue(history.reason().orElseThrow().contains("Hit the query complexity limit"), history.reason().orElseThrow());
        // the partial list is not kept for the session's other features either: they read again and fail too
        assertEquals(Completeness.FAILED, watchlist.completeness());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("MediaListCollection")));
    }
}
