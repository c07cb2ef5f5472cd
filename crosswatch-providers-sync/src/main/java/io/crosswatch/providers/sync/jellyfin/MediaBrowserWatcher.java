package io.crosswatch.providers.sync.jellyfin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.core.http.ReconnectingWebSocket;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.sync.Ids;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The session websocket of Jellyfin ({@code /socket}) and Emby ({@code /embywebsocket}), with
 * {@code api_key} and {@code deviceId} in the query, turned into playback events. After opening
 * it asks for session snapshots ({@code SessionsStart} "0,1500"), answers the server's {@code
 * ForceKeepAlive} with a {@code KeepAlive} on receipt (not behind a slow handler call) and then
 * every half of the given seconds, and diffs each {@code
 * Sessions} snapshot against the previous one per session id: a new item → play (or pause), a
 * pause flag turning on/off → pause/resume, an item replaced or gone → stop at its last
 * position. Positions are ticks (100 ns) over {@code RunTimeTicks}.
 *
 * <p>A snapshot names neither the item's library nor an episode's series ids, so a newly
 * started item is looked up once ({@link NowPlayingLookups}, cached per item and series for the
 * watcher's life): events carry the library name (for {@code scrobble.libraries}) and episodes
 * their show ids (what Trakt and SIMKL match episodes by, with the season and episode numbers).
 * A failed lookup leaves the detail out; the event still goes out.
 */
final class MediaBrowserWatcher implements ReconnectingWebSocket.Handler {

    /** Config key: the longest reconnect delay (ISO-8601, default PT5M). */
    static final String BACKOFF_MAX = "watchBackoffMax";
    static final String SESSIONS_START = "{\"MessageType\":\"SessionsStart\",\"Data\":\"0,1500\"}";
    static final String KEEP_ALIVE = "{\"MessageType\":\"KeepAlive\"}";

    private static final System.Logger LOG = System.getLogger(MediaBrowserWatcher.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICKS_PER_MILLI = 10_000L;

    private final ServerFlavor flavor;
    private final ProviderContext context;
    private final NowPlayingLookups lookups;
    private final Consumer<ScrobbleEvent> sink;
    private Map<String, Playing> sessions = new HashMap<>();
    /**
     * Set on OkHttp's reader thread ({@link #onReceipt}), advanced by ticks on the handler's
     * thread, hence atomic. Not reset on reconnect: the server asks again on every connection,
     * and a queued reset could undo the answer to a new connection's ask.
     */
    private final AtomicReference<KeepAlive> keepAlive = new AtomicReference<>();
    /** The last {@code Sessions} snapshot's playing items as OkHttp's reader thread saw it; touched only by {@link #isPeriodic}. */
    private String readerSeen;

    /**
     * What one session is playing; {@code item} is null for types that are not scrobbled, {@code
     * library} null when unknown.
     */
    private record Playing(String itemId, MediaItem item, String library, String user, long positionTicks, long runtimeTicks,
                           boolean paused) {
    }

    /** The interval the server asked for and when the last {@code KeepAlive} went out. */
    private record KeepAlive(Duration every, Instant last) {
    }

    MediaBrowserWatcher(ServerFlavor flavor, ProviderContext context, NowPlayingLookups lookups, Consumer<ScrobbleEvent> sink) {
        this.flavor = flavor;
        this.context = context;
        this.lookups = lookups;
        this.sink = sink;
    }

    /**
     * Opens the watcher's connection.
     *
     * @return the running connection; closing it stops watching
     */
    static ReconnectingWebSocket connect(ServerFlavor flavor, ProviderContext context, Consumer<ScrobbleEvent> sink,
                                         RandomGenerator random) {
        ProviderConfig cfg = context.config();
        URI base = cfg.url("baseUrl", null);
        String token = cfg.string("accessToken").or(() -> cfg.string("apiKey")).orElseThrow(() -> new AuthException(
                flavor.provider(), "not signed in; run 'crosswatch connect " + flavor.provider() + "'"));
        String deviceId = cfg.string("deviceId").orElseGet(() -> UUID.nameUUIDFromBytes((flavor.provider() + ":"
                + cfg.instance()).getBytes(StandardCharsets.UTF_8)).toString());
        ServiceClient client = MediaBrowserConnector.client(flavor, null, context);
        MediaBrowserWatcher watcher = new MediaBrowserWatcher(flavor, context,
                new NowPlayingLookups(flavor, client, cfg.string("userId").orElse(null), context.clock()), sink);
        return ReconnectingWebSocket.builder(flavor.provider())
                .url(flavor.socketUrl(base) + "?api_key=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&deviceId=" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8))
                .secret(token).secret(URLEncoder.encode(token, StandardCharsets.UTF_8))
                .clock(context.clock()).sleeper(context.sleeper()).random(random)
                .backoffMax(cfg.duration(BACKOFF_MAX, Duration.ofMinutes(5)))
                .handler(watcher)
                .build().start();
    }


    // ---------------------------------------------------------------- handler

    @Override
    public void onOpen(ReconnectingWebSocket.Link link) {
        link.send(SESSIONS_START);
    }

    /**
     * Answers {@code ForceKeepAlive} as it arrives: the server counts a connection without a
     * {@code KeepAlive} for its interval as lost, and a reply queued behind a slow scrobble
     * target (the sink) could come too late.
     */
    @Override
    public void onReceipt(ReconnectingWebSocket.Link link, String text) {
        if (!text.contains("ForceKeepAlive")) {
            return; // most messages are session snapshots: not parsed a second time here
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (root != null && "ForceKeepAlive".equals(root.path("MessageType").asText(""))) {
            long seconds = Math.max(2, root.path("Data").asLong(60));
            keepAlive.set(new KeepAlive(Duration.ofSeconds(seconds / 2), context.clock().instant()));
            link.send(KEEP_ALIVE);
        }
    }

    @Override
    public void onMessage(ReconnectingWebSocket.Link link, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: ignored a message that is not JSON", flavor.provider());
            return;
        }
        if (root == null) {
            return;
        }
        if ("Sessions".equals(root.path("MessageType").asText(""))) {
            onSessions(root.path("Data"), context.clock().instant());
        }
        // ForceKeepAlive was answered on receipt; KeepAlive echoes, UserDataChanged, … say nothing here
    }

    /**
     * A {@code Sessions} snapshot whose sessions play the same items with the same pause flags as
     * the snapshot before it: dropping it when the handler falls behind loses position updates,
     * never a play, pause, resume or stop.
     */
    @Override
    public boolean isPeriodic(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return false;
        }
        if (root == null || !"Sessions".equals(root.path("MessageType").asText(""))) {
            return false;
        }
        TreeSet<String> playing = new TreeSet<>();
        for (JsonNode s : root.path("Data")) {
            String itemId = text(s.path("NowPlayingItem"), "Id");
            if (itemId != null) {
                playing.add(text(s, "Id") + "|" + itemId + "|" + s.path("PlayState").path("IsPaused").asBoolean(false));
            }
        }
        String now = String.join(",", playing);
        boolean repeat = now.equals(readerSeen);
        readerSeen = now;
        return repeat;
    }

    @Override
    public void onTick(ReconnectingWebSocket.Link link, Instant now) {
        KeepAlive k = keepAlive.get();
        // compareAndSet: a ForceKeepAlive answered meanwhile on the reader thread wins
        if (k != null && !k.last().plus(k.every()).isAfter(now)
                && keepAlive.compareAndSet(k, new KeepAlive(k.every(), now))) {
            link.send(KEEP_ALIVE);
        }
    }

    private void onSessions(JsonNode data, Instant now) {
        Map<String, Playing> current = new LinkedHashMap<>();
        for (JsonNode s : data) {
            String id = text(s, "Id");
            JsonNode item = s.path("NowPlayingItem");
            String itemId = text(item, "Id");
            if (id == null || !item.isObject() || itemId == null) {
                continue; // an idle session
            }
            Playing before = sessions.get(id);
            MediaItem media;
            String library;
            if (before != null && before.itemId().equals(itemId)) {
                media = before.item(); // resolved when it started
                library = before.library();
            } else {
                media = itemOf(item);
                library = null;
                if (media != null) {
                    String userId = text(s, "UserId");
                    library = lookups.library(itemId, userId).orElse(null);
                    String seriesId = text(item, "SeriesId");
                    if (media.type() == MediaType.EPISODE && seriesId != null) {
                        media = media.toBuilder().showIds(lookups.seriesIds(seriesId, userId)).build();
                    }
                }
            }
            JsonNode state = s.path("PlayState");
            current.put(id, new Playing(itemId, media, library, text(s, "UserName"),
                    Math.max(0, state.path("PositionTicks").asLong(0)), Math.max(0, item.path("RunTimeTicks").asLong(0)),
                    state.path("IsPaused").asBoolean(false)));
        }
        for (Map.Entry<String, Playing> e : sessions.entrySet()) {
            Playing later = current.get(e.getKey());
            if (later == null || !later.itemId().equals(e.getValue().itemId())) {
                emit(ScrobbleEvent.Kind.STOP, e.getValue(), now); // at the last position the server reported
            }
        }
        for (Map.Entry<String, Playing> e : current.entrySet()) {
            Playing before = sessions.get(e.getKey());
            Playing after = e.getValue();
            if (before == null || !before.itemId().equals(after.itemId())) {
                emit(after.paused() ? ScrobbleEvent.Kind.PAUSE : ScrobbleEvent.Kind.PLAY, after, now);
            } else if (!before.paused() && after.paused()) {
                emit(ScrobbleEvent.Kind.PAUSE, after, now);
            } else if (before.paused() && !after.paused()) {
                emit(ScrobbleEvent.Kind.RESUME, after, now);
            }
        }
        sessions = current;
    }

    private MediaItem itemOf(JsonNode n) {
        Map<String, String> providerIds = new LinkedHashMap<>();
        n.path("ProviderIds").properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().asText().isBlank()) {
                providerIds.put(e.getKey(), e.getValue().asText());
            }
        });
        MediaType type = switch (n.path("Type").asText("")) {
            case "Movie" -> MediaType.MOVIE;
            case "Episode" -> MediaType.EPISODE;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        MediaItem.Builder b = MediaItem.builder(type)
                .ids(Ids.fromProviderIds(providerIds).with(flavor.idNamespace(), text(n, "Id")))
                .title(text(n, "Name"));
        if (type == MediaType.MOVIE) {
            b.year(number(n, "ProductionYear"));
        } else {
            b.showTitle(text(n, "SeriesName")).season(number(n, "ParentIndexNumber")).episode(number(n, "IndexNumber"));
        }
        return b.build();
    }

    private void emit(ScrobbleEvent.Kind kind, Playing p, Instant now) {
        if (p.item() == null) {
            return;
        }
        double percent = p.runtimeTicks() > 0 ? 100.0 * p.positionTicks() / p.runtimeTicks() : 0;
        try {
            sink.accept(new ScrobbleEvent(kind, p.item(), percent, Duration.ofMillis(p.positionTicks() / TICKS_PER_MILLI), now,
                    flavor.provider(), p.user(), lookups.serverName(), p.library()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0}: handling a {1} event failed: {2}", flavor.provider(), kind, e.toString());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static Integer number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? Integer.valueOf(v.asInt()) : null;
    }

    @Override
    public String toString() {
        return "MediaBrowserWatcher[" + flavor.provider() + ", " + sessions.size() + " session(s)]";
    }
}
