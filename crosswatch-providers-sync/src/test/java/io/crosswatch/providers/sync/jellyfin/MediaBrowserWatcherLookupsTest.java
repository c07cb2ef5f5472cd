package io.crosswatch.providers.sync.jellyfin;

import static io.crosswatch.providers.sync.jellyfin.MediaBrowserWatcherTest.API_KEY;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserWatcherTest.MINUTE_TICKS;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserWatcherTest.NO_JITTER;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserWatcherTest.episodeSession;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserWatcherTest.idle;
import static io.crosswatch.providers.sync.jellyfin.MediaBrowserWatcherTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleEvent.Kind;
import io.crosswatch.api.scrobble.ScrobbleOutcome;
import io.crosswatch.api.scrobble.ScrobbleTarget;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.http.ReconnectingWebSocket;
import io.crosswatch.core.scrobble.ScrobbleManager;
import io.crosswatch.core.scrobble.ScrobbleResult;
import io.crosswatch.core.scrobble.ScrobbleSettings;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.providers.sync.scrobble.LogCapture;
import io.crosswatch.providers.sync.scrobble.LoopbackMediaServer;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.SteppedTime;
import io.crosswatch.testkit.TestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.RecordedRequest;
import okhttp3.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the session watchers ask the server about a newly started item: its library ({@code
 * /Items/{id}/Ancestors}, the nearest {@code CollectionFolder}) and an episode's series ids,
 * once per item or series; the {@code scrobble.libraries} filter then admitting the right
 * library; a failed lookup leaving the event without a library instead of dropping it.
 */
class MediaBrowserWatcherLookupsTest {

    static final String MOVIES = "[{\"Name\":\"Matrix Collection\",\"Id\":\"b0\",\"Type\":\"Folder\"},"
            + "{\"Name\":\"Movies\",\"Id\":\"f137\",\"Type\":\"CollectionFolder\",\"CollectionType\":\"movies\"},"
            + "{\"Name\":\"root\",\"Id\":\"r0\",\"Type\":\"AggregateFolder\"}]";
    static final String SHOWS = "[{\"Name\":\"Season 1\",\"Id\":\"se1\",\"Type\":\"Season\"},"
            + "{\"Name\":\"Breaking Bad\",\"Id\":\"s1\",\"Type\":\"Series\"},"
            + "{\"Name\":\"TV Shows\",\"Id\":\"f200\",\"Type\":\"CollectionFolder\",\"CollectionType\":\"tvshows\"},"
            + "{\"Name\":\"root\",\"Id\":\"r0\",\"Type\":\"AggregateFolder\"}]";
    static final String SERIES = "{\"Items\":[{\"Id\":\"s1\",\"Type\":\"Series\",\"Name\":\"Breaking Bad\","
            + "\"ProviderIds\":{\"Tvdb\":\"81189\",\"Imdb\":\"tt0903747\",\"Tmdb\":\"1396\"}}],\"TotalRecordCount\":1}";

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

    WebSocket connect(ServerFlavor flavor, String socketPath, String prefix, String version, Consumer<ScrobbleEvent> sink)
            throws InterruptedException {
        server = new LoopbackMediaServer(socketPath);
        server.json(prefix + "/System/Info/Public", "{\"ServerName\":\"Jelly\",\"Version\":\"" + version + "\",\"Id\":\"f0e1\"}");
        ProviderConfig cfg = ProviderConfig.of(flavor.provider(), ProviderConfig.DEFAULT_INSTANCE, Map.of(
                "baseUrl", server.url() + prefix, "accessToken", API_KEY, "userId", "5d1b2c3a4e5f60718293a4b5c6d7e8f9",
                "deviceId", "crosswatch-device-1"));
        watcher = MediaBrowserWatcher.connect(flavor, TestContext.of(cfg, time), sink, NO_JITTER);
        WebSocket ws = server.awaitConnection();
        assertEquals(MediaBrowserWatcher.SESSIONS_START, server.awaitReceived());
        return ws;
    }

    static String movie(String sessionId, String itemId, String tmdb) {
        return "{\"Id\":\"" + sessionId + "\",\"UserId\":\"5d1b\",\"UserName\":\"alice\",\"DeviceName\":\"TV\","
                + "\"NowPlayingItem\":{\"Id\":\"" + itemId + "\",\"Type\":\"Movie\",\"Name\":\"Movie " + tmdb + "\","
                + "\"ProductionYear\":2001,\"ProviderIds\":{\"Tmdb\":\"" + tmdb + "\"},\"RunTimeTicks\":" + (100 * MINUTE_TICKS) + "},"
                + "\"PlayState\":{\"PositionTicks\":" + (10 * MINUTE_TICKS) + ",\"IsPaused\":false}}";
    }

