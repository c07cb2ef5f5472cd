package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Activities;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.RefreshingContext;
import io.crosswatch.providers.auth.trakt.TraktAuthProvider;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paths, headers, paging, batching, pacing, error statuses and refreshes of the Trakt connector. */
class TraktConnectorTest {

    static final FakeTrakt FAKE = new FakeTrakt();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    private final VirtualTime time = VirtualTime.create();
    private final HttpToolkit toolkit = HttpToolkit.builder().build();
    private RecordingProviderStore store;

    @BeforeEach
    void setUp() {
        FAKE.reset();
        FAKE.clock = time.clock();
        wm.resetAll();
        TraktFixtures.routeToFake(wm);
        store = RecordingProviderStore.of(TraktFixtures.config(wm.baseUrl(), Map.of()));
    }

    /** A context whose credential refresh runs the real Trakt auth provider over the same store. */
    private ProviderContext context() {
        TraktAuthProvider auth = new TraktAuthProvider(toolkit);
        return new RefreshingContext(TestContext.of(store, time), () -> {
            AuthStatus s = auth.refresh(TestContext.of(store, time));
            if (!s.isConnected()) {
                throw new AuthException("trakt", "refresh failed: " + s.message());
            }
            return store.current();
        });
    }

    private ConnectorSession open() {
        return new TraktConnector(toolkit).open(context());
    }

    private static long logged(String prefix) {
        return FAKE.log.stream().filter(l -> l.startsWith(prefix + "@") || l.equals(prefix)).count();
    }

    private static List<MediaItem> movies(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(TraktFixtures::movie).toList();
    }

    // ------------------------------------------------------------------ headers

