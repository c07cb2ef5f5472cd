package io.crosswatch.providers.sync.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.Unresolved;
import io.crosswatch.testkit.SecretScanner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlexLibraryReadTest {

    static final FakePlex FAKE = new FakePlex();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @BeforeEach
    void setUp() {
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.reset();
    }

    private ConnectorSession open(Map<String, Object> extra) {
        return new PlexConnector().open(PlexFixtures.context(wm, extra));
    }

    @Test
    void aSectionIsReadOverThreePagesWithContainerStartAndSize() {
        FAKE.section("1", "movie", "Movies");
        for (int i = 1; i <= 5; i++) {
            FAKE.movie("1", "10" + i, "Movie " + i, 2000 + i, "plex://movie/5d7768ba96b655001fdc040" + i, "tmdb://" + (600 + i))
                    .put("viewCount", 1).put("lastViewedAt", 1_700_000_000L + i);
        }
        try (ConnectorSession s = open(Map.of("pageSize", 2))) {
            ReadResult r = s.read(Feature.HISTORY);
            assertEquals(Completeness.COMPLETE, r.completeness());
            assertEquals(5, r.items().size());
        }
        for (int start : new int[] {0, 2, 4}) {
            wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/library/sections/1/all"))
                    .withQueryParam("type", equalTo("1")).withQueryParam("includeGuids", equalTo("1"))
                    .withQueryParam("X-Plex-Container-Start", equalTo(Integer.toString(start)))
                    .withQueryParam("X-Plex-Container-Size", equalTo("2"))
                    .withHeader("Accept", equalTo("application/json"))
                    .withHeader("X-Plex-Token", equalTo(PlexFixtures.SERVER_TOKEN))
                    .withHeader("X-Plex-Client-Identifier", equalTo("5b0e1c1e-test-client-id")));
        }
        assertEquals(4, wm.getAllServeEvents().size(), "sections + 3 pages");
    }

    @Test
    void oneLibraryPassServesHistoryRatingsAndProgress() {
        PlexFixtures.library(FAKE);
        try (ConnectorSession s = open(Map.of())) {
            ReadResult history = s.read(Feature.HISTORY);
            ReadResult ratings = s.read(Feature.RATINGS);
            ReadResult progress = s.read(Feature.PROGRESS);

            assertEquals(Completeness.COMPLETE, history.completeness());
            assertEquals(List.of("Old Show S02E03", "Some Show S01E01", "The Matrix (1999)"),
                    history.items().stream().map(MediaItem::describe).sorted().toList());
            MediaItem matrix = byTitle(history, "The Matrix");
            assertEquals(MediaIds.of("imdb", "tt0133093", "tmdb", "603", "tvdb", "169",
                    "plexguid", "plex://movie/" + PlexFixtures.MATRIX_HEX), matrix.ids());
            assertEquals(Instant.ofEpochSecond(1_700_000_000L), matrix.watchedAt().orElseThrow());
            assertEquals("101", matrix.attribute(PlexSession.ATTR_RATING_KEY).orElseThrow());
            assertEquals(FakePlex.MACHINE_ID, matrix.attribute(PlexSession.ATTR_SERVER).orElseThrow());

            MediaItem pilot = history.items().stream().filter(i -> i.type() == MediaType.EPISODE && i.season().get() == 1)
                    .findFirst().orElseThrow();
            assertEquals(MediaIds.of("tvdb", "81189", "tmdb", "1396", "plexguid", "plex://show/5d9c086c7d06d9001ffd27aa"),
                    pilot.showIds());
            assertEquals("tt0000001", pilot.ids().imdb().orElseThrow());
            MediaItem legacy = history.items().stream().filter(i -> i.type() == MediaType.EPISODE && i.season().get() == 2)
                    .findFirst().orElseThrow();
            assertEquals(MediaIds.of("tvdb", "73244"), legacy.showIds());
            assertEquals(3, legacy.episode().orElseThrow());

            Map<String, String> reasons = history.unresolved().stream()
                    .collect(Collectors.toMap(u -> u.item().title().orElse("?"), Unresolved::reason));
            assertEquals(2, reasons.size(), reasons.toString());
            assertTrue(reasons.get("Birthday 2019").contains("unmatched"), reasons.toString());
            assertTrue(reasons.get("Obscure Film").contains("only a Plex guid"), reasons.toString());

            assertEquals(1, ratings.items().size());
            assertEquals(8, ratings.items().get(0).rating().orElseThrow());
            assertEquals(Instant.ofEpochSecond(1_700_000_100L), ratings.items().get(0).ratedAt().orElseThrow());

            assertEquals(1, progress.items().size());
            MediaItem heat = progress.items().get(0);
            assertEquals(MediaIds.of("imdb", "tt0113277"), heat.ids(), "legacy agent guid");
            assertEquals(Duration.ofMinutes(10), heat.playback().orElseThrow().position());
            assertEquals(Duration.ofMillis(8_160_000), heat.playback().orElseThrow().duration());
        }
        // sections, movies, shows, episodes: one pass for all three features; music is skipped
        assertEquals(4, wm.getAllServeEvents().size());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/library/sections/2/all")).withQueryParam("type", equalTo("2")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/library/sections/2/all")).withQueryParam("type", equalTo("4")));
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/library/sections/3/all")));
    }

    @Test
    void theLibrariesSettingLimitsTheSectionsByTitleOrId() {
        PlexFixtures.library(FAKE);
        try (ConnectorSession s = open(Map.of("libraries", List.of("tv shows")))) {
            ReadResult r = s.read(Feature.HISTORY);
            assertEquals(2, r.items().size());
            assertTrue(r.items().stream().allMatch(i -> i.type() == MediaType.EPISODE));
        }
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/library/sections/1/all")));
    }

    @Test
    void anUnknownLibraryFailsTheReadNamingTheSetting() {
        PlexFixtures.library(FAKE);
        try (ConnectorSession s = open(Map.of("libraries", List.of("Movies", "Anime")))) {
            ReadResult r = s.read(Feature.HISTORY);
            assertEquals(Completeness.FAILED, r.completeness());
            assertTrue(r.reason().orElseThrow().contains("$.providers.plex.libraries"), r.reason().get());
            assertTrue(r.reason().orElseThrow().contains("[Anime]"), r.reason().get());
        }
    }

    @Test
    void aFailingSectionMakesThePartialReadSaySo() {
        PlexFixtures.library(FAKE);
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/library/sections/2/all"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)));
        try (ConnectorSession s = open(Map.of())) {
            ReadResult r = s.read(Feature.HISTORY);
            assertEquals(Completeness.PARTIAL, r.completeness());
            assertTrue(r.reason().orElseThrow().contains("library 'TV Shows' could not be read"), r.reason().get());
            assertEquals(1, r.items().size());
            new SecretScanner().add("token", PlexFixtures.TOKEN).add("serverToken", PlexFixtures.SERVER_TOKEN)
                    .assertNotIn("reason", r.reason().get());
        }
    }

    @Test
    void anUnreachableServerFailsTheRead() {
        try (ConnectorSession s = new PlexConnector().open(io.crosswatch.testkit.TestContext.of(
                io.crosswatch.testkit.RecordingProviderStore.of(PlexFixtures.config(PlexFixtures.deadUrl(), Map.of())),
                io.crosswatch.testkit.VirtualTime.create()))) {
            ReadResult r = s.read(Feature.RATINGS);
            assertEquals(Completeness.FAILED, r.completeness());
            assertTrue(r.reason().orElseThrow().startsWith("reading Plex ratings failed"), r.reason().get());
        }
    }

    @Test
    void healthProbesTheServerIdentity() {
        try (ConnectorSession s = open(Map.of())) {
            assertEquals(io.crosswatch.api.sync.Health.State.UP, s.health().state());
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/identity")));
        try (ConnectorSession s = new PlexConnector().open(io.crosswatch.testkit.TestContext.of(
                io.crosswatch.testkit.RecordingProviderStore.of(PlexFixtures.config(PlexFixtures.deadUrl(), Map.of())),
                io.crosswatch.testkit.VirtualTime.create()))) {
            assertEquals(io.crosswatch.api.sync.Health.State.DOWN, s.health().state());
        }
        try (ConnectorSession s = open(Map.of())) {
            assertEquals(io.crosswatch.api.sync.Health.State.UP, s.health().state());
        }
    }

    @Test
    void withoutAServerTheLibraryFeaturesFailClearlyAndTheWatchlistStillWorks() {
        PlexFixtures.library(FAKE);
        FAKE.onWatchlist(PlexFixtures.HEAT_HEX);
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>(PlexFixtures.config(wm.baseUrl(), Map.of()).values());
        values.remove("serverUrl");
        values.remove("serverToken");
        io.crosswatch.api.ProviderConfig cfg = io.crosswatch.api.ProviderConfig.of("plex", "default", values);
        assertTrue(new PlexConnector().isConfigured(cfg));
        try (ConnectorSession s = new PlexConnector().open(io.crosswatch.testkit.TestContext.of(
                io.crosswatch.testkit.RecordingProviderStore.of(cfg), io.crosswatch.testkit.VirtualTime.create()))) {
            ReadResult history = s.read(Feature.HISTORY);
            assertEquals(Completeness.FAILED, history.completeness());
            assertTrue(history.reason().orElseThrow().contains("$.providers.plex.serverUrl"), history.reason().get());
            assertEquals(1, s.read(Feature.WATCHLIST).items().size());
            assertEquals(io.crosswatch.api.sync.Health.State.UNKNOWN, s.health().state());
        }
    }

    private static MediaItem byTitle(ReadResult r, String title) {
        return r.items().stream().filter(i -> i.title().orElse("").equals(title)).findFirst().orElseThrow();
    }
}
