package io.crosswatch.providers.sync.plex;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small library shaped like the fact sheet's rows, and configs pointing at the fake. */
final class PlexFixtures {

    static final String TOKEN = "acct-token-7f3k9q2x";
    static final String SERVER_TOKEN = "server-token-4h8m1z";
    static final String MATRIX_HEX = "5d7768ba96b655001fdc0408";
    static final String HEAT_HEX = "5d776825880197001ec967c6";

    private PlexFixtures() {
    }

    static ProviderConfig config(String url, Map<String, Object> extra) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("clientIdentifier", "5b0e1c1e-test-client-id");
        v.put("token", TOKEN);
        v.put("serverUrl", url);
        v.put("serverToken", SERVER_TOKEN);
        v.put("serverId", FakePlex.MACHINE_ID);
        v.put("discoverUrl", url);
        v.put("metadataUrl", url);
        v.putAll(extra);
        return ProviderConfig.of("plex", ProviderConfig.DEFAULT_INSTANCE, v);
    }

    static TestContext context(WireMockExtension wm, Map<String, Object> extra) {
        return TestContext.of(RecordingProviderStore.of(config(wm.baseUrl(), extra)), VirtualTime.create());
    }

    static String deadUrl() {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Movies: 101 The Matrix (new agent, watched twice, rated 8), 102 Heat (legacy imdb agent,
     * in progress), 103 a home video ({@code local://}, watched), 104 Inception (new agent,
     * untouched), 105 a movie with only a Plex guid (watched). Shows: 200 Some Show with
     * 201 S01E01 (watched) and 202 S01E02 (no episode ids), 300 a legacy TVDB show with
     * 301 S02E03 (legacy episode guid, watched). Discover knows The Matrix and Heat.
     */
    static void library(FakePlex fake) {
        fake.section("1", "movie", "Movies");
        fake.section("2", "show", "TV Shows");
        fake.section("3", "artist", "Music");
        fake.movie("1", "101", "The Matrix", 1999, "plex://movie/" + MATRIX_HEX, "imdb://tt0133093", "tmdb://603",
                "tvdb://169").put("viewCount", 2).put("lastViewedAt", 1_700_000_000L).put("userRating", 8.0)
                .put("lastRatedAt", 1_700_000_100L).put("viewOffset", 0);
        fake.movie("1", "102", "Heat", 1995, "com.plexapp.agents.imdb://tt0113277?lang=en")
                .put("viewOffset", 600_000);
        fake.movie("1", "103", "Birthday 2019", 2019, "local://103").put("viewCount", 1).put("lastViewedAt", 1_690_000_000L);
        fake.movie("1", "104", "Inception", 2010, "plex://movie/5d7768ad0a1e3d001c33c3b7", "imdb://tt1375666",
                "tmdb://27205");
        fake.movie("1", "105", "Obscure Film", 1971, "plex://movie/5d77690096b655001fdc1234").put("viewCount", 1)
                .put("lastViewedAt", 1_695_000_000L);
        fake.show("2", "200", "Some Show", "plex://show/5d9c086c7d06d9001ffd27aa", "tvdb://81189", "tmdb://1396");
        fake.episode("2", "201", "200", 1, 1, "Pilot", "plex://episode/5d9c0868e98e47001eb0d3a4", "imdb://tt0000001",
                "tmdb://62085", "tvdb://349232").put("viewCount", 1).put("lastViewedAt", 1_699_990_000L);
        fake.episode("2", "202", "200", 1, 2, "Second", "plex://episode/5d9c0868e98e47001eb0d3a5");
        fake.show("2", "300", "Old Show", "com.plexapp.agents.thetvdb://73244?lang=en");
        fake.episode("2", "301", "300", 2, 3, "Legacy Episode", "com.plexapp.agents.thetvdb://73244/2/3?lang=en")
                .put("viewCount", 1).put("lastViewedAt", 1_698_000_000L);
        fake.discoverItem(MATRIX_HEX, "movie", "The Matrix", 1999, "imdb://tt0133093", "tmdb://603", "tvdb://169");
        fake.discoverItem(HEAT_HEX, "movie", "Heat", 1995, "imdb://tt0113277", "tmdb://949");
    }
}
