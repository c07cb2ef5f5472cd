package io.crosswatch.providers.sync.plex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleEvent.Kind;
import io.crosswatch.core.http.ConnectionStatus;
import io.crosswatch.core.http.ReconnectingWebSocket;
import io.crosswatch.providers.sync.scrobble.LogCapture;
import io.crosswatch.providers.sync.scrobble.LoopbackMediaServer;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.SteppedTime;
import io.crosswatch.testkit.TestContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import okhttp3.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Plex notification watcher against a loopback server: notification sequences become the
 * right events (resolved with one /status/sessions and one cached metadata read), repeats are
 * dropped, a silent session times out into a stop, the next item of a play queue stops the
 * previous one, a dropped connection is reopened, and the token stays out of every log.
 */
class PlexWatcherTest {

    static final String SERVER_TOKEN = "plex-server-token-4h8m1zq7";
    static final RandomGenerator NO_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    final SteppedTime time = SteppedTime.create();
    final BlockingQueue<ScrobbleEvent> events = new LinkedBlockingQueue<>();
    LoopbackMediaServer plex;
    ReconnectingWebSocket watcher;

    /** A movie and an episode as PMS returns them from /library/metadata/{ratingKey}?includeGuids=1. */
    static final String MOVIE = "{\"MediaContainer\":{\"size\":1,\"librarySectionID\":1,\"librarySectionTitle\":\"Movies\","
            + "\"Metadata\":[{\"ratingKey\":\"5123\",\"key\":\"/library/metadata/5123\",\"guid\":\"plex://movie/5d7768ba96b655001fdc0408\","
            + "\"type\":\"movie\",\"title\":\"The Matrix\",\"year\":1999,\"duration\":8160000,\"librarySectionTitle\":\"Movies\","
            + "\"librarySectionID\":1,\"Guid\":[{\"id\":\"imdb://tt0133093\"},{\"id\":\"tmdb://603\"},{\"id\":\"tvdb://169\"}]}]}}";
    static final String EPISODE = "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"7001\","
            + "\"key\":\"/library/metadata/7001\",\"guid\":\"plex://episode/5d9c1275e9d5a1001f4e2a10\",\"type\":\"episode\","
            + "\"title\":\"Pilot\",\"grandparentTitle\":\"Breaking Bad\",\"grandparentRatingKey\":\"7000\",\"parentIndex\":1,"
            + "\"index\":1,\"duration\":3480000,\"librarySectionTitle\":\"TV Shows\",\"librarySectionID\":2,"
            + "\"Guid\":[{\"id\":\"imdb://tt0959621\"},{\"id\":\"tmdb://62085\"},{\"id\":\"tvdb://349232\"}]}]}}";

    /** The episode's show: its ids are the episode's show ids, as in a library read. */
    static final String SHOW = "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"7000\","
            + "\"key\":\"/library/metadata/7000/children\",\"guid\":\"plex://show/5d9c086c7d06d9001ffd27aa\",\"type\":\"show\","
            + "\"title\":\"Breaking Bad\",\"Guid\":[{\"id\":\"imdb://tt0903747\"},{\"id\":\"tmdb://1396\"},"
            + "{\"id\":\"tvdb://81189\"}]}]}}";

    static String sessions(String... rows) {
        return "{\"MediaContainer\":{\"size\":" + rows.length + ",\"Metadata\":[" + String.join(",", rows) + "]}}";
    }

    static String sessionRow(String sessionKey, String ratingKey, String type, String library, long duration) {
        return "{\"sessionKey\":\"" + sessionKey + "\",\"ratingKey\":\"" + ratingKey + "\",\"type\":\"" + type + "\","
                + "\"librarySectionTitle\":\"" + library + "\",\"librarySectionID\":\"1\",\"duration\":" + duration + ","
                + "\"User\":{\"id\":\"1\",\"title\":\"alice\"},\"Player\":{\"title\":\"Living Room\",\"state\":\"playing\"}}";
    }

    static String playing(String sessionKey, String ratingKey, String state, long viewOffset) {
        return "{\"NotificationContainer\":{\"type\":\"playing\",\"size\":1,\"PlaySessionStateNotification\":[{\"sessionKey\":\""
                + sessionKey + "\",\"clientIdentifier\":\"abc\",\"guid\":\"\",\"ratingKey\":\"" + ratingKey + "\",\"key\":"
                + "\"/library/metadata/" + ratingKey + "\",\"url\":\"\",\"viewOffset\":" + viewOffset
                + ",\"playQueueItemID\":77,\"state\":\"" + state + "\"}]}}";
    }