    @Test
    void everyRequestCarriesTraktsRequiredHeaders() {
        try (ConnectorSession s = open()) {
            s.activities();
            for (Feature f : Feature.values()) {
                assertTrue(s.read(f).isComplete(), f.key());
            }
            s.add(Feature.WATCHLIST, List.of(TraktFixtures.tron()), false);
            s.add(Feature.PLAYLISTS, List.of(TraktFixtures.tron().toBuilder().list("Faves").build()), false);
        }
        List<LoggedRequest> requests = wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        assertEquals(10, requests.size(), FAKE.log.toString());
        for (LoggedRequest r : requests) {
            assertEquals("2", r.getHeader("trakt-api-version"), r.getUrl());
            assertEquals(FakeTrakt.CLIENT_ID, r.getHeader("trakt-api-key"), r.getUrl());
            assertEquals("Bearer " + FakeTrakt.FIRST_ACCESS, r.getHeader("Authorization"), r.getUrl());
            assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getUrl());
            assertTrue(r.getHeader("User-Agent").startsWith("crosswatch-java/"), r.getUrl());
        }
    }

    // ------------------------------------------------------------------ reads

    @Test
    void everyFeatureReadsAllPagesWithPageAndLimit() {
        IntStream.rangeClosed(1, 300).forEach(n -> FAKE.seedMovie(FAKE.watchlist, n));
        IntStream.rangeClosed(1, 260).forEach(n -> FAKE.seedMovie(FAKE.ratings, n));
        IntStream.rangeClosed(1, 510).forEach(n -> FAKE.seedMovie(FAKE.history, n));
        IntStream.rangeClosed(1, 251).forEach(n -> FAKE.seedMovie(FAKE.playback, n));
        FakeTrakt.TList big = FAKE.seedList("Big list");
        IntStream.rangeClosed(1, 400).forEach(n -> FAKE.seedMovie(big.items, n));
        FAKE.seedList("Empty list");

        try (ConnectorSession s = open()) {
            assertEquals(300, s.read(Feature.WATCHLIST).items().size());
            assertEquals(260, s.read(Feature.RATINGS).items().size());
            ReadResult history = s.read(Feature.HISTORY);
            assertEquals(510, history.items().size());
            assertTrue(history.items().stream().allMatch(i -> i.attribute(TraktHistory.HISTORY_ID).isPresent()));
            ReadResult progress = s.read(Feature.PROGRESS);
            assertEquals(251, progress.items().size());
            MediaItem resume = progress.items().get(0);
            assertEquals(Duration.ofMinutes(48), resume.playback().orElseThrow().position(), "40% of a 120 min runtime");
            assertTrue(resume.attribute(TraktPlayback.PLAYBACK_ID).isPresent());
            ReadResult lists = s.read(Feature.PLAYLISTS);
            assertEquals(400, lists.items().size());
            assertTrue(lists.items().stream().allMatch(i -> i.list().orElseThrow().equals("Big list")));
        }
        // pages: watchlist movies 2 + shows 1, ratings 2, history 3, playback 2, lists 1 + items 2 + 1
        assertEquals(14, wm.getAllServeEvents().size(), FAKE.log.toString());
        for (LoggedRequest r : wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
            assertEquals("250", r.queryParameter("limit").firstValue(), r.getUrl());
            assertTrue(r.queryParameter("page").isPresent(), r.getUrl());
        }
        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo("/sync/history")));
        wm.verify(getRequestedFor(urlPathEqualTo("/sync/history")).withQueryParam("page", equalTo("3")));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/sync/playback")).withQueryParam("extended", equalTo("full")));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/users/me/lists/" + big.id + "/items/movie,show,season,episode")));
    }

    @Test
    void readsParseTheSheetsShapes() {
        wm.stubFor(get(urlPathEqualTo("/sync/ratings/all")).atPriority(1).willReturn(aResponse()
                .withHeader("X-Pagination-Page-Count", "1").withHeader("Content-Type", "application/json")
                .withBody("[{\"rated_at\":\"2026-01-10T21:00:00.000Z\",\"rating\":9,\"type\":\"movie\",\"movie\":{\"title\":"
                        + "\"TRON: Legacy\",\"year\":2010,\"ids\":{\"trakt\":12601,\"slug\":\"tron-legacy-2010\",\"imdb\":"
                        + "\"tt1104001\",\"tmdb\":20526}}},{\"rated_at\":\"2026-01-11T21:00:00.000Z\",\"rating\":10,\"type\":"
                        + "\"episode\",\"episode\":{\"season\":1,\"number\":1,\"title\":\"Pilot\",\"ids\":{\"trakt\":16,\"tvdb\":"
                        + "349232}},\"show\":{\"title\":\"Breaking Bad\",\"year\":2008,\"ids\":{\"trakt\":1,\"tvdb\":81189}}},"
                        + "{\"rated_at\":\"2026-01-12T21:00:00.000Z\",\"rating\":7,\"type\":\"season\",\"season\":{\"number\":1,"
                        + "\"ids\":{\"trakt\":3950,\"tvdb\":30272}},\"show\":{\"title\":\"Breaking Bad\",\"year\":2008,\"ids\":"
                        + "{\"trakt\":1,\"tvdb\":81189}}}]")));
        List<MediaItem> items;
        try (ConnectorSession s = open()) {
            items = s.read(Feature.RATINGS).items();
        }
        assertEquals(3, items.size());
        MediaItem movie = items.get(0);
        assertEquals("tt1104001", movie.ids().imdb().orElseThrow());
        assertEquals("tron-legacy-2010", movie.ids().get("slug").orElseThrow());
        assertEquals("12601", movie.ids().trakt().orElseThrow());
        assertEquals(9, movie.rating().orElseThrow());
        assertEquals(Instant.parse("2026-01-10T21:00:00Z"), movie.ratedAt().orElseThrow());
        MediaItem ep = items.get(1);
        assertEquals("81189", ep.showIds().tvdb().orElseThrow());
        assertEquals("349232", ep.ids().tvdb().orElseThrow());
        assertEquals(1, ep.season().orElseThrow());
        assertEquals(1, ep.episode().orElseThrow());
        assertEquals("Breaking Bad", ep.showTitle().orElseThrow());
        assertEquals(7, items.get(2).rating().orElseThrow());
        assertEquals("3950", items.get(2).ids().trakt().orElseThrow());
    }

    // ------------------------------------------------------------------ writes

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Feature.class, names = {"WATCHLIST", "RATINGS", "HISTORY", "PLAYLISTS"})
    void twoHundredFiftyItemsGoOutInThreePostsOneSecondApart(Feature feature) throws Exception {
        List<MediaItem> items = movies(250).stream().map(m -> switch (feature) {
            case RATINGS -> m.toBuilder().rating(8).build();
            case HISTORY -> m.toBuilder().watchedAt(Instant.parse("2026-02-01T20:00:00Z")).build();
            case PLAYLISTS -> m.toBuilder().list("Watch with friends").build();
            default -> m;
        }).toList();
        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.add(feature, items, false);
        }
        assertEquals(250, w.count(Outcome.ADDED), w.outcomes().toString());
        String path = switch (feature) {
            case WATCHLIST -> "/sync/watchlist";
            case RATINGS -> "/sync/ratings";
            case HISTORY -> "/sync/history";
            default -> "/users/me/lists/" + FAKE.lists.keySet().iterator().next() + "/items";
        };
        List<LoggedRequest> posts = wm.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals("POST") && r.getUrl().equals(path)).toList();
        assertEquals(3, posts.size(), FAKE.log.toString());
        List<Integer> sizes = new ArrayList<>();
        for (LoggedRequest r : posts) {
            sizes.add(JSON.readTree(r.getBodyAsString()).path("movies").size());
        }
        sizes.sort(null);
        assertEquals(List.of(50, 100, 100), sizes);
        // every write (the list creation included) at least one second after the previous one, in virtual time
        List<Instant> writes = FAKE.log.stream().filter(l -> l.startsWith("POST")).map(l -> Instant.parse(l.substring(l.indexOf('@') + 1)))
                .toList();
        for (int i = 1; i < writes.size(); i++) {
            assertTrue(!writes.get(i).isBefore(writes.get(i - 1).plusSeconds(1)), "writes too close: " + FAKE.log);
        }
        long expectedRequests = switch (feature) {
            case HISTORY -> 4;       // one read of the existing plays (Trakt never de-duplicates), three posts
            case PLAYLISTS -> 5;     // the lists, the list's creation, three posts
            default -> 3;
        };
        assertEquals(expectedRequests, FAKE.log.size(), FAKE.log.toString());
    }

    @Test
    void removalsAreBatchedToo() {
        IntStream.rangeClosed(1, 250).forEach(n -> FAKE.seedMovie(FAKE.watchlist, n));
        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.remove(Feature.WATCHLIST, movies(250), false);
        }
        assertEquals(250, w.count(Outcome.REMOVED));
        assertEquals(3, logged("POST /sync/watchlist/remove"));
        assertTrue(FAKE.watchlist.isEmpty());
    }

    @Test
    void aRetryAfterOnAWriteIsHonoured() {
        wm.stubFor(post("/sync/watchlist").atPriority(1).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "10")
                        .withHeader("X-Ratelimit", "{\"name\":\"AUTHED_API_POST_LIMIT\",\"period\":1,\"limit\":1,\"remaining\":0}"))
                .willSetStateTo("done"));
        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.add(Feature.WATCHLIST, List.of(TraktFixtures.tron()), false);
        }
        assertEquals(Outcome.ADDED, w.outcomes().get(0).outcome());
        assertEquals(2, wm.getAllServeEvents().size());
        assertTrue(time.slept().compareTo(Duration.ofSeconds(10)) >= 0, "waited " + time.slept());
        assertEquals(1, FAKE.watchlist.size());
    }

    @Test
    void anAccountLimitStopsThatEndpointAndTheRestIsApplied() {
        wm.stubFor(post("/sync/watchlist").atPriority(1).inScenario("420").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(420).withHeader("X-Account-Limit", "250")
                        .withHeader("X-Upgrade-URL", "https://trakt.tv/vip").withHeader("X-VIP-User", "false"))
                .willSetStateTo("limited"));
        wm.stubFor(post("/sync/watchlist").atPriority(2).inScenario("420").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withTransformers(FakeTrakt.NAME)).willSetStateTo("second"));
        WriteResult watchlist;
        WriteResult ratings;
        try (ConnectorSession s = open()) {
            watchlist = s.add(Feature.WATCHLIST, movies(250), false);
            ratings = s.add(Feature.RATINGS, List.of(TraktFixtures.tron().toBuilder().rating(9).build()), false);
        }
        assertEquals(100, watchlist.count(Outcome.ADDED));
        assertEquals(150, watchlist.count(Outcome.LIMIT_REACHED));
        String reason = watchlist.outcomes().get(100).reason();
        assertTrue(reason.contains("HTTP 420") && reason.contains("limit 250") && reason.contains("https://trakt.tv/vip"), reason);
        assertEquals(1, logged("POST /sync/watchlist"), "only the first batch was stored: " + FAKE.log);
        assertEquals(2, wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/sync/watchlist")).count(),
                "the third batch was not sent");
        assertEquals(Outcome.ADDED, ratings.outcomes().get(0).outcome(), "other endpoints still work");
    }

    @Test
    void aFullListCountStopsListCreationsForTheRun() {
        wm.stubFor(post("/users/me/lists").atPriority(1).willReturn(aResponse().withStatus(420)
                .withHeader("X-Account-Limit", "5")));
        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.add(Feature.PLAYLISTS, List.of(TraktFixtures.tron().toBuilder().list("Sixth list").build(),
                    TraktFixtures.breakingBad().toBuilder().list("Seventh list").build()), false);
        }
        assertEquals(2, w.count(Outcome.LIMIT_REACHED), w.toString());
        assertEquals(List.of("GET /users/me/lists"), FAKE.log.stream().map(l -> l.substring(0, l.indexOf('@'))).toList());
        assertEquals(1, wm.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("POST")).count(),
                "one creation tried, the second not sent");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"423, locked", "426, VIP", "412, application/json", "422, invalid"})
    void accountAndValidationErrorsAreClearAndNotRetried(int status, String words) {
        wm.stubFor(post("/sync/ratings").atPriority(1).willReturn(aResponse().withStatus(status)
                .withHeader("X-Upgrade-URL", "https://trakt.tv/vip")));
        wm.stubFor(get(urlPathEqualTo("/sync/ratings/all")).atPriority(1).willReturn(aResponse().withStatus(status)));
        WriteResult w;
        ReadResult r;
        try (ConnectorSession s = open()) {
            w = s.add(Feature.RATINGS, List.of(TraktFixtures.tron().toBuilder().rating(9).build(),
                    TraktFixtures.breakingBad().toBuilder().rating(7).build()), false);
            r = s.read(Feature.RATINGS);
        }
        assertEquals(2, w.count(Outcome.FAILED));
        String reason = w.outcomes().get(0).reason();
        assertTrue(reason.contains("HTTP " + status) && reason.contains(words), reason);
        assertFalse(r.isComplete());
        assertTrue(r.reason().orElseThrow().contains("HTTP " + status), r.reason().orElseThrow());
        assertEquals(2, wm.getAllServeEvents().size(), "one POST and one GET, neither retried");
        new SecretScanner().addConfig(store.current()).assertNotIn("reason", reason + r.reason().orElseThrow());
    }

    @Test
    void notFoundObjectsBecomeNotFoundOutcomes() {
        MediaItem unknown = TraktFixtures.movie(1).toBuilder().ids(io.crosswatch.api.media.MediaIds.of("imdb", "tt0000111"))
                .build();
        WriteResult w;
        try (ConnectorSession s = open()) {
            w = s.add(Feature.WATCHLIST, List.of(TraktFixtures.tron(), unknown, TraktFixtures.breakingBad()), false);
        }
        assertEquals(List.of(Outcome.ADDED, Outcome.NOT_FOUND, Outcome.ADDED),
                w.outcomes().stream().map(WriteResult.ItemOutcome::outcome).toList());
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void aHistoryRemovalRemovesExactlyThatPlay() throws Exception {
        MediaItem first = TraktFixtures.tron().toBuilder().watchedAt(Instant.parse("2026-01-01T20:00:00Z")).build();
        MediaItem second = TraktFixtures.tron().toBuilder().watchedAt(Instant.parse("2026-02-01T20:00:00Z")).build();
        try (ConnectorSession s = open()) {
            s.add(Feature.HISTORY, List.of(first, second), false);
            List<MediaItem> plays = s.read(Feature.HISTORY).items();
            assertEquals(2, plays.size());
            MediaItem older = plays.stream().filter(p -> p.watchedAt().orElseThrow().equals(first.watchedAt().orElseThrow()))
                    .findFirst().orElseThrow();
            WriteResult w = s.remove(Feature.HISTORY, List.of(older), false);
            assertEquals(Outcome.REMOVED, w.outcomes().get(0).outcome());
            List<MediaItem> left = s.read(Feature.HISTORY).items();
            assertEquals(1, left.size());
            assertEquals(second.watchedAt(), left.get(0).watchedAt());
            LoggedRequest remove = wm.getAllServeEvents().stream().map(e -> e.getRequest())
                    .filter(r -> r.getUrl().equals("/sync/history/remove")).findFirst().orElseThrow();
            JsonNode body = JSON.readTree(remove.getBodyAsString());
            assertEquals("{\"ids\":[" + older.attribute(TraktHistory.HISTORY_ID).orElseThrow() + "]}", body.toString());
        }
    }

    @Test
    void progressIsWrittenWithScrobblePauseAndRemovedByPlaybackId() {
        MediaItem movie = TraktFixtures.tron().toBuilder().playback(TraktFixtures.resume(30, 120)).build();
        try (ConnectorSession s = open()) {
            assertEquals(Outcome.ADDED, s.add(Feature.PROGRESS, List.of(movie), false).outcomes().get(0).outcome());
            assertEquals(25.0, FAKE.playback.get(0).progress);
            MediaItem read = s.read(Feature.PROGRESS).items().get(0);
            assertEquals(Duration.ofMinutes(30), read.playback().orElseThrow().position());
            assertEquals(Outcome.REMOVED, s.remove(Feature.PROGRESS, List.of(read), false).outcomes().get(0).outcome());
        }
        assertTrue(FAKE.playback.isEmpty());
        assertEquals(List.of("POST /scrobble/pause", "GET /sync/playback", "DELETE /sync/playback/" + 1001),
                FAKE.log.stream().map(l -> l.substring(0, l.indexOf('@'))).toList());
    }

    @Test
    void activitiesCostOneRequestAndMoveOnlyWithTheirFeature() {
        Activities before;
        Activities after;
        try (ConnectorSession s = open()) {
            before = s.activities().orElseThrow();
            s.add(Feature.WATCHLIST, List.of(TraktFixtures.tron()), false);
            after = s.activities().orElseThrow();
        }
        assertEquals(2, logged("GET /sync/last_activities"));
        assertEquals(5, before.tokens().size());
        assertNotEquals(before.token(Feature.WATCHLIST), after.token(Feature.WATCHLIST));
        for (Feature f : List.of(Feature.RATINGS, Feature.HISTORY, Feature.PROGRESS, Feature.PLAYLISTS)) {
            assertEquals(before.token(f), after.token(f), f.key());
        }
    }

    @Test
    void anExpiredTokenIsRefreshedMidReadThroughTheContextAndTheNewPairIsPersisted() {
        IntStream.rangeClosed(1, 300).forEach(n -> FAKE.seedMovie(FAKE.watchlist, n));
        FAKE.expireAfter = 1; // the first page is served, then the token lapses
        ReadResult r;
        try (ConnectorSession s = open()) {
            r = s.read(Feature.WATCHLIST);
        }
        assertTrue(r.isComplete(), r.reason().orElse(""));
        assertEquals(300, r.items().size());
        assertEquals(List.of("GET /sync/watchlist/movies", "GET /sync/watchlist/movies", "POST /oauth/token",
                        "GET /sync/watchlist/movies", "GET /sync/watchlist/shows"),
                FAKE.log.stream().map(l -> l.substring(0, l.indexOf('@'))).toList());
        assertEquals(FAKE.accessToken, store.current().string("accessToken").orElseThrow());
        assertEquals(FAKE.refreshToken, store.current().string("refreshToken").orElseThrow());
        Map<String, Object> update = store.updates().get(0);
        assertTrue(update.containsKey("accessToken") && update.containsKey("refreshToken"), "the pair is persisted together");
    }

    @Test
    void platformManagerDrivesTheRefreshAfterA401() {
        PlatformManager pm = PlatformManager.builder().autoDiscovery(false).clock(time.clock()).sleeper(time.sleeper())
                .register(new TraktAuthProvider(toolkit)).register(new TraktConnector(toolkit)).build();
        pm.context("trakt", null, null).store().update(TraktFixtures.config(wm.baseUrl(), Map.of()).values());
        IntStream.rangeClosed(1, 260).forEach(n -> FAKE.seedMovie(FAKE.ratings, n));
        FAKE.expireAfter = 1;
        ReadResult r;
        try (ConnectorSession s = pm.connector("trakt").orElseThrow().open(pm.contextFor("trakt", null, null))) {
            r = s.read(Feature.RATINGS);
        }
        assertTrue(r.isComplete(), r.reason().orElse(""));
        assertEquals(260, r.items().size());
        assertEquals(List.of("GET /sync/ratings/all", "GET /sync/ratings/all", "POST /oauth/token", "GET /sync/ratings/all"),
                FAKE.log.stream().map(l -> l.substring(0, l.indexOf('@'))).toList());
        ProviderConfig after = pm.context("trakt", null, null).config();
        assertEquals(FAKE.accessToken, after.string("accessToken").orElseThrow());
        assertEquals(FAKE.refreshToken, after.string("refreshToken").orElseThrow());
        assertEquals(AuthStatus.State.CONNECTED, pm.status("trakt", null).state());
    }

    @Test
    void aRefusedRefreshFailsTheReadWithoutLeakingTokens() {
        IntStream.rangeClosed(1, 10).forEach(n -> FAKE.seedMovie(FAKE.ratings, n));
        FAKE.expireAccessToken();
        FAKE.refreshToken = "someone-else-used-it-0000";
        ReadResult r;
        try (ConnectorSession s = open()) {
            r = s.read(Feature.RATINGS);
        }
        assertEquals(io.crosswatch.api.sync.Completeness.FAILED, r.completeness());
        assertTrue(r.reason().orElseThrow().contains("refresh"), r.reason().orElseThrow());
        new SecretScanner().addConfig(store.current()).assertNotIn("reason", r.reason().orElseThrow());
        assertEquals(List.of("GET /sync/ratings/all", "POST /oauth/token"),
                FAKE.log.stream().map(l -> l.substring(0, l.indexOf('@'))).toList());
    }

    @Test
    void aTokenAboutToExpireIsRefreshedWhenTheSessionOpens() {
        store = RecordingProviderStore.of(TraktFixtures.config(wm.baseUrl(), Map.of("expiresIn", 86400,
                "expiresAt", VirtualTime.DEFAULT_START.plus(Duration.ofMinutes(30)).toString())));
        try (ConnectorSession s = open()) {
            s.activities();
        }
        assertEquals(List.of("POST /oauth/token", "GET /sync/last_activities"),
                FAKE.log.stream().map(l -> l.substring(0, l.indexOf('@'))).toList());
    }

    @Test
    void aFreshTokenIsNotRefreshed() {
        store = RecordingProviderStore.of(TraktFixtures.config(wm.baseUrl(), Map.of("expiresIn", 604800,
                "expiresAt", VirtualTime.DEFAULT_START.plus(Duration.ofDays(6)).toString())));
        try (ConnectorSession s = open()) {
            s.activities();
        }
        assertEquals(1, FAKE.log.size(), FAKE.log.toString());
    }

    @Test
    void dryRunsSendNothing() {
        try (ConnectorSession s = open()) {
            WriteResult w = s.add(Feature.WATCHLIST, movies(150), true);
            assertEquals(150, w.count(Outcome.ADDED));
            s.add(Feature.PLAYLISTS, List.of(TraktFixtures.tron().toBuilder().list("New").build()), true);
        }
        assertTrue(FAKE.log.stream().noneMatch(l -> l.startsWith("POST")), FAKE.log.toString());
        assertTrue(FAKE.lists.isEmpty());
    }

    @Test
    void noSecretInToStringOrReasons() {
        SecretScanner secrets = new SecretScanner().addConfig(store.current());
        TraktConnector c = new TraktConnector(toolkit);
        try (ConnectorSession s = c.open(context())) {
            secrets.assertNotIn("session", s.toString());
        }
        secrets.assertNotIn("connector", c.toString());
    }
}
