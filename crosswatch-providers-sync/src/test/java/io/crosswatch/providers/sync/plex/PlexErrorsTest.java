package io.crosswatch.providers.sync.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.providers.sync.RefreshingContext;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rate limits, refused tokens and the credential refresh, on virtual time. */
class PlexErrorsTest {

    static final FakePlex FAKE = new FakePlex();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    private final VirtualTime time = VirtualTime.create();

    @BeforeEach
    void setUp() {
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.reset();
        PlexFixtures.library(FAKE);
    }

    @Test
    void aDiscover429IsWaitedOutOnVirtualTimeAndRetried() {
        wm.stubFor(put(urlPathEqualTo("/actions/addToWatchlist")).atPriority(1).inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withBody("{\"errors\":[{\"code\":1003,\"message\":\"API rate limit exceeded\"}]}")));
        try (ConnectorSession s = new PlexConnector().open(TestContext.of(
                RecordingProviderStore.of(PlexFixtures.config(wm.baseUrl(), Map.of())), time))) {
            WriteResult w = s.add(Feature.WATCHLIST, List.of(MediaItem.builder(MediaType.MOVIE).id("tmdb", "949").build()), false);
            assertEquals(WriteResult.Outcome.ADDED, w.outcomes().get(0).outcome());
        }
        assertTrue(time.sleeps().contains(Duration.ofSeconds(7)), time.sleeps().toString());
        wm.verify(exactly(2), putRequestedFor(urlPathEqualTo("/actions/addToWatchlist")));
    }

    @Test
    void aSectionListWithoutAMediaContainerFailsTheReadInsteadOfReadingAsAnEmptyLibrary() {
        wm.stubFor(get(urlPathEqualTo("/library/sections")).atPriority(1).willReturn(okJson("{}")));
        try (ConnectorSession s = new PlexConnector().open(TestContext.of(
                RecordingProviderStore.of(PlexFixtures.config(wm.baseUrl(), Map.of())), time))) {
            ReadResult r = s.read(Feature.HISTORY);
            assertEquals(Completeness.FAILED, r.completeness());
            assertTrue(r.items().isEmpty());
            assertTrue(r.reason().orElse("").contains("without a MediaContainer"), r.reason().orElse(""));
        }
    }

    @Test
    void aServerThatRefusesTheTokenAsksForARefreshOnceAndRetriesWithTheNewToken() {
        wm.stubFor(get(urlPathEqualTo("/library/sections")).atPriority(1)
                .withHeader("X-Plex-Token", equalTo(PlexFixtures.SERVER_TOKEN)).willReturn(aResponse().withStatus(401)));
        RecordingProviderStore store = RecordingProviderStore.of(PlexFixtures.config(wm.baseUrl(), Map.of()));
        AtomicInteger refreshes = new AtomicInteger();
        ProviderContext ctx = new RefreshingContext(TestContext.of(store, time), () -> {
            refreshes.incrementAndGet();
            return store.update(Map.of("serverToken", "server-token-renewed-2"));
        });
        try (ConnectorSession s = new PlexConnector().open(ctx)) {
            ReadResult r = s.read(Feature.HISTORY);
            assertEquals(Completeness.COMPLETE, r.completeness(), r.reason().orElse(""));
        }
        assertEquals(1, refreshes.get());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/library/sections"))
                .withHeader("X-Plex-Token", equalTo("server-token-renewed-2")));
    }

    @Test
    void aRefusedTokenWithoutRefreshFailsTheReadWithoutLeakingIt() {
        wm.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\"}]}")));
        ProviderConfig cfg = PlexFixtures.config(wm.baseUrl(), Map.of());
        try (ConnectorSession s = new PlexConnector().open(TestContext.of(RecordingProviderStore.of(cfg), time))) {
            ReadResult r = s.read(Feature.RATINGS);
            assertEquals(Completeness.FAILED, r.completeness());
            assertTrue(r.reason().orElseThrow().contains("crosswatch connect plex"), r.reason().get());
            WriteResult w = s.add(Feature.WATCHLIST, List.of(MediaItem.builder(MediaType.MOVIE).id("tmdb", "949").build()), false);
            assertEquals(WriteResult.Outcome.FAILED, w.outcomes().get(0).outcome());
            SecretScanner secrets = new SecretScanner().addConfig(cfg);
            secrets.assertNotIn("the read's reason", r.reason().get());
            secrets.assertNotIn("the write's reason", w.outcomes().get(0).reason());
            secrets.assertNotIn("the session", s.toString());
        }
    }
}
