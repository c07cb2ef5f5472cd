package io.crosswatch.providers.sync.jellyfin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleEvent.Kind;
import io.crosswatch.core.http.ReconnectingWebSocket;
import io.crosswatch.providers.sync.scrobble.LogCapture;
import io.crosswatch.providers.sync.scrobble.LoopbackMediaServer;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.SteppedTime;
import io.crosswatch.testkit.TestContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import okhttp3.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Jellyfin and Emby session watchers against a loopback server: the handshake
 * ({@code SessionsStart}), keepalives at half the server's interval on virtual time, session
 * snapshots diffed into play/pause/resume/stop, reconnects, and the api_key never logged.
 */
class MediaBrowserWatcherTest {

    static final String API_KEY = "jf-api-key-8c2e4a6b0d1f";
    static final long MINUTE_TICKS = 60L * 10_000_000L;
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
    LoopbackMediaServer server;
    ReconnectingWebSocket watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        if (server != null) {
            server.close();
        }
    }

    ReconnectingWebSocket connect(ServerFlavor flavor, String socketPath, String infoPath, String baseSuffix) {
        return connect(flavor, socketPath, infoPath, baseSuffix, events::add);
    }

    ReconnectingWebSocket connect(ServerFlavor flavor, String socketPath, String infoPath, String baseSuffix,
                                  Consumer<ScrobbleEvent> sink) {
        server = new LoopbackMediaServer(socketPath);
        server.json(infoPath, "{\"ServerName\":\"Jelly\",\"Version\":\"10.10.7\",\"Id\":\"f0e1\"}");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("baseUrl", server.url() + baseSuffix);
        v.put("accessToken", API_KEY);
        v.put("userId", "5d1b2c3a4e5f60718293a4b5c6d7e8f9");
        v.put("deviceId", "crosswatch-device-1");
        TestContext ctx = TestContext.of(ProviderConfig.of(flavor.provider(), ProviderConfig.DEFAULT_INSTANCE, v), time);
        watcher = MediaBrowserWatcher.connect(flavor, ctx, sink, NO_JITTER);
        return watcher;
    }

    static String movieSession(String sessionId, long positionTicks, boolean paused) {
        return movieSession(sessionId, "m1", positionTicks, paused);
    }

    static String movieSession(String sessionId, String itemId, long positionTicks, boolean paused) {
        return "{\"Id\":\"" + sessionId + "\",\"UserId\":\"5d1b\",\"UserName\":\"alice\",\"DeviceName\":\"TV\","
                + "\"NowPlayingItem\":{\"Id\":\"" + itemId + "\",\"Type\":\"Movie\",\"Name\":\"The Matrix\",\"ProductionYear\":1999,"
                + "\"ProviderIds\":{\"Imdb\":\"tt0133093\",\"Tmdb\":\"603\"},\"RunTimeTicks\":" + (100 * MINUTE_TICKS) + "},"
                + "\"PlayState\":{\"PositionTicks\":" + positionTicks + ",\"IsPaused\":" + paused + "}}";
    }

    static String episodeSession(String sessionId, long positionTicks) {
        return episodeSession(sessionId, "e1", 3, positionTicks);
    }

    static String episodeSession(String sessionId, String itemId, int number, long positionTicks) {
        return "{\"Id\":\"" + sessionId + "\",\"UserId\":\"7a\",\"UserName\":\"bob\",\"DeviceName\":\"Phone\","
                + "\"NowPlayingItem\":{\"Id\":\"" + itemId + "\",\"Type\":\"Episode\",\"Name\":\"Pilot\",\"SeriesName\":\"Breaking Bad\","
                + "\"SeriesId\":\"s1\",\"ParentIndexNumber\":1,\"IndexNumber\":" + number + ","
                + "\"ProviderIds\":{\"Tvdb\":\"349232\",\"Imdb\":\"tt0959621\"},\"RunTimeTicks\":" + (50 * MINUTE_TICKS) + "},"
                + "\"PlayState\":{\"PositionTicks\":" + positionTicks + ",\"IsPaused\":false}}";
    }

    static String idle(String sessionId) {
        return "{\"Id\":\"" + sessionId + "\",\"UserName\":\"carol\",\"DeviceName\":\"Web\",\"PlayState\":{}}";
    }

    static String snapshot(String... sessions) {
        return "{\"MessageType\":\"Sessions\",\"Data\":[" + String.join(",", sessions) + "]}";
    }

    ScrobbleEvent next() throws InterruptedException {
        ScrobbleEvent e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event");
        return e;
    }

    @Test
    void jellyfinSnapshotsBecomeEventsWithKeepalivesAndNoKeyInLogs() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            connect(ServerFlavor.JELLYFIN, "/socket", "/System/Info/Public", "");
            WebSocket ws = server.awaitConnection();
            assertEquals(MediaBrowserWatcher.SESSIONS_START, server.awaitReceived(), "asks for session snapshots first");
            var upgrade = server.upgrades().get(0).getUrl();
            assertEquals(API_KEY, upgrade.queryParameter("api_key"));
            assertEquals("crosswatch-device-1", upgrade.queryParameter("deviceId"));

            // keepalive: one at once, then every half of the server's interval, on virtual time
            ws.send("{\"MessageType\":\"ForceKeepAlive\",\"Data\":60}");
            assertEquals(MediaBrowserWatcher.KEEP_ALIVE, server.awaitReceived());
            time.advance(Duration.ofSeconds(10));
            time.advance(Duration.ofSeconds(10));
            assertTrue(server.drainReceived().isEmpty(), "not yet: 20 s of 30 s");
            time.advance(Duration.ofSeconds(10));
            assertEquals(MediaBrowserWatcher.KEEP_ALIVE, server.awaitReceived(), "30 s after the first");

            ws.send(snapshot(idle("s0"), movieSession("s1", 10 * MINUTE_TICKS, false)));
            ScrobbleEvent play = next();
            assertEquals(Kind.PLAY, play.kind());
            assertEquals(MediaType.MOVIE, play.item().type());
            assertEquals("tt0133093", play.item().ids().imdb().orElseThrow());
            assertEquals("m1", play.item().ids().get(MediaIds.JELLYFIN).orElseThrow());
            assertEquals(1999, play.item().year().orElseThrow());
            assertEquals(10.0, play.progress(), 0.001);
            assertEquals(Duration.ofMinutes(10), play.position());
            assertEquals("alice", play.user());
            assertEquals("Jelly", play.server());
            assertEquals("jellyfin", play.source());
            assertNull(play.library());

            ws.send(snapshot(idle("s0"), movieSession("s1", 11 * MINUTE_TICKS, false))); // progress only
            ws.send(snapshot(movieSession("s1", 40 * MINUTE_TICKS, true), episodeSession("s2", 5 * MINUTE_TICKS)));
            ScrobbleEvent pause = next();
            assertEquals(Kind.PAUSE, pause.kind(), "the progress-only snapshot said nothing");
            assertEquals(40.0, pause.progress(), 0.001);
            ScrobbleEvent episode = next();
            assertEquals(Kind.PLAY, episode.kind());
            assertEquals(MediaType.EPISODE, episode.item().type());
            assertEquals("Breaking Bad", episode.item().showTitle().orElseThrow());
            assertEquals(1, episode.item().season().orElseThrow());
            assertEquals(3, episode.item().episode().orElseThrow());
            assertEquals("bob", episode.user());
            assertEquals(10.0, episode.progress(), 0.001);

            ws.send(snapshot(movieSession("s1", 40 * MINUTE_TICKS, false), episodeSession("s2", 6 * MINUTE_TICKS)));
            assertEquals(Kind.RESUME, next().kind());
            ws.send(snapshot(movieSession("s1", 92 * MINUTE_TICKS, false), episodeSession("s2", 7 * MINUTE_TICKS)));
            // the movie's NowPlayingItem is gone: stopped where it was last reported
            ws.send(snapshot(idle("s1"), episodeSession("s2", 8 * MINUTE_TICKS)));
            ScrobbleEvent stop = next();
            assertEquals(Kind.STOP, stop.kind());
            assertEquals("tt0133093", stop.item().ids().imdb().orElseThrow());
            assertEquals(92.0, stop.progress(), 0.001);
            // the whole session is gone
            ws.send(snapshot());
            ScrobbleEvent stop2 = next();
            assertEquals(Kind.STOP, stop2.kind());
            assertEquals(16.0, stop2.progress(), 0.001);
            assertTrue(events.isEmpty());
            assertEquals(1, server.count("/System/Info/Public"), "the server name is asked once");

            SecretScanner secrets = new SecretScanner().add("accessToken", API_KEY);
            List<String> lines = logs.lines();
            assertFalse(lines.isEmpty());
            lines.forEach(l -> secrets.assertNotIn("log line", l));
            secrets.assertNotIn("watcher", watcher.toString());
            secrets.assertNotIn("status", watcher.status().toString());
        }
    }

    @Test
    void forceKeepAliveIsAnsweredWhileASlowSinkHoldsTheHandler() throws Exception {
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        connect(ServerFlavor.JELLYFIN, "/socket", "/System/Info/Public", "", event -> {
            inSink.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // a scrobble target that does not answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add(event);
        });
        try {
            WebSocket ws = server.awaitConnection();
            assertEquals(MediaBrowserWatcher.SESSIONS_START, server.awaitReceived());
            ws.send(snapshot(movieSession("s1", 10 * MINUTE_TICKS, false)));
            assertTrue(inSink.await(10, TimeUnit.SECONDS), "the play reached the sink, which holds the handler");

            ws.send("{\"MessageType\":\"ForceKeepAlive\",\"Data\":60}");
            assertEquals(MediaBrowserWatcher.KEEP_ALIVE, server.awaitReceived(), "answered while the handler is stuck");
            assertTrue(events.isEmpty(), "the sink is still stuck");
        } finally {
            release.countDown();
        }
        assertEquals(Kind.PLAY, next().kind());
    }

    @Test
    void embyUsesItsSocketPathAndSessionsStopWhenTheConnectionComesBackWithoutThem() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            connect(ServerFlavor.EMBY, "/embywebsocket", "/emby/System/Info/Public", "/emby");
            WebSocket ws = server.awaitConnection();
            assertEquals(MediaBrowserWatcher.SESSIONS_START, server.awaitReceived());
            assertEquals(API_KEY, server.upgrades().get(0).getUrl().queryParameter("api_key"));
            ws.send(snapshot(movieSession("s1", 85 * MINUTE_TICKS, false)));
            ScrobbleEvent play = next();
            assertEquals(Kind.PLAY, play.kind());
            assertEquals("emby", play.source());
            assertEquals("m1", play.item().ids().get(MediaIds.EMBY).orElseThrow());
            time.advance(Duration.ofSeconds(31)); // healthy

            // the server restarts; the play ended meanwhile: the first snapshot after reconnecting no longer has it
            ws.close(1001, "restart");
            int i = 0;
            while (!time.awaitSleep(i).equals(Duration.ofSeconds(1))) {
                i++; // tick sleeps
            }
            time.advance(Duration.ofSeconds(1));
            WebSocket again = server.awaitConnection();
            assertEquals(MediaBrowserWatcher.SESSIONS_START, server.awaitReceived(), "asks again after reconnecting");
            again.send(snapshot());
            ScrobbleEvent stop = next();
            assertEquals(Kind.STOP, stop.kind());
            assertEquals(85.0, stop.progress(), 0.001);
            assertEquals(2, server.upgrades().size());
            SecretScanner secrets = new SecretScanner().add("accessToken", API_KEY);
            logs.lines().forEach(l -> secrets.assertNotIn("log line", l));
        }
    }

    @Test
    void onlySnapshotsThatChangeNoItemOrPauseFlagMayBeDroppedWhenTheHandlerFallsBehind() {
        MediaBrowserWatcher w = new MediaBrowserWatcher(ServerFlavor.JELLYFIN, null, null, events::add);
        assertFalse(w.isPeriodic(snapshot(movieSession("s1", 1000, false))), "a play");
        assertTrue(w.isPeriodic(snapshot(movieSession("s1", 2000, false))), "only the position moved");
        assertFalse(w.isPeriodic(snapshot(movieSession("s1", 2000, true))), "a pause");
        assertFalse(w.isPeriodic(snapshot(movieSession("s1", 2000, false))), "a resume");
        assertFalse(w.isPeriodic(snapshot(idle("s1"))), "a stop");
        assertTrue(w.isPeriodic(snapshot(idle("s1"))));
        assertFalse(w.isPeriodic("{\"MessageType\":\"ForceKeepAlive\",\"Data\":60}"), "keepalives are answered");
        assertFalse(w.isPeriodic("not json"));
    }
}