    ScrobbleEvent next() throws InterruptedException {
        ScrobbleEvent e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event");
        return e;
    }

    @Test
    void eventsNameTheLibraryAndEpisodesCarryShowIdsAskingOncePerItemAndSeries() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            WebSocket ws = connect(ServerFlavor.JELLYFIN, "/socket", "", "10.10.7", events::add);
            server.json("/Items/m1/Ancestors", MOVIES).json("/Items/e1/Ancestors", SHOWS).json("/Items/e2/Ancestors", SHOWS)
                    .json("/Items", SERIES);

            ws.send(snapshot(movie("s1", "m1", "603"), episodeSession("s2", 5 * MINUTE_TICKS)));
            ScrobbleEvent play = next();
            assertEquals(Kind.PLAY, play.kind());
            assertEquals("Movies", play.library(), "the nearest CollectionFolder, not the folder inside it");
            assertEquals("Jelly", play.server());
            ScrobbleEvent episode = next();
            assertEquals(MediaType.EPISODE, episode.item().type());
            assertEquals("TV Shows", episode.library());
            MediaIds show = episode.item().showIds();
            assertEquals("81189", show.tvdb().orElseThrow());
            assertEquals("1396", show.tmdb().orElseThrow());
            assertEquals("tt0903747", show.imdb().orElseThrow());
            assertEquals("349232", episode.item().ids().tvdb().orElseThrow(), "the episode keeps its own ids");
            assertEquals(1, episode.item().season().orElseThrow());
            assertEquals(3, episode.item().episode().orElseThrow());

            // progress snapshots ask nothing; the stop keeps what the play resolved
            ws.send(snapshot(movie("s1", "m1", "603"), episodeSession("s2", 6 * MINUTE_TICKS)));
            ws.send(snapshot(idle("s1"), episodeSession("s2", 7 * MINUTE_TICKS)));
            ScrobbleEvent stop = next();
            assertEquals(Kind.STOP, stop.kind());
            assertEquals("Movies", stop.library());
            // the same movie again elsewhere, the next episode of the same series: cache hits
            ws.send(snapshot(movie("s3", "m1", "603"), episodeSession("s2", "e2", 4, 0)));
            ScrobbleEvent stopE1 = next();
            assertEquals(Kind.STOP, stopE1.kind());
            assertEquals("TV Shows", stopE1.library());
            ScrobbleEvent again = next();
            assertEquals(Kind.PLAY, again.kind());
            assertEquals("Movies", again.library());
            ScrobbleEvent e2 = next();
            assertEquals(4, e2.item().episode().orElseThrow());
            assertEquals("TV Shows", e2.library());
            assertEquals("1396", e2.item().showIds().tmdb().orElseThrow());
            assertTrue(events.isEmpty());

            assertEquals(1, server.count("/Items/m1/Ancestors"), "one ancestors call per item");
            assertEquals(1, server.count("/Items/e1/Ancestors"));
            assertEquals(1, server.count("/Items/e2/Ancestors"));
            assertEquals(1, server.count("/Items"), "one series call per series");
            assertEquals(1, server.count("/System/Info/Public"));

            RecordedRequest ancestors = server.requests("/Items/m1/Ancestors").get(0);
            assertEquals("5d1b", ancestors.getUrl().queryParameter("userId"), "the session's user");
            String auth = ancestors.getHeaders().get("Authorization");
            assertNotNull(auth);
            assertTrue(auth.startsWith("MediaBrowser ") && auth.contains("Token=\"" + API_KEY + "\""), "as the connector sends it");
            RecordedRequest series = server.requests("/Items").get(0);
            assertEquals("s1", series.getUrl().queryParameter("Ids"));
            assertEquals("ProviderIds", series.getUrl().queryParameter("Fields"));
            assertEquals("7a", series.getUrl().queryParameter("userId"), "Jellyfin 10.9+: the user-less route names the user");

