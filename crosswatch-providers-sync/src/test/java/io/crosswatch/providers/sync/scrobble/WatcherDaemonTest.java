package io.crosswatch.providers.sync.scrobble;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.api.Secret;
import io.crosswatch.api.Sleeper;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.http.ConnectionStatus;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.scrobble.Daemon;
import io.crosswatch.core.scrobble.DaemonSettings;
import io.crosswatch.core.scrobble.ScrobbleManager;
import io.crosswatch.core.scrobble.ScrobbleSettings;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.providers.sync.plex.PlexWebhookSource;
import io.crosswatch.providers.sync.trakt.TraktScrobbleTarget;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.SteppedTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code daemon.listen: ["plex"]} opens the Plex notification websocket of a
 * loopback server, and its notifications go through the {@link ScrobbleManager} (user filter,
 * threshold) to a WireMock Trakt: exactly one {@code /scrobble/stop} per real play, whether the
 * play ends with a (repeated) {@code stopped} or by going silent; {@code /health} shows the
 * watcher connected.
 */
@Timeout(60)
class WatcherDaemonTest {

    static final String SECRET = "s3cret-0123456789-abcdef";
    static final String TRAKT_TOKEN = "trakt-access-token-0123456789";
    static final String PLEX_TOKEN = "plex-server-token-e2e-9x8y7z";
    static final BlockingQueue<String> traktCalls = new LinkedBlockingQueue<>();