    @BeforeEach
    void start() {
        plex = new LoopbackMediaServer(PlexWatcher.PATH);
        plex.json("/", "{\"MediaContainer\":{\"friendlyName\":\"Home\",\"machineIdentifier\":\"abc123\"}}");
        plex.json("/library/metadata/5123", MOVIE);
        plex.json("/library/metadata/7001", EPISODE);
        plex.json("/library/metadata/7000", SHOW);
        plex.json("/status/sessions", sessions(sessionRow("12", "5123", "movie", "Movies", 8160000),
                sessionRow("13", "7001", "episode", "TV Shows", 3480000)));
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        plex.close();
    }

    TestContext context(Map<String, Object> extra) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("clientIdentifier", "5b0e1c1e-test-client-id");
        v.put("token", "plex-account-token-7f3k9q2x");
        v.put("serverUrl", plex.url());
        v.put("serverToken", SERVER_TOKEN);
        v.putAll(extra);
        return TestContext.of(ProviderConfig.of("plex", ProviderConfig.DEFAULT_INSTANCE, v), time);
    }

    ReconnectingWebSocket connect(Map<String, Object> extra) {
        watcher = PlexWatcher.connect(context(extra), events::add, "plex", NO_JITTER);
        return watcher;
    }

    ScrobbleEvent next() throws InterruptedException {
        ScrobbleEvent e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event");
        return e;
    }

    @Test
    void notificationSequenceBecomesPlayPauseResumeStopWithRepeatsDropped() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            connect(Map.of());
            WebSocket ws = plex.awaitConnection();
            assertEquals(SERVER_TOKEN, plex.upgrades().get(0).getHeaders().get("X-Plex-Token"));
            assertNull(plex.upgrades().get(0).getUrl().queryParameter("X-Plex-Token"), "the token is not in the URL");

            ws.send("{\"NotificationContainer\":{\"type\":\"activity\",\"size\":1,\"ActivityNotification\":[]}}");
            ws.send("{\"NotificationContainer\":{\"type\":\"timeline\",\"size\":1,\"TimelineEntry\":[]}}");
            ws.send(playing("12", "5123", "playing", 816000));
            ScrobbleEvent play = next();
            assertEquals(Kind.PLAY, play.kind());
            assertEquals(MediaType.MOVIE, play.item().type());
            assertEquals("tt0133093", play.item().ids().imdb().orElseThrow());
            assertEquals("603", play.item().ids().tmdb().orElseThrow());
            assertEquals(10.0, play.progress(), 0.001);
            assertEquals(Duration.ofMillis(816000), play.position());
            assertEquals("alice", play.user());
            assertEquals("Home", play.server());
            assertEquals("Movies", play.library());
            assertEquals("plex", play.source());
            assertEquals(time.clock().instant(), play.occurredAt());

            // Plex repeats the state every ~10 s; buffering is still playing
            ws.send(playing("12", "5123", "playing", 826000));
            ws.send(playing("12", "5123", "buffering", 836000));
            ws.send(playing("12", "5123", "playing", 846000));
            ws.send(playing("12", "5123", "paused", 1632000));
            ScrobbleEvent pause = next();
            assertEquals(Kind.PAUSE, pause.kind(), "the repeats said nothing");
            assertEquals(20.0, pause.progress(), 0.001);
            ws.send(playing("12", "5123", "paused", 1632000));
            ws.send(playing("12", "5123", "playing", 1632000));
            assertEquals(Kind.RESUME, next().kind());
            ws.send(playing("12", "5123", "stopped", 7344000));
            ScrobbleEvent stop = next();
            assertEquals(Kind.STOP, stop.kind());
            assertEquals(90.0, stop.progress(), 0.001);
            ws.send(playing("12", "5123", "stopped", 7344000)); // a repeated stop of a finished session
            ws.send(playing("13", "7001", "playing", 348000));
            ScrobbleEvent episode = next();
            assertEquals(Kind.PLAY, episode.kind(), "the repeated stop said nothing");
            assertEquals(MediaType.EPISODE, episode.item().type());
            assertEquals("Breaking Bad", episode.item().showTitle().orElseThrow());
            assertEquals(1, episode.item().season().orElseThrow());
            assertEquals(1, episode.item().episode().orElseThrow());
            assertEquals("TV Shows", episode.library());
            assertEquals(10.0, episode.progress(), 0.001);
            assertTrue(events.isEmpty());

            assertEquals(1, plex.count("/"), "the server name is asked once");
            assertEquals(2, plex.count("/status/sessions"), "one per new session");
            assertEquals(1, plex.count("/library/metadata/5123"));
            assertEquals(1, plex.count("/library/metadata/7001"));
            assertEquals(1, plex.count("/library/metadata/7000"), "the show, for the episode's show ids");
            assertEquals(1, plex.upgrades().size());

            SecretScanner secrets = new SecretScanner().add("serverToken", SERVER_TOKEN).add("token", "plex-account-token-7f3k9q2x");
            logs.lines().forEach(l -> secrets.assertNotIn("log line", l));
            secrets.assertNotIn("watcher", watcher.toString());
        }
    }

    @Test
    void itemsAreTheOnesASyncReadGivesForTheSameRatingKeyWithTheServerAttribute() throws Exception {
        plex.json("/library/sections", "{\"MediaContainer\":{\"size\":1,\"Directory\":[{\"key\":\"1\","
                + "\"type\":\"movie\",\"title\":\"Movies\"}]}}");
        plex.json("/library/sections/1/all", MOVIE);
        connect(Map.of());
        WebSocket ws = plex.awaitConnection();
        ws.send(playing("12", "5123", "playing", 816000));
        MediaItem movie = next().item();
        ws.send(playing("13", "7001", "playing", 348000));
        MediaItem episode = next().item();

        assertEquals("abc123", movie.attribute(PlexSession.ATTR_SERVER).orElse(null), "the machineIdentifier of GET /");
        // the sync read of the same server (its serverId stored by 'connect') maps rating key 5123 to the same item
        try (PlexSession sync = new PlexSession(context(Map.of("serverId", "abc123")), null)) {
            PlexRow row = sync.snapshot().index().rows().stream().filter(r -> r.ratingKey().equals("5123"))
                    .findFirst().orElseThrow();
            assertEquals(sync.itemOf(row).build(), movie);
        }
        assertEquals("7001", episode.attribute(PlexSession.ATTR_RATING_KEY).orElse(null));
        assertEquals("abc123", episode.attribute(PlexSession.ATTR_SERVER).orElse(null));
        assertEquals(MediaIds.of("imdb", "tt0903747", "tmdb", "1396", "tvdb", "81189",
                "plexguid", "plex://show/5d9c086c7d06d9001ffd27aa"), episode.showIds(),
                "the show's own ids, as a library read has them");
    }

    @Test
    void aShowThatCannotBeReadCostsNeitherThePlayNorTheShowIdsOfLaterPlays() throws Exception {
        plex.status("/library/metadata/7000", 404); // a 5xx is retried by the toolkit first; the outcome is the same
        connect(Map.of("serverId", "configured-id"));
        WebSocket ws = plex.awaitConnection();
        ws.send(playing("13", "7001", "playing", 348000));
        ScrobbleEvent first = next();
        assertEquals(Kind.PLAY, first.kind(), "the episode's own guids still name it");
        assertEquals("tt0959621", first.item().ids().imdb().orElseThrow());
        assertEquals("configured-id", first.item().attribute(PlexSession.ATTR_SERVER).orElse(null),
                "the configured server id, as sync sessions take it");
        ws.send(playing("13", "7001", "stopped", 348000));
        next();

        plex.json("/library/metadata/7000", SHOW); // the server answers again
        ws.send(playing("14", "7001", "playing", 348000));
        ScrobbleEvent later = next();
        assertEquals("81189", later.item().showIds().tvdb().orElse(null),
                "the episode read without its show was not cached: the next session reads the show");
        assertEquals(2, plex.count("/library/metadata/7001"));
        assertEquals(1, plex.count("/"), "the server is asked once");
    }

    @Test
    void aSilentSessionStopsAfterTheTimeoutAndTheNextQueueItemStopsThePrevious() throws Exception {
        connect(Map.of(PlexWatcher.SESSION_TIMEOUT, "PT2M"));
        WebSocket ws = plex.awaitConnection();
        ws.send(playing("12", "5123", "playing", 4080000));
        assertEquals(Kind.PLAY, next().kind());
        // the same session moves on to another item: the first one stopped where it was last seen
        ws.send(playing("12", "7001", "playing", 0));
        ScrobbleEvent stop = next();
        assertEquals(Kind.STOP, stop.kind());
        assertEquals("tt0133093", stop.item().ids().imdb().orElseThrow());
        assertEquals(50.0, stop.progress(), 0.001);
        ScrobbleEvent play = next();
        assertEquals(Kind.PLAY, play.kind());
        assertEquals(MediaType.EPISODE, play.item().type());

        ws.send(playing("12", "7001", "paused", 3132000));
        assertEquals(Kind.PAUSE, next().kind()); // heard at the current instant
        time.advance(Duration.ofSeconds(60));
        assertTrue(events.poll(200, TimeUnit.MILLISECONDS) == null, "still within the timeout");
        time.advance(Duration.ofSeconds(61)); // no word for over 2 min
        ScrobbleEvent vanished = next();
        assertEquals(Kind.STOP, vanished.kind());
        assertEquals(90.0, vanished.progress(), 0.001, "stopped at the last offset heard");
        assertEquals(1, plex.count("/library/metadata/5123"));
    }

    @Test
    void reconnectsAfterTheServerDropsTheConnectionAndRetriesARefusedTokenSlowly() throws Exception {
        plex.refuseNextUpgrades(1, 401);
        connect(Map.of());
        assertEquals(Duration.ofMinutes(5), time.awaitSleep(0), "401: the slow retry");
        assertEquals(ConnectionStatus.State.AUTH_FAILED, watcher.status().state());
        time.advance(Duration.ofMinutes(5));
        WebSocket ws = plex.awaitConnection();
        ws.send(playing("12", "5123", "playing", 816000));
        assertEquals(Kind.PLAY, next().kind());
        time.advance(Duration.ofSeconds(31)); // up long enough to count as healthy: the backoff starts over

        ws.close(1001, "server restart");
        int reconnectSleep = 1;
        while (!time.awaitSleep(reconnectSleep).equals(Duration.ofSeconds(1))) {
            reconnectSleep++; // tick sleeps of the connected phase
        }
        assertEquals(ConnectionStatus.State.RECONNECTING, watcher.status().state());
        time.advance(Duration.ofSeconds(1));
        WebSocket again = plex.awaitConnection();
        assertEquals(3, plex.upgrades().size());
        // the session survives the reconnect: its repeat is not a new play
        again.send(playing("12", "5123", "playing", 826000));
        again.send(playing("12", "5123", "paused", 826000));
        assertEquals(Kind.PAUSE, next().kind());
        assertFalse(events.stream().anyMatch(e -> e.kind() == Kind.PLAY));
    }

    @Test
    void withoutAServerUrlListeningIsAConfigError() {
        TestContext ctx = TestContext.of(ProviderConfig.of("plex", ProviderConfig.DEFAULT_INSTANCE,
                Map.of("token", "plex-account-token-7f3k9q2x")), time);
        ConfigException e = assertThrows(ConfigException.class, () -> new PlexWebhookSource().listen(ctx, events::add));
        assertTrue(e.getMessage().contains("serverUrl"), e.getMessage());
    }

    @Test
    void onlyRepeatsOfAKnownSessionsItemAndStateMayBeDroppedWhenTheHandlerFallsBehind() {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("clientIdentifier", "5b0e1c1e-test-client-id");
        v.put("serverUrl", "http://127.0.0.1:9");
        v.put("serverToken", SERVER_TOKEN);
        PlexWatcher w = new PlexWatcher(TestContext.of(ProviderConfig.of("plex", ProviderConfig.DEFAULT_INSTANCE, v), time),
                events::add, "plex");
        assertFalse(w.isPeriodic(playing("12", "5123", "playing", 1000)), "first sight: a play");
        assertTrue(w.isPeriodic(playing("12", "5123", "playing", 11000)), "Plex's repeat");
        assertFalse(w.isPeriodic(playing("12", "5123", "paused", 12000)), "a pause");
        assertTrue(w.isPeriodic(playing("12", "5123", "paused", 12000)));
        assertFalse(w.isPeriodic(playing("12", "5123", "playing", 12000)), "a resume");
        assertFalse(w.isPeriodic(playing("12", "7001", "playing", 0)), "the next item: a stop and a play");
        assertFalse(w.isPeriodic(playing("12", "7001", "stopped", 9000)), "a stop");
        assertFalse(w.isPeriodic(playing("12", "7001", "playing", 0)), "after a stop: a play again");
        assertFalse(w.isPeriodic("{\"NotificationContainer\":{\"type\":\"timeline\"}}"));
        assertFalse(w.isPeriodic("not json"));
    }
}
