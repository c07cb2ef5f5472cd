package io.crosswatch.providers.sync.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Library reads against hand-written stubs: paging, fields, mapping, the version probe and request counts. */
class LibraryReadTest {

    private static final String UID = FakeMediaServer.USER_ID;
    private static final String TOKEN = FakeMediaServer.TOKEN;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private ConnectorSession open(MediaBrowserConnector connector, Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("baseUrl", wm.baseUrl(), "accessToken", TOKEN, "userId", UID,
                "deviceId", "dev-1"));
        values.putAll(extra);
        return connector.open(TestContext.of(ProviderConfig.of(connector.manifest().name(), "default", values),
                VirtualTime.create()));
    }

    private static void info(String prefix, String body) {
        wm.stubFor(get(urlPathEqualTo(prefix + "/System/Info/Public")).willReturn(okJson(body)));
    }

    private static String movie(int n, String providerIds, String userData) {
        return "{\"Name\":\"Movie " + n + "\",\"Id\":\"m" + n + "\",\"Type\":\"Movie\",\"ProductionYear\":" + (2000 + n)
                + ",\"RunTimeTicks\":72000000000,\"ProviderIds\":" + providerIds + ",\"UserData\":" + userData + "}";
    }

    private static String page(int total, String... items) {
        return "{\"Items\":[" + String.join(",", items) + "],\"TotalRecordCount\":" + total + ",\"StartIndex\":0}";
    }

    private static final String UNPLAYED = "{\"PlaybackPositionTicks\":0,\"PlayCount\":0,\"IsFavorite\":false,\"Played\":false}";

    @Test
    void threePageReadPassesStartIndexAndLimitAndMapsUserData() {
        info("", "{\"Version\":\"10.10.7\",\"ProductName\":\"Jellyfin Server\"}");
        String played = "{\"PlaybackPositionTicks\":0,\"PlayCount\":2,\"IsFavorite\":true,\"Played\":true,"
                + "\"LastPlayedDate\":\"2024-11-02T20:15:31.0000000Z\",\"Rating\":7.6}";
        String resume = "{\"PlaybackPositionTicks\":9000000000,\"PlayCount\":0,\"IsFavorite\":false,\"Played\":false}";
        stubPage(0, page(5, movie(1, "{\"Imdb\":\"tt0133093\",\"Tmdb\":\"603\"}", played), movie(2, "{\"tmdb\":\"27205\"}", resume)));
        stubPage(2, page(5, movie(3, "{\"IMDB\":\"tt0000003\"}", UNPLAYED), movie(4, "{\"Tvdb\":\"4\"}", UNPLAYED)));
        stubPage(4, page(5, movie(5, "{}", played)));

        try (ConnectorSession s = open(new JellyfinConnector(), Map.of("pageSize", 2))) {
            ReadResult history = s.read(Feature.HISTORY);
            ReadResult progress = s.read(Feature.PROGRESS);
            ReadResult watchlist = s.read(Feature.WATCHLIST);
            ReadResult ratings = s.read(Feature.RATINGS);

            assertEquals(1, history.items().size());
            MediaItem matrix = history.items().get(0);
            assertEquals(MediaIds.of("imdb", "tt0133093", "tmdb", "603"), matrix.ids());
            assertEquals(Instant.parse("2024-11-02T20:15:31Z"), matrix.watchedAt().orElseThrow());
            assertEquals("m1", matrix.attribute("jellyfin.itemId").orElseThrow());
            assertEquals(1, history.unresolved().size(), "the played movie without ids is unresolved");
            assertTrue(history.unresolved().get(0).reason().contains("no external ids"), history.unresolved().get(0).reason());
            assertTrue(history.isComplete());

            // 9,000,000,000 ticks of 100 ns are 900 s; the runtime 72,000,000,000 ticks are 2 h.
            assertEquals(Duration.ofSeconds(900), progress.items().get(0).playback().orElseThrow().position());
            assertEquals(Duration.ofHours(2), progress.items().get(0).playback().orElseThrow().duration());
            assertEquals(MediaIds.of("tmdb", "27205"), progress.items().get(0).ids());
            assertEquals(1, watchlist.items().size());
            assertEquals(8, ratings.items().get(0).rating().orElseThrow());
        }
        // One probe, three pages; the four reads share the scan.
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/System/Info/Public")));
        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo("/Items")).withQueryParam("Limit", equalTo("2"))
                .withQueryParam("userId", equalTo(UID)).withQueryParam("Recursive", equalTo("true"))
                .withQueryParam("IncludeItemTypes", equalTo("Movie,Series,Episode"))
                .withQueryParam("Fields", equalTo("ProviderIds"))
                .withHeader("Authorization", containing("Token=\"" + TOKEN + "\"")));
        for (int start : new int[] {0, 2, 4}) {
            wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/Items")).withQueryParam("StartIndex", equalTo(String.valueOf(start))));
        }
        assertEquals(4, wm.getAllServeEvents().size());
    }

    private static void stubPage(int start, String body) {
        wm.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("StartIndex", equalTo(String.valueOf(start)))
                .willReturn(okJson(body)));
    }

    @Test
    void olderJellyfinUsesTheLegacyUserRoutes() {
        info("", "{\"Version\":\"10.8.13\",\"ProductName\":\"Jellyfin Server\"}");
        wm.stubFor(get(urlPathEqualTo("/Users/" + UID + "/Items")).willReturn(okJson(page(0))));
        try (ConnectorSession s = open(new JellyfinConnector(), Map.of())) {
            assertTrue(s.read(Feature.HISTORY).isComplete());
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/Users/" + UID + "/Items")));
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/Items")));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void embyReadsUnderTheEmbyPrefixWithXEmbyTokenAndAsksForPlayDates() {
        wm.stubFor(get(urlPathEqualTo("/emby/Users/" + UID + "/Items")).withHeader("X-Emby-Token", equalTo(TOKEN))
                .willReturn(okJson(page(1, movie(1, "{\"Imdb\":\"tt0133093\"}",
                        "{\"Played\":true,\"DatePlayed\":\"2024-11-02T20:15:31.0000000+00:00\"}")))));
        try (ConnectorSession s = open(new EmbyConnector(), Map.of())) {
            ReadResult history = s.read(Feature.HISTORY);
            assertEquals(Instant.parse("2024-11-02T20:15:31Z"), history.items().get(0).watchedAt().orElseThrow());
            assertEquals("m1", history.items().get(0).attribute("emby.itemId").orElseThrow());
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/emby/Users/" + UID + "/Items"))
                .withQueryParam("Fields", equalTo("ProviderIds,UserData,UserDataLastPlayedDate,UserDataPlayCount"))
                .withHeader("X-Emby-Authorization", containing("DeviceId=\"dev-1\"")));
        // Emby only has the legacy routes: no version probe is needed.
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void ignoredFiltersAreCheckedNotTrusted() {
        info("", "{\"Version\":\"10.10.7\",\"ProductName\":\"Jellyfin Server\"}");
        String episode = "{\"Name\":\"Pilot\",\"Id\":\"e1\",\"Type\":\"Episode\",\"SeriesId\":\"s9\",\"SeriesName\":\"Show\","
                + "\"ParentIndexNumber\":1,\"IndexNumber\":1,\"ProviderIds\":{},\"UserData\":{\"Played\":true}}";
        String season = "{\"Name\":\"Season 1\",\"Id\":\"x1\",\"Type\":\"Season\",\"ProviderIds\":{\"Tvdb\":\"1\"},"
                + "\"UserData\":{\"Played\":true}}";
        // The library listing ignores IncludeItemTypes and returns a season too.
        wm.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("IncludeItemTypes", equalTo("Movie,Series,Episode"))
                .willReturn(okJson(page(2, episode, season))));
        // The series lookup ignores Ids and returns other series first.
        wm.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("Ids", equalTo("s9")).willReturn(okJson(page(2,
                "{\"Name\":\"Other\",\"Id\":\"s1\",\"Type\":\"Series\",\"ProviderIds\":{\"Tvdb\":\"111\"}}",
                "{\"Name\":\"Show\",\"Id\":\"s9\",\"Type\":\"Series\",\"ProviderIds\":{\"Tvdb\":\"999\"}}"))));
        try (ConnectorSession s = open(new JellyfinConnector(), Map.of())) {
            ReadResult history = s.read(Feature.HISTORY);
            assertEquals(1, history.items().size(), "the season must be dropped: " + history.items());
            MediaItem pilot = history.items().get(0);
            assertEquals(MediaType.EPISODE, pilot.type());
            assertEquals(MediaIds.of("tvdb", "999"), pilot.showIds());
            assertEquals(1, pilot.season().orElseThrow());
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/Items")).withQueryParam("Ids", equalTo("s9")));
        assertEquals(3, wm.getAllServeEvents().size());
    }

    @Test
    void libraryFilterScansOnlyTheNamedViews() {
        info("", "{\"Version\":\"10.10.7\",\"ProductName\":\"Jellyfin Server\"}");
        wm.stubFor(get(urlPathEqualTo("/UserViews")).withQueryParam("userId", equalTo(UID)).willReturn(okJson(
                "{\"Items\":[{\"Id\":\"v1\",\"Name\":\"Movies\",\"CollectionType\":\"movies\"},"
                        + "{\"Id\":\"v2\",\"Name\":\"Shows\",\"CollectionType\":\"tvshows\"}],\"TotalRecordCount\":2}")));
        wm.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("ParentId", equalTo("v1")).willReturn(okJson(page(0))));
        try (ConnectorSession s = open(new JellyfinConnector(), Map.of("libraries", java.util.List.of("movies")))) {
            assertTrue(s.read(Feature.WATCHLIST).isComplete());
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/Items")).withQueryParam("ParentId", equalTo("v1")));
        assertEquals(3, wm.getAllServeEvents().size());

        try (ConnectorSession s = open(new JellyfinConnector(), Map.of("libraries", "Anime"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> s.read(Feature.WATCHLIST));
            assertTrue(e.getMessage().contains("no library 'Anime'") && e.getMessage().contains("Movies, Shows"), e.getMessage());
        }
    }

    @Test
    void aRevokedTokenIsAnAuthErrorWithoutTheToken() {
        info("", "{\"Version\":\"10.10.7\",\"ProductName\":\"Jellyfin Server\"}");
        wm.stubFor(get(urlPathEqualTo("/Items")).willReturn(aResponse().withStatus(401)));
        try (ConnectorSession s = open(new JellyfinConnector(), Map.of())) {
            AuthException e = assertThrows(AuthException.class, () -> s.read(Feature.HISTORY));
            new SecretScanner().add("accessToken", TOKEN).assertNotIn(e);
        }
    }

    @Test
    void aServerErrorMidScanFailsTheReadInsteadOfReturningAPartialLibrary() {
        info("", "{\"Version\":\"10.10.7\",\"ProductName\":\"Jellyfin Server\"}");
        stubPage(0, page(3, movie(1, "{\"Tmdb\":\"1\"}", "{\"Played\":true}"), movie(2, "{\"Tmdb\":\"2\"}", "{\"Played\":true}")));
        wm.stubFor(get(urlPathEqualTo("/Items")).withQueryParam("StartIndex", equalTo("2")).willReturn(aResponse().withStatus(500)));
        try (ConnectorSession s = open(new JellyfinConnector(), Map.of("pageSize", 2))) {
            ReadResult r = s.read(Feature.HISTORY);
            assertEquals(io.crosswatch.api.sync.Completeness.FAILED, r.completeness());
            assertTrue(r.reason().orElseThrow().contains("HTTP 500"), r.reason().orElseThrow());
        }
    }
}
