package io.crosswatch.providers.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleSource;
import io.crosswatch.api.scrobble.WebhookRequest;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.jellyfin.JellyfinWebhookSource;
import io.crosswatch.providers.sync.plex.PlexWebhookSource;
import io.crosswatch.providers.sync.trakt.TraktScrobbleTarget;
import io.crosswatch.testkit.BackendFailure;
import io.crosswatch.testkit.LogCapture;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scrobble pieces with every logger at its most verbose level: Trakt's scrobble target on
 * success and against a hostile Trakt (401/400/503/429 echoing the request, connection reset),
 * and the Plex and Jellyfin webhook sources fed payloads that carry tokens (and malformed ones).
 * No token, refresh token, client secret or API key reaches a log line, an exception, an
 * outcome or an event's {@code toString}.
 */
class ScrobbleVerboseLoggingSecretsTest {

    @RegisterExtension
    static WireMockExtension wm = HostileBackend.server();

    static final String ACCESS = "trakt-scrobble-access-7c1d9e55";
    static final String REFRESH = "trakt-scrobble-refresh-1a2b3c44";
    static final String CLIENT_ID = "trakt-scrobble-client-id-4b2a";
    static final String CLIENT_SECRET = "trakt-scrobble-client-secret-9d8c";
    static final String PLEX_TOKEN = "plex-webhook-token-9f8e7d6c";
    static final String JELLYFIN_KEY = "jellyfin-webhook-apikey-3c4d5e";
    static final Instant NOW = Instant.parse("2026-01-01T20:00:00Z");

    static final MediaItem TRON = MediaItem.builder(MediaType.MOVIE).id("imdb", "tt1104001").id("tmdb", 20526)
            .title("TRON: Legacy").year(2010).build();

    /** What each scenario exposed: values and exceptions, scanned with the logs. */
    private final List<String> seen = new ArrayList<>();

    static Stream<String> traktScenarios() {
        return Stream.concat(Stream.of("success"), Stream.of(BackendFailure.values()).map(Enum::name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traktScenarios")
    void traktScrobbleTargetLeaksNothing(String scenario) {
        if (scenario.equals("success")) {
            wm.resetAll();
            wm.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":1,\"action\":\"start\",\"progress\":10}")));
        } else {
            HostileBackend.stage(wm, BackendFailure.valueOf(scenario));
        }
        // the client id is Trakt's API key (the trakt-api-key header): no log line may show it either
        SecretScanner secrets = new SecretScanner().add("accessToken", ACCESS).add("refreshToken", REFRESH)
                .add("clientSecret", CLIENT_SECRET).add("clientId", CLIENT_ID);
        VirtualTime time = VirtualTime.create();
        ProviderConfig config = ProviderConfig.of("trakt", "default", Map.of("clientId", CLIENT_ID,
                "clientSecret", CLIENT_SECRET, "accessToken", ACCESS, "refreshToken", REFRESH, "baseUrl", wm.baseUrl()));
        TraktScrobbleTarget target = new TraktScrobbleTarget(HttpToolkit.builder().clock(time.clock())
                .sleeper(time.sleeper()).build());
        TestContext ctx = TestContext.of(config, time);
        try (LogCapture logs = LogCapture.everything()) {
            attempt(() -> target.start(ctx, TRON, 10));
            attempt(() -> target.pause(ctx, TRON, 40));
            attempt(() -> target.stop(ctx, TRON, 95));
            attempt(() -> target.recordPlay(ctx, TRON));
            seen.add(target.toString());
            assertTrue(logs.size() > 0, "the toolkit logs every request at DEBUG: the capture sees nothing");
            logs.assertNoSecrets(secrets);
        }
        assertFalse(wm.getAllServeEvents().isEmpty(), "the target never called Trakt");
        secrets.assertNotIn("outcomes, exceptions and toString", String.join("\n", seen));
    }

    @Test
    void webhookSourcesLeakNothing() {
        SecretScanner secrets = new SecretScanner().add("plexToken", PLEX_TOKEN).add("jellyfinApiKey", JELLYFIN_KEY);
        // Payloads as a user's server may send them: Plex thumbs carry the token in their URL,
        // a Jellyfin webhook template may include the API key; malformed ones must not be quoted.
        String plex = "{\"event\":\"media.scrobble\",\"Account\":{\"title\":\"alice\",\"thumb\":"
                + "\"https://plex.tv/users/1/avatar?X-Plex-Token=" + PLEX_TOKEN + "\"},\"Server\":{\"title\":\"Home\"},"
                + "\"Player\":{\"title\":\"TV\",\"token\":\"" + PLEX_TOKEN + "\"},"
                + "\"Metadata\":{\"type\":\"movie\",\"title\":\"TRON: Legacy\",\"year\":2010,"
                + "\"thumb\":\"/library/metadata/1/thumb?X-Plex-Token=" + PLEX_TOKEN + "\","
                + "\"Guid\":[{\"id\":\"imdb://tt1104001\"}],\"viewOffset\":100,\"duration\":1000}}";
        String jellyfin = "{\"NotificationType\":\"PlaybackStop\",\"ApiKey\":\"" + JELLYFIN_KEY + "\","
                + "\"ServerUrl\":\"http://jf:8096/?api_key=" + JELLYFIN_KEY + "\",\"Name\":\"TRON: Legacy\","
                + "\"ItemType\":\"Movie\",\"Year\":2010,\"Provider_imdb\":\"tt1104001\",\"RunTimeTicks\":1000,"
                + "\"PlaybackPositionTicks\":1000,\"PlayedToCompletion\":true,\"NotificationUsername\":\"alice\"}";
        List<Map.Entry<ScrobbleSource, String>> cases = List.of(
                Map.entry(new PlexWebhookSource(), plex),
                Map.entry(new PlexWebhookSource(), "{\"event\":" + PLEX_TOKEN),
                Map.entry(new PlexWebhookSource(), "{\"token\":\"" + PLEX_TOKEN + "\"}"),
                Map.entry(new JellyfinWebhookSource(), jellyfin),
                Map.entry(new JellyfinWebhookSource(), "{\"NotificationType\":" + JELLYFIN_KEY),
                Map.entry(new JellyfinWebhookSource(), "{\"ApiKey\":\"" + JELLYFIN_KEY + "\"}"));
        int events = 0;
        try (LogCapture logs = LogCapture.everything()) {
            for (Map.Entry<ScrobbleSource, String> c : cases) {
                int before = seen.size();
                attempt(() -> c.getKey().parseWebhook(new WebhookRequest("application/json",
                        c.getValue().getBytes(StandardCharsets.UTF_8), NOW)));
                events += seen.size() > before && seen.get(before).contains("ScrobbleEvent") ? 1 : 0;
                seen.add(c.getKey().toString());
            }
            logs.assertNoSecrets(secrets);
        }
        assertTrue(events >= 2, "the well-formed payloads gave no events: " + seen);
        secrets.assertNotIn("events, exceptions and toString", String.join("\n", seen));
    }

    private void attempt(Supplier<?> call) {
        try {
            seen.add(String.valueOf(call.get()));
        } catch (RuntimeException e) {
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            seen.add(w.toString());
        }
    }
}