            SecretScanner secrets = new SecretScanner().add("accessToken", API_KEY);
            logs.lines().forEach(l -> secrets.assertNotIn("log line", l));
        }
    }

    @Test
    void embyAsksUnderItsPrefixWithTheLegacyItemsRoute() throws Exception {
        WebSocket ws = connect(ServerFlavor.EMBY, "/embywebsocket", "/emby", "4.8.10.0", events::add);
        server.json("/emby/Items/e1/Ancestors", SHOWS).json("/emby/Users/7a/Items", SERIES);
        ws.send(snapshot(episodeSession("s2", 5 * MINUTE_TICKS)));
        ScrobbleEvent episode = next();
        assertEquals("TV Shows", episode.library());
        assertEquals("81189", episode.item().showIds().tvdb().orElseThrow());
        assertEquals("7a", server.requests("/emby/Items/e1/Ancestors").get(0).getUrl().queryParameter("UserId"));
        RecordedRequest series = server.requests("/emby/Users/7a/Items").get(0);
        assertEquals("s1", series.getUrl().queryParameter("Ids"));
        assertEquals(API_KEY, series.getHeaders().get("X-Emby-Token"));
        assertEquals(1, server.count("/emby/Items/e1/Ancestors"));
        assertEquals(1, server.count("/emby/Users/7a/Items"));
    }

    @Test
    void theLibraryFilterAdmitsTheRightLibraryDropsOthersAndKeepsPlaysWhoseLookupFailed() throws Exception {
        RecordingTarget target = new RecordingTarget();
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).register(target).clock(time.clock())
                .sleeper(time.sleeper()).build();
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(new InMemoryStateStore())
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("recorder")).libraries(Set.of("movies")).build())
                .build();
        BlockingQueue<List<ScrobbleResult>> results = new LinkedBlockingQueue<>();
        try (LogCapture logs = new LogCapture()) {
            WebSocket ws = connect(ServerFlavor.JELLYFIN, "/socket", "", "10.10.7", e -> {
                events.add(e);
                results.add(manager.onEvent(e));
            });
            server.json("/Items/m1/Ancestors", MOVIES).json("/Items/e1/Ancestors", SHOWS).json("/Items", SERIES);
            server.status("/Items/m2/Ancestors", 403); // this user may not read the item's parents

            ws.send(snapshot(movie("s1", "m1", "603"), episodeSession("s2", 5 * MINUTE_TICKS), movie("s3", "m2", "604")));
            assertEquals(ScrobbleResult.Status.SENT, status(results), "Movies is admitted");
            assertEquals(ScrobbleResult.Status.FILTERED, status(results), "TV Shows is not");
            assertEquals(ScrobbleResult.Status.SENT, status(results), "an unknown library passes");
            assertEquals("Movies", next().library());
            assertEquals("TV Shows", next().library());
            ScrobbleEvent failed = next();
            assertNull(failed.library(), "the failed lookup left the library out, not the event");
            assertEquals("604", failed.item().ids().tmdb().orElseThrow());
            assertEquals(List.of("start 603", "start 604"), target.calls);
            assertEquals(1, server.count("/Items/m2/Ancestors"));

            // a failure is not kept: the next start of the item asks again
            server.json("/Items/m2/Ancestors", MOVIES);
            ws.send(snapshot(movie("s1", "m1", "603"), episodeSession("s2", 5 * MINUTE_TICKS), idle("s3")));
            assertEquals(Kind.STOP, next().kind());
            ws.send(snapshot(movie("s1", "m1", "603"), episodeSession("s2", 5 * MINUTE_TICKS), movie("s3", "m2", "604")));
            ScrobbleEvent replay = next();
            assertEquals(Kind.PLAY, replay.kind());
            assertEquals("Movies", replay.library(), "asked again and answered");
            assertEquals(2, server.count("/Items/m2/Ancestors"));
            assertEquals(1, server.count("/Items/m1/Ancestors"));
            String text = String.join("\n", logs.lines());
            assertTrue(text.contains("library of item m2 is unknown"), text);
            assertEquals(1, text.split("names no library", -1).length - 1, "warned once: " + text);
            SecretScanner secrets = new SecretScanner().add("accessToken", API_KEY);
            logs.lines().forEach(l -> secrets.assertNotIn("log line", l));
        }
    }

    static ScrobbleResult.Status status(BlockingQueue<List<ScrobbleResult>> results) throws InterruptedException {
        List<ScrobbleResult> r = results.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "no result");
        assertEquals(1, r.size(), r.toString());
        return r.get(0).status();
    }

    /** A scrobble target that records each call as "action tmdb". */
    static final class RecordingTarget implements ScrobbleTarget {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        private ScrobbleOutcome record(String action, MediaItem item, ScrobbleOutcome.Status status) {
            calls.add(action + " " + item.ids().tmdb().orElse("?"));
            return ScrobbleOutcome.of(status);
        }

        @Override
        public ScrobbleOutcome start(ProviderContext context, MediaItem item, double percent) {
            return record("start", item, ScrobbleOutcome.Status.ACCEPTED);
        }

        @Override
        public ScrobbleOutcome pause(ProviderContext context, MediaItem item, double percent) {
            return record("pause", item, ScrobbleOutcome.Status.ACCEPTED);
        }

        @Override
        public ScrobbleOutcome stop(ProviderContext context, MediaItem item, double percent) {
            return record("stop", item, ScrobbleOutcome.Status.WATCHED);
        }
    }
}
