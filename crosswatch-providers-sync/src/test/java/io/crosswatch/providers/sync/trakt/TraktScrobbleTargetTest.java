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
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleOutcome;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TraktScrobbleTargetTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final VirtualTime time = VirtualTime.create();
    final TraktScrobbleTarget target = new TraktScrobbleTarget(HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build());

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
}
