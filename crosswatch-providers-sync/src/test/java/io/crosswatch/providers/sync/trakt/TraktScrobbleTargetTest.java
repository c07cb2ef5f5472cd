package io.crosswatch.providers.sync.trakt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleOutcome;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.scrobble.ScrobbleManager;
import io.crosswatch.core.scrobble.ScrobbleResult;
import io.crosswatch.core.scrobble.ScrobbleSettings;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.state.QueuedScrobble;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TraktScrobbleTargetTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final VirtualTime time = VirtualTime.create();
    final TraktScrobbleTarget target = new TraktScrobbleTarget(HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build());

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    TestContext ctx() {
        return TestContext.of(TraktFixtures.config(wm.baseUrl(), Map.of()), time);
    }

    static MediaItem episodeByShow() {
        return MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tvdb", "81189")).season(1).episode(1).build();
    }

    @Test
    void episodesWithoutOwnIdsGoByShowAndNumbersAndLowProgressIsIgnored() {
        wm.stubFor(post(urlEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(422)));
        assertEquals(ScrobbleOutcome.Status.IGNORED, target.stop(ctx(), episodeByShow(), 0.5).status());
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/stop")).withRequestBody(equalToJson(
                "{\"show\":{\"ids\":{\"tvdb\":81189}},\"episode\":{\"season\":1,\"number\":1},\"progress\":0.5}")));
    }

    @Test
    void aStopBelowTraktsThresholdIsAPauseNotAPlay() {
        wm.stubFor(post(urlEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":0,\"action\":\"pause\",\"progress\":75}")));
        ScrobbleOutcome o = target.stop(ctx(), TraktFixtures.tron(), 75);
        assertEquals(ScrobbleOutcome.Status.ACCEPTED, o.status());
        assertFalse(o.recordedPlay());
    }

    @Test
    void aLatePlayIsADatedHistoryEntry() {
        wm.stubFor(post(urlEqualTo("/sync/history")).willReturn(aResponse().withStatus(201)
                .withBody("{\"added\":{\"movies\":1,\"episodes\":0},\"not_found\":{\"movies\":[]}}")));
        Instant at = Instant.parse("2026-01-01T20:15:00Z");
        ScrobbleOutcome o = target.recordPlay(ctx(), TraktFixtures.tron().toBuilder().watchedAt(at).build());
        assertTrue(o.recordedPlay());
        assertEquals(at, o.watchedAt());
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/sync/history")).withRequestBody(equalToJson(
                "{\"movies\":[{\"ids\":{\"trakt\":12601,\"imdb\":\"tt1104001\",\"tmdb\":20526},"
                        + "\"watched_at\":\"2026-01-01T20:15:00.000Z\"}]}", true, true)));
    }

    @Test
    void anOutageIsRetryableAndNeverLeaksTheToken() {
        wm.stubFor(post(urlEqualTo("/scrobble/pause")).willReturn(aResponse().withStatus(503)));
        ProviderException e = assertThrows(ProviderException.class, () -> target.pause(ctx(), TraktFixtures.tron(), 40));
        assertTrue(e.retryable(), e.toString());
        assertFalse(e.getMessage().contains(FakeTrakt.FIRST_ACCESS));
    }

    @Test
    void anOutageIsNotRetriedInline() {
        wm.stubFor(post(urlEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(502)));
        ProviderException e = assertThrows(ProviderException.class, () -> target.stop(ctx(), TraktFixtures.tron(), 95));
        assertTrue(e.retryable(), e.toString());
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/stop")));
        assertEquals(Duration.ZERO, time.slept(), "the scrobble queue retries, not this thread");
    }

    @Test
    void aRateLimitFailsAtOnceAndTheQueueRetriesAtTheServersRetryAfter() throws Exception {
        wm.stubFor(post(urlEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")));
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> target.stop(ctx(), TraktFixtures.tron(), 95));
        assertEquals(Duration.ofSeconds(300), e.retryAfter().orElseThrow());
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/stop")));
        assertTrue(time.sleeps().stream().noneMatch(d -> d.compareTo(Duration.ofSeconds(1)) > 0),
                "the sleeper is never asked for the Retry-After: " + time.sleeps());

        // through the manager: the stop is queued for now + Retry-After (longer than its 30 s backoff)
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"providers\":{\"trakt\":{\"clientId\":\"" + FakeTrakt.CLIENT_ID + "\",\"accessToken\":\""
                + FakeTrakt.FIRST_ACCESS + "\",\"baseUrl\":\"" + wm.baseUrl() + "\"}}}");
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(cfg))
                .clock(time.clock()).sleeper(time.sleeper()).register(target).build();
        InMemoryStateStore store = new InMemoryStateStore();
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(store)
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).build()).build();
        Duration sleptBefore = time.slept();
        Instant now = time.clock().instant();
        List<ScrobbleResult> r = manager.onEvent(new ScrobbleEvent(ScrobbleEvent.Kind.STOP, TraktFixtures.tron(), 95, null, now,
                "plex", "alice", "Home", "Movies"));
        assertEquals(ScrobbleResult.Status.QUEUED, r.get(0).status(), r.toString());
        assertTrue(time.slept().minus(sleptBefore).compareTo(Duration.ofSeconds(1)) <= 0, "no inline wait: " + time.sleeps());
        Instant after = time.clock().instant();
        List<QueuedScrobble> queued = store.queued("trakt");
        assertEquals(1, queued.size());
        assertEquals(after.plusSeconds(300), queued.get(0).nextAttemptAt());
        assertEquals(queued.get(0).nextAttemptAt(), manager.nextDue().orElseThrow());
        wm.verify(exactly(2), postRequestedFor(urlEqualTo("/scrobble/stop")));

        // not due yet: nothing is sent; at the Retry-After it is delivered
        time.advance(Duration.ofSeconds(299));
        assertTrue(manager.deliverDue().isEmpty());
        wm.stubFor(post(urlEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":1,\"action\":\"scrobble\",\"progress\":95}")));
        time.advance(Duration.ofSeconds(1));
        List<ScrobbleResult> delivered = manager.deliverDue();
        assertEquals(ScrobbleResult.Status.RECORDED, delivered.get(0).status(), delivered.toString());
        assertEquals(0, manager.queuedCount());
    }
}
