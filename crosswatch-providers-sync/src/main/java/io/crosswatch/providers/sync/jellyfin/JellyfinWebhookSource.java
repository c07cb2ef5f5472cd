package io.crosswatch.providers.sync.jellyfin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleSource;
import io.crosswatch.api.scrobble.WebhookRequest;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.sync.Ids;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Jellyfin's webhook plugin (JSON body, default template fields): {@code NotificationType}
 * {@code PlaybackStart} → play, {@code PlaybackProgress} → progress (or pause when {@code
 * IsPaused}), {@code PlaybackStop} → stop; ids from {@code Provider_imdb}/{@code Provider_tmdb}/
 * {@code Provider_tvdb}/…; position from {@code PlaybackPositionTicks} over {@code RunTimeTicks}
 * (1 tick = 100 ns); a stop with {@code PlayedToCompletion} counts as 100 %. The user is {@code
 * NotificationUsername}, the server {@code ServerName}, the event time {@code UtcTimestamp}.
 * {@link #listen} watches the server's session websocket instead (no plugin needed).
 */
public final class JellyfinWebhookSource implements ScrobbleSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICKS_PER_MILLI = 10_000L;

    /** Does no work. */
    public JellyfinWebhookSource() {
        // stateless
    }

    @Override
    public String name() {
        return "jellyfin";
    }

    @Override
    public List<ScrobbleEvent> parseWebhook(WebhookRequest request) {
        JsonNode root;
        try {
            root = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the Jellyfin webhook payload is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("NotificationType").isTextual()) {
            throw new IllegalArgumentException("the Jellyfin webhook payload has no 'NotificationType'");
        }
        boolean paused = root.path("IsPaused").asBoolean(false);
        ScrobbleEvent.Kind kind = switch (root.path("NotificationType").asText()) {
            case "PlaybackStart" -> ScrobbleEvent.Kind.PLAY;
            case "PlaybackProgress" -> paused ? ScrobbleEvent.Kind.PAUSE : ScrobbleEvent.Kind.PROGRESS;
            case "PlaybackStop" -> ScrobbleEvent.Kind.STOP;
            default -> null;
        };
        if (kind == null) {
            return List.of();
        }
        Map<String, String> providerIds = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (e.getKey().startsWith("Provider_") && e.getValue().isValueNode() && !e.getValue().asText().isBlank()) {
                providerIds.put(e.getKey().substring("Provider_".length()), e.getValue().asText());
            }
        });
        String type = root.path("ItemType").asText("");
        MediaItem item;
        switch (type) {
            case "Movie" -> item = MediaItem.builder(MediaType.MOVIE).ids(Ids.fromProviderIds(providerIds))
                    .title(text(root, "Name")).year(number(root, "Year")).build();
            case "Episode" -> item = MediaItem.builder(MediaType.EPISODE).ids(Ids.fromProviderIds(providerIds))
                    .title(text(root, "Name")).showTitle(text(root, "SeriesName"))
                    .season(number(root, "SeasonNumber")).episode(number(root, "EpisodeNumber")).build();
            default -> {
                return List.of();
            }
        }
        long position = longOf(root.path("PlaybackPositionTicks"));
        long runtime = longOf(root.path("RunTimeTicks"));
        double percent = runtime > 0 ? 100.0 * position / runtime : 0;
        if (kind == ScrobbleEvent.Kind.STOP && root.path("PlayedToCompletion").asBoolean(false)) {
            percent = 100; // the server resets the position once an item is played to the end
        }
        Instant at = request.receivedAt();
        String ts = text(root, "UtcTimestamp");
        if (ts != null) {
            try {
                at = Instant.parse(ts.endsWith("Z") || ts.contains("+") ? ts : ts + "Z");
            } catch (java.time.format.DateTimeParseException e) {
                at = request.receivedAt(); // a template with another date format: the receive time is close enough
            }
        }
        String library = text(root, "LibraryName");
        return List.of(new ScrobbleEvent(kind, item, percent, Duration.ofMillis(position / TICKS_PER_MILLI), at, name(),
                text(root, "NotificationUsername"), text(root, "ServerName"), library));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.path(field);
        return n.isValueNode() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static Integer number(JsonNode root, String field) {
        long v = longOf(root.path(field));
        return v < 0 ? null : (int) v;
    }

    private static long longOf(JsonNode n) {
        if (n.isNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Watches the configured Jellyfin server's session websocket (see {@link MediaBrowserWatcher}):
     * {@code baseUrl}, {@code accessToken}/{@code apiKey} and {@code deviceId} from the context's
     * config block, reconnecting with backoff until the handle is closed.
     */
    @Override
    public AutoCloseable listen(ProviderContext context, Consumer<ScrobbleEvent> sink) {
        return MediaBrowserWatcher.connect(ServerFlavor.JELLYFIN, context, sink, HttpToolkit.shared().random());
    }

    @Override
    public String toString() {
        return "JellyfinWebhookSource";
    }
}
