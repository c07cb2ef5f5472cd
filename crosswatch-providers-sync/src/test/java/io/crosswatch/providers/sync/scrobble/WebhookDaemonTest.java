package io.crosswatch.providers.sync.scrobble;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.Secret;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.scrobble.Daemon;
import io.crosswatch.core.scrobble.DaemonSettings;
import io.crosswatch.core.scrobble.ScrobbleManager;
import io.crosswatch.core.scrobble.ScrobbleSettings;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.providers.sync.jellyfin.JellyfinWebhookSource;
import io.crosswatch.providers.sync.plex.PlexWebhookSource;
import io.crosswatch.providers.sync.trakt.TraktScrobbleTarget;
import io.crosswatch.testkit.VirtualTime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded-shape webhooks posted to the daemon's loopback endpoint, scrobbled to a WireMock
 * Trakt: auth, limits, malformed payloads, the Plex double stop, 409, outage and queue.
 */
class WebhookDaemonTest {

    static final String SECRET = "s3cret-0123456789-abcdef";
    static final String TOKEN = "trakt-access-token-0123456789";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    final VirtualTime time = VirtualTime.create();
    final OkHttpClient http = new OkHttpClient();
    SqliteStateStore store;
    ScrobbleManager manager;
    Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"providers\":{\"trakt\":{\"clientId\":\"client-id-1\",\"accessToken\":\"" + TOKEN
                + "\",\"baseUrl\":\"" + wm.baseUrl() + "\"}}}");
        HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(cfg))
                .clock(time.clock()).sleeper(time.sleeper())
                .register(new TraktScrobbleTarget(toolkit)).register(new PlexWebhookSource()).register(new JellyfinWebhookSource())
                .build();
        store = SqliteStateStore.open(dir.resolve("state.db"));
        manager = ScrobbleManager.builder().platform(platform).store(store)
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).users(java.util.Set.of("alice")).build())
                .build();
        daemon = Daemon.builder().platform(platform).manager(manager)
                .settings(new DaemonSettings("127.0.0.1", 0, new Secret(SECRET), 4096, Map.of(), List.of()))
                .build().startEndpoint();
        wm.stubFor(post(urlEqualTo("/scrobble/start")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":0,\"action\":\"start\",\"progress\":1.0}")));
        wm.stubFor(post(urlEqualTo("/scrobble/pause")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":0,\"action\":\"pause\",\"progress\":40.0}")));
        wm.stubFor(post(urlEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":3373536623,\"action\":\"scrobble\",\"progress\":92.0}")));
    }

    @AfterEach
    void stop() {
        daemon.close();
        store.close();
    }

    static String plexPayload(String event, long viewOffset, String user) {
        return "{\"event\":\"" + event + "\",\"user\":true,\"owner\":true,"
                + "\"Account\":{\"id\":1,\"thumb\":\"https://plex.tv/users/x/avatar\",\"title\":\"" + user + "\"},"
                + "\"Server\":{\"title\":\"Home\",\"uuid\":\"54664a3d8acc39983675640ec9ce00b70af9cc36\"},"
                + "\"Player\":{\"local\":true,\"publicAddress\":\"200.200.200.200\",\"title\":\"Plex Web (Safari)\",\"uuid\":\"r6yfkdnfggbh2bdnvkffwbms\"},"
                + "\"Metadata\":{\"librarySectionType\":\"movie\",\"ratingKey\":\"1936\",\"key\":\"/library/metadata/1936\","
                + "\"guid\":\"plex://movie/5d776b59ad5437001f79c6f8\",\"librarySectionTitle\":\"Movies\",\"librarySectionID\":1,"
                + "\"type\":\"movie\",\"title\":\"Tron: Legacy\",\"year\":2010,\"viewOffset\":" + viewOffset + ",\"duration\":7500000,"
                + "\"Guid\":[{\"id\":\"imdb://tt1104001\"},{\"id\":\"tmdb://20526\"},{\"id\":\"tvdb://233\"}]}}";
    }

    static byte[] multipart(String boundary, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"payload\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + payload + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"thumb\"; filename=\"thumb.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x2D, 0x2D, 0x00, (byte) 0xFF, (byte) 0xD9}); // binary, with "--"
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    Response postPlex(String path, String event, long offset, String user) throws Exception {
        String boundary = "------------------------a1b2c3d4e5f6";
        return send(path, "multipart/form-data; boundary=" + boundary, multipart(boundary, plexPayload(event, offset, user)), SECRET);
    }

    Response send(String path, String type, byte[] body, String secretHeader) throws Exception {
        Request.Builder r = new Request.Builder().url("http://127.0.0.1:" + daemon.port() + path)
                .post(RequestBody.create(body, MediaType.parse(type)));
        if (secretHeader != null) {
            r.header(Daemon.SECRET_HEADER, secretHeader);
        }
        return http.newCall(r.build()).execute();
    }

    @Test
    void plexWebhooksScrobbleToTraktOncePerPlay() throws Exception {
        try (Response r = postPlex("/webhook/plex", "media.play", 75000, "alice")) {
            assertEquals(200, r.code());
            assertTrue(r.body().string().contains("\"SENT\""));
        }
        // media.scrobble at 90 %, then media.stop: one watched play on Trakt
        try (Response r = postPlex("/webhook/plex", "media.scrobble", 6800000, "alice")) {
            assertTrue(r.body().string().contains("\"RECORDED\""));
        }
        time.advance(Duration.ofMinutes(2));
        try (Response r = postPlex("/webhook/plex", "media.stop", 7400000, "alice")) {
            assertTrue(r.body().string().contains("\"ALREADY_PRESENT\""));
        }
        // another user's playback is filtered
        try (Response r = postPlex("/webhook/plex", "media.play", 0, "bob")) {
            assertTrue(r.body().string().contains("\"FILTERED\""));
        }
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/start")));
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/stop"))
                .withHeader("trakt-api-version", equalTo("2"))
                .withHeader("trakt-api-key", equalTo("client-id-1"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"movie\":{\"title\":\"Tron: Legacy\",\"year\":2010,"
                        + "\"ids\":{\"imdb\":\"tt1104001\",\"tmdb\":20526}},\"progress\":90.67}")));
        assertEquals(2, wm.getAllServeEvents().size());
        assertEquals(1, store.recordedPlays("trakt").size());
    }

    @Test
    void jellyfinStopPlayedToCompletionScrobblesTheEpisode() throws Exception {
        String payload = "{\"ServerId\":\"a1b2\",\"ServerName\":\"Jelly\",\"ServerVersion\":\"10.9.11\","
                + "\"NotificationType\":\"PlaybackStop\",\"Timestamp\":\"2026-01-01T01:00:00.0000000+01:00\","
                + "\"UtcTimestamp\":\"2026-01-01T00:00:00.0000000Z\",\"Name\":\"Pilot\",\"ItemId\":\"c0ffee\","
                + "\"ItemType\":\"Episode\",\"Year\":2008,\"SeriesName\":\"Breaking Bad\",\"SeasonNumber\":1,"
                + "\"SeasonNumber00\":\"01\",\"EpisodeNumber\":1,\"EpisodeNumber00\":\"01\",\"Provider_imdb\":\"tt0959621\","
                + "\"Provider_tvdb\":\"349232\",\"Provider_tmdb\":\"62085\",\"RunTimeTicks\":34800000000,"
                + "\"PlaybackPositionTicks\":0,\"PlayedToCompletion\":true,\"IsPaused\":false,"
                + "\"NotificationUsername\":\"alice\",\"UserId\":\"u1\",\"ClientName\":\"Jellyfin Web\"}";
        try (Response r = send("/webhook/jellyfin", "application/json", payload.getBytes(StandardCharsets.UTF_8), SECRET)) {
            assertEquals(200, r.code());
            assertTrue(r.body().string().contains("\"RECORDED\""));
        }
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/stop")).withRequestBody(equalToJson(
                "{\"episode\":{\"ids\":{\"imdb\":\"tt0959621\",\"tvdb\":349232,\"tmdb\":62085}},\"progress\":100.0}")));
        // a progress report is no call; a paused one is a pause
        String progress = payload.replace("PlaybackStop", "PlaybackProgress").replace("\"PlaybackPositionTicks\":0",
                "\"PlaybackPositionTicks\":13920000000").replace("\"IsPaused\":false", "\"IsPaused\":true");
        try (Response r = send("/webhook/jellyfin", "application/json", progress.getBytes(StandardCharsets.UTF_8), SECRET)) {
            assertEquals(200, r.code());
        }
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/scrobble/pause")).withRequestBody(equalToJson(
                "{\"episode\":{\"ids\":{\"imdb\":\"tt0959621\",\"tvdb\":349232,\"tmdb\":62085}},\"progress\":40.0}")));
    }

    @Test
    void theEndpointRefusesMissingAndWrongSecretsOversizeAndMalformedBodies() throws Exception {
        byte[] json = "{\"NotificationType\":\"PlaybackStart\"}".getBytes(StandardCharsets.UTF_8);
        try (Response r = send("/webhook/jellyfin", "application/json", json, null)) {
            assertEquals(401, r.code());
        }
        try (Response r = send("/webhook/jellyfin", "application/json", json, "s3cret-0123456789-abcdeX")) {
            assertEquals(403, r.code());
        }
        try (Response r = send("/webhook/jellyfin/wrong", "application/json", json, null)) {
            assertEquals(403, r.code());
        }
        try (Response r = send("/webhook/jellyfin/" + SECRET, "application/json", json, null)) {
            assertEquals(200, r.code(), "the secret may be in the path (Plex cannot send headers)");
        }
        try (Response r = send("/webhook/emby", "application/json", json, SECRET)) {
            assertEquals(404, r.code());
        }
        try (Response r = send("/webhook/jellyfin", "application/json", new byte[5000], SECRET)) {
            assertEquals(413, r.code());
        }
        try (Response r = send("/webhook/jellyfin", "application/json", "{not json".getBytes(StandardCharsets.UTF_8), SECRET)) {
            assertEquals(400, r.code());
            assertFalse(r.body().string().contains(SECRET));
        }
        try (Response r = send("/webhook/plex", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n{}\r\n--xyz--\r\n".getBytes(StandardCharsets.UTF_8),
                SECRET)) {
            assertEquals(400, r.code(), "no payload part");
        }
        try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + daemon.port() + "/health").build()).execute()) {
            assertEquals(200, r.code());
            assertEquals("{\"status\":\"ok\",\"queued\":0}", r.body().string());
        }
        assertEquals(0, wm.getAllServeEvents().size(), "nothing reached Trakt");
    }

    @Test
    void a409IsARecordedPlayAndAnOutageQueuesUntilTheTargetIsBack() throws Exception {
        wm.stubFor(post(urlEqualTo("/scrobble/stop")).willReturn(aResponse().withStatus(409)
                .withBody("{\"watched_at\":\"2026-01-01T00:00:00.000Z\",\"expires_at\":\"2026-01-01T01:00:00.000Z\"}")));
        try (Response r = postPlex("/webhook/plex", "media.scrobble", 6800000, "alice")) {
            assertTrue(r.body().string().contains("\"RECORDED\""));
        }
        assertEquals(1, store.recordedPlays("trakt").size());

        wm.stubFor(post(urlEqualTo("/scrobble/pause")).willReturn(aResponse().withStatus(503)));
        time.advance(Duration.ofHours(2));
        try (Response r = postPlex("/webhook/plex", "media.pause", 3000000, "alice")) {
            assertTrue(r.body().string().contains("\"QUEUED\""));
        }
        assertEquals(1, manager.queuedCount());
        int calls = wm.getAllServeEvents().size();
        wm.stubFor(post(urlEqualTo("/scrobble/pause")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":0,\"action\":\"pause\",\"progress\":40.0}")));
        time.advance(Duration.ofMinutes(5));
        daemon.tick();
        assertEquals(0, manager.queuedCount());
        assertEquals(calls + 1, wm.getAllServeEvents().size(), "one delivery after the outage");
    }
}
