package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleSource;
import io.crosswatch.api.scrobble.WebhookRequest;
import io.crosswatch.core.http.HttpToolkit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plex Media Server webhooks: a {@code multipart/form-data} POST whose {@code payload} part is
 * JSON ({@code event}, {@code Account}, {@code Server}, {@code Metadata}); a thumbnail part may
 * follow and is skipped. {@code media.play/pause/resume/stop} map to their kinds and {@code
 * media.scrobble} (sent once playback passes 90 %) to a stop at that progress. Other events and
 * items other than movies and episodes are ignored. A plain JSON body is accepted too (proxies).
 * Items are mapped as a sync read maps them ({@link PlexSession#itemOf(PlexRow, String)}, with
 * {@code Server.uuid} as the server), except that an episode has only the show ids its payload names.
 * {@link #listen} watches the server's notification websocket instead, for servers without
 * Plex Pass (webhooks need it).
 */
public final class PlexWebhookSource implements ScrobbleSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ScrobbleEvent.Kind> KINDS = Map.of(
            "media.play", ScrobbleEvent.Kind.PLAY,
            "media.pause", ScrobbleEvent.Kind.PAUSE,
            "media.resume", ScrobbleEvent.Kind.RESUME,
            "media.stop", ScrobbleEvent.Kind.STOP,
            "media.scrobble", ScrobbleEvent.Kind.STOP);

    /** Does no work. */
    public PlexWebhookSource() {
        // stateless
    }

    @Override
    public String name() {
        return "plex";
    }

    @Override
    public List<ScrobbleEvent> parseWebhook(WebhookRequest request) {
        byte[] json = request.contentType().toLowerCase(Locale.ROOT).startsWith("multipart/")
                ? Multipart.part(request.contentType(), request.body(), "payload")
                : request.body();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the Plex webhook payload is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("event").isTextual()) {
            throw new IllegalArgumentException("the Plex webhook payload has no 'event'");
        }
        ScrobbleEvent.Kind kind = KINDS.get(root.path("event").asText());
        JsonNode md = root.path("Metadata");
        if (kind == null || !md.isObject()) {
            return List.of();
        }
        // The one mapping sync reads and the websocket watcher use, so a webhook's item carries the
        // same ids, rating key and server attribute (Server.uuid is the machineIdentifier) as a
        // sync read of the same item. An episode's show ids can be fewer than a sync read's: the
        // read takes them from the show's own metadata, which a webhook handler cannot fetch (no
        // server address or token here, and no HTTP on the request path), so only what the payload
        // names (grandparentGuid, a legacy TVDB episode guid) is kept.
        PlexRow row = PlexRow.ofPayload(md, showKey -> MediaIds.empty());
        if (row == null || (row.type() != MediaType.MOVIE && row.type() != MediaType.EPISODE)) {
            return List.of();
        }
        MediaItem item = PlexSession.itemOf(row, PlexJson.text(root.path("Server").path("uuid"))).build();
        long offset = PlexJson.longOf(md.path("viewOffset"), 0);
        long duration = PlexJson.longOf(md.path("duration"), 0);
        double percent = duration > 0 ? 100.0 * offset / duration : 0;
        if (root.path("event").asText().equals("media.scrobble")) {
            percent = Math.max(percent, 90); // Plex sends it only past 90 %, sometimes without an offset
        }
        return List.of(new ScrobbleEvent(kind, item, percent, Duration.ofMillis(offset), request.receivedAt(), name(),
                PlexJson.text(root.path("Account").path("title")), PlexJson.text(root.path("Server").path("title")),
                library(md)));
    }

    /** The library as the watcher names it too: its title, else its section id. */
    private static String library(JsonNode md) {
        String title = PlexJson.text(md.path("librarySectionTitle"));
        return title != null ? title : PlexJson.text(md.path("librarySectionID"));
    }

    /**
     * Watches the configured Plex Media Server's notification websocket (see {@link PlexWatcher}):
     * {@code serverUrl} and the server token from the context's config block, reconnecting with
     * backoff until the handle is closed.
     */
    @Override
    public AutoCloseable listen(ProviderContext context, Consumer<ScrobbleEvent> sink) {
        return PlexWatcher.connect(context, sink, name(), HttpToolkit.shared().random());
    }

    @Override
    public String toString() {
        return "PlexWebhookSource";
    }

    /** The one multipart/form-data reader the webhook needs: the bytes of a named part. */
    static final class Multipart {
        private Multipart() {
        }

        static byte[] part(String contentType, byte[] body, String name) {
            String boundary = null;
            for (String p : contentType.split(";")) {
                String t = p.trim();
                if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                    boundary = t.substring(9).replace("\"", "");
                }
            }
            if (boundary == null || boundary.isEmpty()) {
                throw new IllegalArgumentException("multipart body without a boundary");
            }
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int at = indexOf(body, delimiter, 0);
            while (at >= 0) {
                int headersStart = at + delimiter.length;
                if (headersStart + 1 < body.length && body[headersStart] == '-' && body[headersStart + 1] == '-') {
                    break; // closing delimiter
                }
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
                if (headersEnd < 0) {
                    break;
                }
                int next = indexOf(body, delimiter, headersEnd + 4);
                if (next < 0) {
                    throw new IllegalArgumentException("multipart body is truncated");
                }
                String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
                if (headers.toLowerCase(Locale.ROOT).contains("name=\"" + name + "\"")) {
                    int end = next - 2; // the CRLF before the delimiter belongs to it
                    return java.util.Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, end));
                }
                at = next;
            }
            throw new IllegalArgumentException("multipart body has no '" + name + "' part");
        }

        private static int indexOf(byte[] hay, byte[] needle, int from) {
            outer:
            for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
