package io.crosswatch.providers.sync.trakt;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/** Items and configuration shared by the Trakt connector tests (ids from the fact sheet's examples). */
final class TraktFixtures {

    static final MediaIds TRON = MediaIds.of("imdb", "tt1104001", "tmdb", "20526", "trakt", "12601");
    static final MediaIds BREAKING_BAD = MediaIds.of("tvdb", "81189", "imdb", "tt0903747", "tmdb", "1396", "trakt", "1");

    private TraktFixtures() {
    }

    /** Routes every request without a more specific stub to the fake. */
    static void routeToFake(WireMockExtension wm) {
        wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeTrakt.NAME)));
    }

    static ProviderConfig config(String baseUrl, Map<String, ?> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", FakeTrakt.CLIENT_ID);
        m.put("clientSecret", "fake-client-secret-0123456789");
        m.put("accessToken", FakeTrakt.FIRST_ACCESS);
        m.put("refreshToken", FakeTrakt.FIRST_REFRESH);
        m.put("baseUrl", baseUrl);
        m.put("oauthUrl", baseUrl);
        m.putAll(extra);
        return ProviderConfig.of("trakt", ProviderConfig.DEFAULT_INSTANCE, m);
    }

    static MediaItem tron() {
        return MediaItem.builder(MediaType.MOVIE).ids(TRON).title("TRON: Legacy").year(2010).build();
    }

    static MediaItem breakingBad() {
        return MediaItem.builder(MediaType.SHOW).ids(BREAKING_BAD).title("Breaking Bad").year(2008).build();
    }

    static MediaItem episode(int season, int number) {
        return MediaItem.builder(MediaType.EPISODE).showIds(BREAKING_BAD).showTitle("Breaking Bad").season(season)
                .episode(number).build();
    }

    static MediaItem season(int season) {
        return MediaItem.builder(MediaType.SEASON).showIds(BREAKING_BAD).showTitle("Breaking Bad").season(season).build();
    }

    /** A movie numbered {@code n}, with a tmdb id of its own. */
    static MediaItem movie(int n) {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", String.valueOf(100000 + n)))
                .title("Movie " + n).year(2000 + n % 20).build();
    }

    static Playback resume(long minutes, long runtime) {
        return new Playback(Duration.ofMinutes(minutes), Duration.ofMinutes(runtime), Instant.parse("2026-03-01T19:30:00Z"));
    }
}
