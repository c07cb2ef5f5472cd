package io.crosswatch.providers.metadata.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataCapability;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TmdbMetadataProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private VirtualTime time;
    private TmdbMetadataProvider provider;

    @BeforeEach
    void setUp() {
        time = VirtualTime.create();
        provider = new TmdbMetadataProvider(HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build());
        TmdbFixtures.stubCatalog(wm);
    }

    private TestContext context() {
        return TestContext.of(TmdbFixtures.config(wm), time);
    }

    private TestContext context(Map<String, Object> extra) {
        return TestContext.of(TmdbFixtures.config(wm).with(extra), time);
    }

    private static List<String> paths(List<Image> images) {
        return images.stream().map(i -> i.url().substring(i.url().lastIndexOf('/'))).toList();
    }

    @Test
    void movieInGermanSortsImagesGermanThenTextlessThenEnglish() {
        Metadata md = provider.fetch(context(), MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "550"), "de-DE"))
                .orElseThrow();

        assertEquals("Fight Club", md.title().orElseThrow());
        assertEquals("Ein Versicherungsangestellter ...", md.overview().orElseThrow());
        assertEquals(1999, md.year().orElseThrow());
        assertEquals("de-DE", md.locale().orElseThrow());
        assertEquals(MediaIds.of("tmdb", "550", "imdb", "tt0137523"), md.ids());
        assertEquals(List.of("/de-high.jpg", "/de-low.jpg", "/en-best.jpg", "/fr.jpg"), paths(md.images().get(ImageKind.POSTER)));
        assertEquals(List.of("/bd-null.jpg", "/bd-en.jpg"), paths(md.images().get(ImageKind.BACKDROP)));
        assertEquals(new Image("https://image.tmdb.org/t/p/original/de-high.jpg", 2000, 3000, "de"), md.poster().orElseThrow());
        assertEquals("en", md.image(ImageKind.LOGO).orElseThrow().lang());

        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/movie/550"))
                .withQueryParam("language", equalTo("de-DE"))
                .withQueryParam("append_to_response", equalTo("images,external_ids"))
                .withQueryParam("include_image_language", equalTo("de,null,en"))
                .withQueryParam("api_key", equalTo(TmdbFixtures.API_KEY))
                .withHeader("Authorization", absent()));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/configuration")));
        assertEquals(2, wm.getAllServeEvents().size(), "one details call and one configuration call");
    }

    @Test
    void showInGermanFallsBackToTextlessThenEnglishArt() {
        Metadata md = provider.fetch(context(), MetadataRequest.of(MediaType.SHOW, MediaIds.of("tmdb", "1399"), "de-DE"))
                .orElseThrow();

        assertEquals("Game of Thrones", md.title().orElseThrow());
        assertEquals(2011, md.year().orElseThrow());
        assertEquals(MediaIds.of("tmdb", "1399", "imdb", "tt0944947", "tvdb", "121361"), md.ids());
        assertEquals(List.of("/got-null.jpg", "/got-en.jpg"), paths(md.images().get(ImageKind.POSTER)));
        assertTrue(md.backdrop().isEmpty(), "no backdrops in the answer");
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void seasonAndEpisodeUseTheShowIdAndNumbers() {
        Metadata season = provider.fetch(context(), MetadataRequest.season(MediaIds.of("tmdb", "1399"), 1, "de-DE"))
                .orElseThrow();
        assertEquals(MediaType.SEASON, season.type());
        assertEquals("Staffel 1", season.title().orElseThrow());
        assertTrue(season.overview().isEmpty(), "an empty overview is absent, so the manager asks in English");
        assertEquals(2011, season.year().orElseThrow());
        assertEquals(List.of("/s1-de.jpg"), paths(season.images().get(ImageKind.POSTER)));

        Metadata episode = provider.fetch(context(), MetadataRequest.episode(MediaIds.of("tmdb", "1399"), 1, 1, "de-DE"))
                .orElseThrow();
        assertEquals(MediaType.EPISODE, episode.type());
        assertEquals("Der Winter naht", episode.title().orElseThrow());
        assertEquals(MediaIds.of("tmdb", "63056", "imdb", "tt1480055", "tvdb", "3254641"), episode.ids());
        assertEquals(new Image("https://image.tmdb.org/t/p/original/still.jpg", 1920, 1080, null),
                episode.image(ImageKind.STILL).orElseThrow());

        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/tv/1399/season/1")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/tv/1399/season/1/episode/1"))
                .withQueryParam("append_to_response", equalTo("images,external_ids")));
        assertEquals(3, wm.getAllServeEvents().size(), "two details calls and one shared configuration call");
    }

    @Test
    void episodeKnownOnlyByItsImdbIdIsFoundThroughFind() {
        wm.stubFor(get(urlPathEqualTo("/3/find/tt1480055")).willReturn(okJson("""
                {"movie_results": [], "person_results": [], "tv_results": [], "tv_season_results": [],
                 "tv_episode_results": [{"id": 63056, "name": "Winter Is Coming", "show_id": 1399,
                   "season_number": 1, "episode_number": 1}]}""")));
        MetadataRequest request = new MetadataRequest(MediaType.EPISODE, MediaIds.of("imdb", "tt1480055"), "de-DE",
                Set.of(), null, null);

        Metadata md = provider.fetch(context(), request).orElseThrow();

        assertEquals("Der Winter naht", md.title().orElseThrow());
        assertTrue(md.images().isEmpty(), "no images were asked for");
        assertEquals(2, wm.getAllServeEvents().size(), "find and details; no configuration without images");
    }

    @Test
    void movieKnownOnlyByImdbIdIsResolvedThroughFind() {
        Metadata md = provider.fetch(context(), MetadataRequest.of(MediaType.MOVIE, MediaIds.of("imdb", "tt0137523"),
                "en-US")).orElseThrow();

        assertEquals("550", md.ids().tmdb().orElseThrow());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/find/tt0137523"))
                .withQueryParam("external_source", equalTo("imdb_id")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/movie/550"))
                .withQueryParam("include_image_language", equalTo("en,null")));
        assertEquals(3, wm.getAllServeEvents().size());
    }

    @Test
    void showKnownOnlyByTvdbIdIsResolvedThroughFind() {
        wm.stubFor(get(urlPathEqualTo("/3/find/121361")).willReturn(okJson("""
                {"movie_results": [], "person_results": [], "tv_episode_results": [], "tv_season_results": [],
                 "tv_results": [{"id": 1399, "name": "Game of Thrones", "first_air_date": "2011-04-17"}]}""")));
        MetadataRequest request = new MetadataRequest(MediaType.SHOW, MediaIds.of("tvdb", "121361"), "de-DE", Set.of(),
                null, null);

        assertEquals("Game of Thrones", provider.fetch(context(), request).orElseThrow().title().orElseThrow());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/find/121361"))
                .withQueryParam("external_source", equalTo("tvdb_id")));
    }

    @Test
    void unknownImdbIdIsEmptyWithoutDetailsCall() {
        Optional<Metadata> md = provider.fetch(context(), MetadataRequest.of(MediaType.MOVIE,
                MediaIds.of("imdb", "tt9999999"), "en-US"));

        assertTrue(md.isEmpty());
        assertEquals(1, wm.getAllServeEvents().size(), "only the find call");
    }

    @Test
    void titleSearchWithYearAcceptsOnlyAConfidentMatch() {
        wm.stubFor(get(urlPathEqualTo("/3/search/movie")).willReturn(okJson("""
                        {"page": 1, "total_pages": 1, "total_results": 2, "results": [
                          {"id": 550, "title": "Fight Club", "original_title": "Fight Club", "release_date": "1999-10-15"},
                          {"id": 7777, "title": "Fight Club 2", "release_date": "1999-12-01"}]}""")));
        MetadataRequest request = new MetadataRequest(MediaType.MOVIE, MediaIds.empty(), "de-DE",
                EnumSet.noneOf(ImageKind.class), "fight club!", 1999);

        Metadata md = provider.fetch(context(), request).orElseThrow();

        assertEquals("550", md.ids().tmdb().orElseThrow());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/search/movie"))
                .withQueryParam("query", equalTo("fight club!"))
                .withQueryParam("year", equalTo("1999")));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void ambiguousOrMisdatedSearchIsEmpty() {
        wm.stubFor(get(urlPathEqualTo("/3/search/movie")).willReturn(okJson("""
                {"page": 1, "total_pages": 1, "total_results": 2, "results": [
                  {"id": 949, "title": "Heat", "release_date": "1995-12-15"},
                  {"id": 12345, "title": "Heat", "release_date": "1995-03-01"}]}""")));
        wm.stubFor(get(urlPathEqualTo("/3/search/tv")).willReturn(okJson("""
                {"page": 1, "total_pages": 1, "total_results": 1, "results": [
                  {"id": 1399, "name": "Game of Thrones", "first_air_date": "2011-04-17"}]}""")));

        assertTrue(provider.fetch(context(), new MetadataRequest(MediaType.MOVIE, null, "en-US", Set.of(), "Heat", 1995))
                .isEmpty(), "two exact matches are ambiguous");
        assertTrue(provider.fetch(context(), new MetadataRequest(MediaType.SHOW, null, "en-US", Set.of(),
                "Game of Thrones", 2012)).isEmpty(), "the year does not match");
        assertTrue(provider.fetch(context(), new MetadataRequest(MediaType.MOVIE, null, "en-US", Set.of(), "Heat", null))
                .isEmpty(), "without a year no search is confident");

        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/search/tv"))
                .withQueryParam("first_air_date_year", equalTo("2012")));
        wm.verify(exactly(0), getRequestedFor(urlPathMatching("/3/(movie|tv)/.*")));
        assertEquals(2, wm.getAllServeEvents().size(), "no search without a year");
    }

    @Test
    void rejectedKeyIsAConfigErrorNamingApiKeyWithoutTheKey() {
        wm.stubFor(get(urlPathEqualTo("/3/movie/550")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(TmdbFixtures.INVALID_KEY)));

        ConfigException e = assertThrows(ConfigException.class, () -> provider.fetch(context(),
                MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "550"), "en-US")));

        assertEquals("$.providers.tmdb.apiKey", e.path().orElseThrow());
        assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
        new SecretScanner().addConfig(TmdbFixtures.config(wm)).assertNotIn(e);
        assertEquals(1, wm.getAllServeEvents().size(), "a refused key is not retried");
    }

    @Test
    void missingKeyIsAConfigErrorBeforeAnyRequest() {
        ProviderConfig noKey = ProviderConfig.of("tmdb", "default", Map.of("baseUrl", wm.baseUrl() + "/3"));

        ConfigException e = assertThrows(ConfigException.class, () -> provider.fetch(TestContext.of(noKey, time),
                MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "550"), "en-US")));

        assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void unknownIdIsEmptyWithoutConfigurationCall() {
        assertTrue(provider.fetch(context(), MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "999999999"),
                "en-US")).isEmpty());
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void rateLimitedRequestWaitsRetryAfterOnVirtualTime() {
        wm.stubFor(get(urlPathEqualTo("/3/movie/550")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody("{\"success\":false,\"status_code\":25}"))
                .willSetStateTo("open"));
        wm.stubFor(get(urlPathEqualTo("/3/movie/550")).inScenario("429").whenScenarioStateIs("open")
                .willReturn(okJson(TmdbFixtures.MOVIE_550_DE)));

        Metadata md = provider.fetch(context(), new MetadataRequest(MediaType.MOVIE, MediaIds.of("tmdb", "550"),
                "de-DE", Set.of(), null, null)).orElseThrow();

        assertEquals("Fight Club", md.title().orElseThrow());
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/3/movie/550")));
        assertTrue(time.slept().compareTo(Duration.ofSeconds(3)) >= 0, "waited " + time.slept());
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void configurationIsFetchedOncePerTtlAcrossManyFetches() {
        MetadataRequest movie = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "550"), "de-DE");
        MetadataRequest show = MetadataRequest.of(MediaType.SHOW, MediaIds.of("tmdb", "1399"), "de-DE");
        for (int i = 0; i < 10; i++) {
            provider.fetch(context(), i % 2 == 0 ? movie : show).orElseThrow();
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/configuration")));
        wm.verify(exactly(5), getRequestedFor(urlPathEqualTo("/3/movie/550")));
        wm.verify(exactly(5), getRequestedFor(urlPathEqualTo("/3/tv/1399")));

        time.advance(Duration.ofHours(73));
        provider.fetch(context(), movie).orElseThrow();
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/3/configuration")));
        assertEquals(13, wm.getAllServeEvents().size());
    }

    @Test
    void configuredImageSizeScalesDimensions() {
        Metadata md = provider.fetch(context(Map.of("imageSize", "w500")),
                MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "550"), "de-DE")).orElseThrow();

        assertEquals(new Image("https://image.tmdb.org/t/p/w500/de-high.jpg", 500, 750, "de"), md.poster().orElseThrow());
        // w500 is not a backdrop size: the original is used.
        assertEquals(new Image("https://image.tmdb.org/t/p/original/bd-null.jpg", 1920, 1080, null),
                md.backdrop().orElseThrow());
    }

    @Test
    void readAccessTokenIsSentAsBearerNotAsQueryParameter() {
        ProviderConfig cfg = ProviderConfig.of("tmdb", "default", Map.of("readAccessToken", TmdbFixtures.READ_TOKEN,
                "baseUrl", wm.baseUrl() + "/3"));

        provider.fetch(TestContext.of(cfg, time), new MetadataRequest(MediaType.MOVIE, MediaIds.of("tmdb", "550"),
                "en-US", Set.of(), null, null)).orElseThrow();

        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/movie/550"))
                .withHeader("Authorization", equalTo("Bearer " + TmdbFixtures.READ_TOKEN))
                .withQueryParam("api_key", absent()));
    }

    @Test
    void manifestAndCapabilities() {
        assertEquals("tmdb", provider.manifest().name());
        assertTrue(provider.manifest().needsApiKey());
        assertEquals(EnumSet.allOf(MediaType.class), EnumSet.copyOf(provider.manifest().entities()));
        assertEquals(EnumSet.allOf(ImageKind.class), EnumSet.copyOf(provider.manifest().assets()));
        assertEquals(Set.of(MetadataCapability.FIND_BY_EXTERNAL_ID, MetadataCapability.SEARCH,
                MetadataCapability.LOCALIZED), provider.capabilities());
    }

    @Test
    void isRegisteredForServiceLoader() {
        assertTrue(java.util.ServiceLoader.load(io.crosswatch.api.metadata.MetadataProvider.class).stream()
                .anyMatch(p -> p.type() == TmdbMetadataProvider.class));
    }

    @Test
    void keyNeverReachesTheRequestLog() {
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        System.Logger recording = new System.Logger() {
            @Override
            public String getName() {
                return "recording";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
                lines.add(msg);
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
                lines.add(java.text.MessageFormat.format(format, params));
            }
        };
        TmdbMetadataProvider logged = new TmdbMetadataProvider(HttpToolkit.builder().logger(recording).build());

        logged.fetch(context(), MetadataRequest.of(MediaType.MOVIE, MediaIds.of("imdb", "tt0137523"), "de-DE")).orElseThrow();

        assertTrue(lines.size() >= 3, "find, details and configuration were logged: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("/3/movie/550")), lines.toString());
        new SecretScanner().addConfig(TmdbFixtures.config(wm)).assertNotIn("the request log", String.join("\n", lines));
    }
}
