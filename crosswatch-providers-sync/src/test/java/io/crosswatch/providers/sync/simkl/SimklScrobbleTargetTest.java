package io.crosswatch.providers.sync.simkl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleOutcome;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SIMKL's scrobble endpoints on WireMock: paths, headers, every body shape and every answer, with request counts. */
class SimklScrobbleTargetTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final MediaItem DUNE = MediaItem.builder(MediaType.MOVIE).title("Dune: Part Two").year(2024)
            .ids(MediaIds.of("simkl", "2206342", "imdb", "tt15239678", "tmdb", "693134")).build();
    static final MediaItem BREAKING_BAD_1X3 = MediaItem.builder(MediaType.EPISODE).showTitle("Breaking Bad")
            .showIds(MediaIds.of("tvdb", "81189", "imdb", "tt0903747")).season(1).episode(3)
            .ids(MediaIds.of("tvdb", "349232")).build();

    final VirtualTime time = VirtualTime.create();
    final SimklScrobbleTarget target = new SimklScrobbleTarget(
            HttpToolkit.builder().okHttpClient(SimklConnectorContractTest.OK_HTTP).clock(time.clock()).sleeper(time.sleeper()).build());

    TestContext ctx() {
        return TestContext.of(SimklConnectorContractTest.config(wm.baseUrl()), time);
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    static void answer(String action, int status, String body) {
        wm.stubFor(post(urlPathEqualTo("/scrobble/" + action)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void aMovieStartCarriesTheHeadersAndEveryIdSimklKnows() {
        answer("start", 201, "{\"id\":1,\"action\":\"start\",\"progress\":12.5}");
        ScrobbleOutcome o = target.start(ctx(), DUNE, 12.5);
        assertEquals(ScrobbleOutcome.Status.ACCEPTED, o.status());
        assertFalse(o.recordedPlay());
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/start"))
                .withHeader("simkl-api-key", equalTo(SimklFake.CLIENT))
                .withHeader("Authorization", equalTo("Bearer " + SimklFake.TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .withQueryParam("client_id", equalTo(SimklFake.CLIENT))
                .withRequestBody(equalToJson("{\"progress\":12.5,\"movie\":{\"ids\":{\"simkl\":2206342,\"imdb\":\"tt15239678\","
                        + "\"tmdb\":693134}}}")));
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void aPauseAndAStopGoToTheirOwnPaths() {
        answer("pause", 201, "{\"id\":1,\"action\":\"pause\",\"progress\":40}");
        answer("stop", 201, "{\"id\":1,\"action\":\"scrobble\",\"progress\":95,\"watched_at\":\"2026-01-01T00:00:00Z\"}");
        assertEquals(ScrobbleOutcome.Status.ACCEPTED, target.pause(ctx(), DUNE, 40).status());
        ScrobbleOutcome stop = target.stop(ctx(), DUNE, 95);
        assertEquals(ScrobbleOutcome.Status.WATCHED, stop.status());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), stop.watchedAt());
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/pause")).withRequestBody(matchingJsonPath("$.progress",
                equalTo("40.0"))));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/stop")));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void aStopSimklDidNotCountAsWatchedIsNotAPlay() {
        answer("stop", 201, "{\"id\":1,\"action\":\"pause\",\"progress\":50}");
        ScrobbleOutcome o = target.stop(ctx(), DUNE, 50);
        assertEquals(ScrobbleOutcome.Status.ACCEPTED, o.status());
        assertFalse(o.recordedPlay());
    }

    @Test
    void anEpisodeGoesByItsShowAndNumbers() {
        answer("stop", 201, "{\"id\":2,\"action\":\"scrobble\",\"progress\":91}");
        assertEquals(ScrobbleOutcome.Status.WATCHED, target.stop(ctx(), BREAKING_BAD_1X3, 91).status());
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/stop")).withRequestBody(equalToJson(
                "{\"progress\":91.0,\"show\":{\"ids\":{\"imdb\":\"tt0903747\",\"tvdb\":81189}},"
                        + "\"episode\":{\"season\":1,\"number\":3}}")));
    }

    @Test
    void anAnimeEpisodeUsesTheAnimeKey() {
        answer("stop", 201, "{\"id\":3,\"action\":\"scrobble\"}");
        MediaItem hxh = MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("mal", "11061", "anidb", "8550"))
                .season(1).episode(148).build();
        assertTrue(target.stop(ctx(), hxh, 99).recordedPlay());
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/stop")).withRequestBody(equalToJson(
                "{\"progress\":99.0,\"anime\":{\"ids\":{\"mal\":11061,\"anidb\":8550}},\"episode\":{\"season\":1,\"number\":148}}")));
        // read from SIMKL's anime bucket: anime even with tvdb ids
        MediaItem fromLibrary = hxh.toBuilder().showIds(MediaIds.of("tvdb", "252322")).attribute(SimklLibrary.KIND, "anime").build();
        target.stop(ctx(), fromLibrary, 99);
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/stop")).withRequestBody(equalToJson(
                "{\"progress\":99.0,\"anime\":{\"ids\":{\"tvdb\":252322}},\"episode\":{\"season\":1,\"number\":148}}")));
    }

    @Test
    void anEpisodeKnownOnlyByItsOwnIdsGoesByThem() {
        answer("start", 201, "{\"action\":\"start\"}");
        MediaItem bare = MediaItem.builder(MediaType.EPISODE).ids(MediaIds.of("tvdb", "349232")).season(1).episode(3).build();
        target.start(ctx(), bare, 1);
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/start")).withRequestBody(equalToJson(
                "{\"progress\":1.0,\"episode\":{\"ids\":{\"tvdb\":349232}}}")));
    }

    @Test
    void withoutIdsTheTitleAndYearStandIn() {
        answer("start", 201, "{\"action\":\"start\"}");
        target.start(ctx(), MediaItem.builder(MediaType.MOVIE).title("Inception").year(2010).build(), 3);
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/start")).withRequestBody(equalToJson(
                "{\"progress\":3.0,\"movie\":{\"title\":\"Inception\",\"year\":2010}}")));
        MediaItem ep = MediaItem.builder(MediaType.EPISODE).showTitle("Severance").season(2).episode(1).build();
        target.start(ctx(), ep, 3);
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/start")).withRequestBody(equalToJson(
                "{\"progress\":3.0,\"show\":{\"title\":\"Severance\"},\"episode\":{\"season\":2,\"number\":1}}")));
        ProviderException e = assertThrows(ProviderException.class,
                () -> target.start(ctx(), MediaItem.builder(MediaType.MOVIE).build(), 3));
        assertFalse(e.retryable());
        assertEquals(2, wm.getAllServeEvents().size(), "an unmatchable item is never sent");
    }

    @Test
    void aConflictOnStopMeansAlreadyRecorded() {
        answer("stop", 409, "{\"watched_at\":\"2026-01-01T00:00:00Z\",\"expires_at\":\"2026-01-01T01:00:00Z\"}");
        ScrobbleOutcome o = target.stop(ctx(), DUNE, 100);
        assertEquals(ScrobbleOutcome.Status.ALREADY_WATCHED, o.status());
        assertTrue(o.recordedPlay());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), o.watchedAt());
        assertEquals(1, wm.getAllServeEvents().size(), "no retry, no second post");
    }

    @Test
    void notFoundTriesTheEpisodeIdsOnceThenReportsNotFound() {
        wm.stubFor(post(urlPathEqualTo("/scrobble/stop")).withRequestBody(matchingJsonPath("$.show"))
                .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"not_found\"}")));
        wm.stubFor(post(urlPathEqualTo("/scrobble/stop")).withRequestBody(matchingJsonPath("$.episode.ids"))
                .willReturn(aResponse().withStatus(201).withBody("{\"action\":\"scrobble\"}")));
        assertEquals(ScrobbleOutcome.Status.WATCHED, target.stop(ctx(), BREAKING_BAD_1X3, 95).status());
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/scrobble/stop")).withRequestBody(equalToJson(
                "{\"progress\":95.0,\"episode\":{\"ids\":{\"tvdb\":349232}}}")));
        assertEquals(2, wm.getAllServeEvents().size());

        wm.resetAll();
        answer("stop", 404, "{\"error\":\"not_found\"}");
        ScrobbleOutcome o = target.stop(ctx(), BREAKING_BAD_1X3, 95);
        assertEquals(ScrobbleOutcome.Status.IGNORED, o.status());
        assertTrue(o.message().contains("not found"), o.message());
        assertEquals(2, wm.getAllServeEvents().size(), "the alternate body once, no more");

        wm.resetAll();
        answer("stop", 404, "{\"error\":\"not_found\"}");
        MediaItem idsOnly = DUNE.toBuilder().title(null).year(null).build();
        assertEquals(ScrobbleOutcome.Status.IGNORED, target.stop(ctx(), idsOnly, 95).status());
        assertEquals(1, wm.getAllServeEvents().size(), "nothing else to try");
    }

    @Test
    void rateLimitsAndBlocksFailAtOnceWithTheServersWaitAndNoSleep() {
        wm.stubFor(post(urlPathEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> target.stop(ctx(), DUNE, 95));
        assertTrue(e.retryable());
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        assertEquals(1, wm.getAllServeEvents().size());
        assertEquals(Duration.ZERO, time.slept(), "the queue waits for the Retry-After, not the target");

        wm.resetAll();
        wm.stubFor(post(urlPathEqualTo("/scrobble/pause")).willReturn(aResponse().withStatus(423).withHeader("Retry-After", "120")));
        RateLimitedException locked = assertThrows(RateLimitedException.class, () -> target.pause(ctx(), DUNE, 40));
        assertEquals(Duration.ofSeconds(120), locked.retryAfter().orElseThrow());
        assertTrue(locked.getMessage().contains("423"), locked.getMessage());
        assertEquals(1, wm.getAllServeEvents().size());
        assertTrue(time.slept().compareTo(Duration.ofSeconds(1)) <= 0, "only SIMKL's 1 POST/s pacing: " + time.slept());
    }

    @Test
    void outagesAreRetryableWithoutARetryHereAndNeverLeakTheToken() {
        SecretScanner secrets = new SecretScanner().addConfig(SimklConnectorContractTest.config(wm.baseUrl()));
        answer("stop", 503, "{\"error\":\"overloaded\"}");
        ProviderException e = assertThrows(ProviderException.class, () -> target.stop(ctx(), DUNE, 95));
        assertTrue(e.retryable(), e.toString());
        assertEquals(1, wm.getAllServeEvents().size(), "a POST is not repeated by the toolkit");
        secrets.assertNotIn(e);
        secrets.assertNotIn("toString", target.toString());

        wm.resetAll();
        answer("stop", 401, "{\"error\":\"user_token_failed\"}");
        AuthException auth = assertThrows(AuthException.class, () -> target.stop(ctx(), DUNE, 95));
        assertTrue(auth.getMessage().contains("simkl"), auth.getMessage());
        secrets.assertNotIn(auth);
        assertEquals(1, wm.getAllServeEvents().size(), "SIMKL has no refresh: one call, then sign in again");
    }

    @Test
    void aLatePlayIsADatedHistoryEntry() {
        wm.stubFor(post(urlPathEqualTo("/sync/history")).willReturn(aResponse().withStatus(201)
                .withBody("{\"added\":{\"movies\":0,\"shows\":1,\"episodes\":1},\"not_found\":{\"movies\":[],\"shows\":[]}}")));
        Instant at = Instant.parse("2026-01-01T20:15:00Z");
        ScrobbleOutcome o = target.recordPlay(ctx(), BREAKING_BAD_1X3.toBuilder().watchedAt(at).build());
        assertEquals(ScrobbleOutcome.Status.WATCHED, o.status());
        assertEquals(at, o.watchedAt());
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/sync/history")).withRequestBody(equalToJson(
                "{\"shows\":[{\"title\":\"Breaking Bad\",\"ids\":{\"imdb\":\"tt0903747\",\"tvdb\":81189},"
                        + "\"seasons\":[{\"number\":1,\"episodes\":[{\"number\":3,\"watched_at\":\"2026-01-01T20:15:00Z\"}]}]}]}")));
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void registeredForServiceLoaderDiscoveryAndAuthenticatedByTheSimklBlock() {
        assertTrue(java.util.ServiceLoader.load(io.crosswatch.api.scrobble.ScrobbleTarget.class).stream()
                .anyMatch(p -> p.type() == SimklScrobbleTarget.class), "META-INF/services lists the target");
        SimklScrobbleTarget fresh = new SimklScrobbleTarget();
        assertEquals("simkl", fresh.name());
        assertEquals(java.util.Optional.of("simkl"), fresh.authProvider());
    }
}