    /** Hands each Trakt call to the test as it completes, so the test waits for it without sleeping. */
    static final ServeEventListener RECORD = new ServeEventListener() {
        @Override
        public String getName() {
            return "record-trakt-calls";
        }

        @Override
        public void afterComplete(ServeEvent event, Parameters parameters) {
            traktCalls.add(event.getRequest().getUrl());
        }
    };

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().extensions(RECORD)).build();

    @TempDir
    Path dir;

    final SteppedTime time = SteppedTime.create();
    LoopbackMediaServer plex;
    SqliteStateStore store;
    Daemon daemon;

    static final String MOVIE = "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"5123\",\"key\":\"/library/metadata/5123\","
            + "\"guid\":\"plex://movie/5d7768ba96b655001fdc0408\",\"type\":\"movie\",\"title\":\"The Matrix\",\"year\":1999,"
            + "\"duration\":8160000,\"librarySectionTitle\":\"Movies\",\"librarySectionID\":1,"
            + "\"Guid\":[{\"id\":\"imdb://tt0133093\"},{\"id\":\"tmdb://603\"}]}]}}";
    static final String EPISODE = "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"7001\","
            + "\"key\":\"/library/metadata/7001\",\"guid\":\"plex://episode/5d9c1275e9d5a1001f4e2a10\",\"type\":\"episode\","
            + "\"title\":\"Pilot\",\"grandparentTitle\":\"Breaking Bad\",\"grandparentRatingKey\":\"7000\",\"parentIndex\":1,"
            + "\"index\":1,\"duration\":3480000,\"librarySectionTitle\":\"TV Shows\","
            + "\"Guid\":[{\"id\":\"imdb://tt0959621\"},{\"id\":\"tvdb://349232\"}]}]}}";

    static String row(String sessionKey, String ratingKey, String user) {
        return "{\"sessionKey\":\"" + sessionKey + "\",\"ratingKey\":\"" + ratingKey + "\",\"User\":{\"id\":\"1\",\"title\":\""
                + user + "\"}}";
    }

    static String playing(String sessionKey, String ratingKey, String state, long viewOffset) {
        return "{\"NotificationContainer\":{\"type\":\"playing\",\"size\":1,\"PlaySessionStateNotification\":[{\"sessionKey\":\""
                + sessionKey + "\",\"clientIdentifier\":\"abc\",\"guid\":\"\",\"ratingKey\":\"" + ratingKey + "\",\"key\":"
                + "\"/library/metadata/" + ratingKey + "\",\"url\":\"\",\"viewOffset\":" + viewOffset
                + ",\"playQueueItemID\":77,\"state\":\"" + state + "\"}]}}";
    }

    @BeforeEach
    void start() throws Exception {
        traktCalls.clear();
        plex = new LoopbackMediaServer("/:/websockets/notifications");
        plex.json("/", "{\"MediaContainer\":{\"friendlyName\":\"Home\"}}");
        plex.json("/library/metadata/5123", MOVIE);
        plex.json("/library/metadata/7001", EPISODE);
        plex.json("/status/sessions", "{\"MediaContainer\":{\"size\":3,\"Metadata\":[" + row("12", "5123", "alice") + ","
                + row("13", "7001", "alice") + "," + row("14", "5123", "bob") + "]}}");
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"providers\":{"
                + "\"trakt\":{\"clientId\":\"client-id-1\",\"accessToken\":\"" + TRAKT_TOKEN + "\",\"baseUrl\":\"" + wm.baseUrl() + "\"},"
                + "\"plex\":{\"serverUrl\":\"" + plex.url() + "\",\"serverToken\":\"" + PLEX_TOKEN + "\","
                + "\"clientIdentifier\":\"5b0e1c1e-test-client-id\"}}}");
        // The watcher's own thread waits where the test says (stepped time); any other wait (Trakt's
        // rate limiter, on the thread delivering an event) passes at once by moving the same clock.
        Sleeper sleeper = d -> {
            if (Thread.currentThread().getName().startsWith("crosswatch-ws-")) {
                time.sleeper().sleep(d);
            } else {
                time.advance(d.isNegative() ? Duration.ZERO : d);
            }
        };
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(sleeper).build();
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(cfg))
                .clock(time.clock()).sleeper(sleeper)
                .register(new TraktScrobbleTarget(toolkit)).register(new PlexWebhookSource())
                .build();
        store = SqliteStateStore.open(dir.resolve("state.db"));
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(store)
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).users(Set.of("alice")).build())
                .build();
        daemon = Daemon.builder().platform(platform).manager(manager)
                .settings(new DaemonSettings("127.0.0.1", 0, new Secret(SECRET), 4096, Map.of(), List.of("plex")))
                .build().startEndpoint();
        wm.stubFor(post(urlEqualTo("/scrobble/start")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":0,\"action\":\"start\",\"progress\":1.0}")));
        wm.stubFor(post(urlEqualTo("/scrobble/pause")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":0,\"action\":\"pause\",\"progress\":40.0}")));
        wm.stubFor(post(urlEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":3373536623,\"action\":\"scrobble\",\"progress\":95.0}")));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        store.close();
        plex.close();
    }

    String nextTraktCall() throws InterruptedException {
        String url = traktCalls.poll(10, TimeUnit.SECONDS);
        assertNotNull(url, "no Trakt call");
        return url;
    }

    JsonNode health() throws Exception {
        OkHttpClient http = new OkHttpClient();
        try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + daemon.port() + "/health").build()).execute()) {
            assertEquals(200, r.code());
            return new ObjectMapper().readTree(r.body().string());
        }
    }

    @Test
    void eachRealPlayReachesTraktAsExactlyOneStop() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            WebSocket ws = plex.awaitConnection();

            // bob's play on the same server is filtered out by scrobble.users: no Trakt call at all
            ws.send(playing("14", "5123", "playing", 100000));
            ws.send(playing("14", "5123", "stopped", 8000000));

            // alice watches the movie: play, Plex's repeats, a pause, resume, a stop past the threshold, a repeated stop
            ws.send(playing("12", "5123", "playing", 816000));
            assertEquals("/scrobble/start", nextTraktCall());
            JsonNode watcher = health().path("watchers").path(0); // connected for sure: a message went through
            assertEquals("plex", watcher.path("source").asText());
            assertEquals(ConnectionStatus.State.CONNECTED.name(), watcher.path("state").asText(), watcher.toString());
            ws.send(playing("12", "5123", "playing", 826000));
            ws.send(playing("12", "5123", "playing", 836000));
            ws.send(playing("12", "5123", "paused", 3264000));
            assertEquals("/scrobble/pause", nextTraktCall());
            ws.send(playing("12", "5123", "playing", 3264000));
            assertEquals("/scrobble/start", nextTraktCall());
            ws.send(playing("12", "5123", "stopped", 7752000));
            ws.send(playing("12", "5123", "stopped", 7752000));
            assertEquals("/scrobble/stop", nextTraktCall());

            // then an episode that goes silent at 92 %: stopped by the timeout. The fake has no metadata
            // for its show (7000): the episode's own guids still name it, so the play is not lost
            ws.send(playing("13", "7001", "playing", 3201600));
            assertEquals("/scrobble/start", nextTraktCall());
            time.advance(Duration.ofMinutes(5));
            assertEquals("/scrobble/stop", nextTraktCall());
            assertEquals(null, traktCalls.poll(300, TimeUnit.MILLISECONDS), "nothing else reaches Trakt");

            wm.verify(exactly(2), postRequestedFor(urlEqualTo("/scrobble/stop")));
            wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/stop")).withRequestBody(containing("tt0133093")));
            wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/stop")).withRequestBody(containing("tt0959621")));
            wm.verify(exactly(3), postRequestedFor(urlEqualTo("/scrobble/start")));
            wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/pause")));
            wm.verify(exactly(6), postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .withHeader("Authorization", equalTo("Bearer " + TRAKT_TOKEN)));
            assertEquals(1, plex.upgrades().size());
            assertEquals(PLEX_TOKEN, plex.upgrades().get(0).getHeaders().get("X-Plex-Token"));
            assertEquals(1, plex.count("/library/metadata/5123"), "metadata cached per rating key");

            SecretScanner secrets = new SecretScanner().add("serverToken", PLEX_TOKEN).add("accessToken", TRAKT_TOKEN)
                    .add("daemon.secret", SECRET);
            logs.lines().forEach(l -> secrets.assertNotIn("log line", l));
            secrets.assertNotIn("/health", health().toString());
        }
        daemon.close();
        assertEquals(ConnectionStatus.State.CLOSED, daemon.watcherStatus().get("plex").state());
        daemon = null;
    }
}
