package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ReconnectingWebSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The Plex Media Server's notification websocket ({@code /:/websockets/notifications}, token in
 * the {@code X-Plex-Token} header) turned into playback events. Only {@code playing}
 * notifications count; each names a session, a rating key, a state and an offset, nothing more,
 * so a new session is resolved with one {@code GET /status/sessions} (user, library, duration)
 * and {@code GET /library/metadata/{ratingKey}?includeGuids=1} (ids, numbers; cached per rating
 * key; an episode's show is read the same way, cached per show). Items are built by
 * {@link PlexSession#itemOf(PlexRow, String)}, so they equal what a sync read gives for the same
 * rating key, server attribute included. Per session: first sight → play (or pause), playing →
 * paused → pause, paused → playing → resume, {@code stopped} → stop, another rating key in the
 * same session → stop then play; the repeats Plex sends every ~10 s change nothing. A session
 * not heard of for {@code watchSessionTimeout} (default 5 min) is stopped at its last offset.
 */
final class PlexWatcher implements ReconnectingWebSocket.Handler {

    static final String PATH = "/:/websockets/notifications";
    /** Config key: how long a silent session lives before it counts as stopped (ISO-8601, default PT5M). */
    static final String SESSION_TIMEOUT = "watchSessionTimeout";
    /** Config key: the longest reconnect delay (ISO-8601, default PT5M). */
    static final String BACKOFF_MAX = "watchBackoffMax";

    private static final System.Logger LOG = System.getLogger(PlexWatcher.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int METADATA_CACHE = 256;

    private final ProviderContext context;
    private final PlexClients clients;
    private final Consumer<ScrobbleEvent> sink;
    private final String source;
    private final Duration sessionTimeout;
    private final Map<String, Live> sessions = new HashMap<>();
    private final Map<String, Resolved> metadata = recent(METADATA_CACHE);
    /** The external ids of shows by rating key: every episode of a binge needs the same ones. */
    private final Map<String, MediaIds> showIds = recent(METADATA_CACHE);
    private String serverName;
    /** The server's machine identifier, for {@link PlexSession#ATTR_SERVER}. */
    private String serverId;
    /** Whether {@code GET /} has answered once; a failure is asked again on the next new session. */
    private boolean serverAsked;
    /**
     * What OkHttp's reader thread last saw per session ({@code ratingKey|state}), to tell a repeat
     * from a change before the message is queued; touched only by {@link #isPeriodic}.
     */
    private final Map<String, String> readerSeen = recent(METADATA_CACHE);

    /**
     * An item as read once per rating key; {@code row} is null for types that are not scrobbled.
     * The row is kept rather than the item, so the item is built with the server id known when a
     * session starts (an earlier lookup of it may have failed).
     */
    /** @param complete whether the show's ids were read too; an incomplete result is not cached */
    private record Resolved(PlexRow row, String library, boolean complete) {
    }

    /** A session being watched. */
    private record Live(String ratingKey, MediaItem item, String user, String library, long duration, boolean paused,
                        long offset, Instant lastSeen) {
        Live seen(boolean nowPaused, long nowOffset, Instant at) {
            return new Live(ratingKey, item, user, library, duration, nowPaused, nowOffset, at);
        }
    }

    PlexWatcher(ProviderContext context, Consumer<ScrobbleEvent> sink, String source) {
        this.context = context;
        this.clients = new PlexClients(context, null);
        this.sink = sink;
        this.source = source;
        this.sessionTimeout = context.config().duration(SESSION_TIMEOUT, Duration.ofMinutes(5));
    }

    /**
     * Opens the watcher's connection.
     *
     * @return the running connection; closing it stops watching
     */
    static ReconnectingWebSocket connect(ProviderContext context, Consumer<ScrobbleEvent> sink, String source,
                                         RandomGenerator random) {
        ProviderConfig cfg = context.config();
        if (!cfg.has(PlexKeys.SERVER_URL)) {
            throw new ConfigException(cfg.path() + "." + PlexKeys.SERVER_URL,
                    "watching Plex needs the server; run 'crosswatch connect plex' or set serverUrl");
        }
        PlexWatcher watcher = new PlexWatcher(context, sink, source);
        ProviderConfig current = context.config(); // PlexClients may just have stored a client identifier
        return ReconnectingWebSocket.builder(source)
                .url(cfg.url(PlexKeys.SERVER_URL, null) + PATH)
                .header("X-Plex-Token", PlexClients.serverToken(current))
                .header("X-Plex-Client-Identifier", current.require(PlexKeys.CLIENT_ID))
                .header("X-Plex-Product", current.string(PlexKeys.PRODUCT).orElse("CrossWatch"))
                .header("Accept", "application/json")
                .clock(context.clock()).sleeper(context.sleeper()).random(random)
                .backoffMax(cfg.duration(BACKOFF_MAX, Duration.ofMinutes(5)))
                .handler(watcher)
                .build().start();
    }


    // ---------------------------------------------------------------- handler

    @Override
    public void onOpen(ReconnectingWebSocket.Link link) {
        // sessions that played on while we were away get a fresh grace period before the timeout stops them
        Instant now = context.clock().instant();
        sessions.replaceAll((k, v) -> v.seen(v.paused(), v.offset(), now));
    }

    @Override
    public void onMessage(ReconnectingWebSocket.Link link, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: ignored a notification that is not JSON", source);
            return;
        }
        JsonNode container = root == null ? null : root.path("NotificationContainer");
        if (container == null || !"playing".equals(container.path("type").asText())) {
            return; // activity, timeline, status, …
        }
        for (JsonNode n : container.path("PlaySessionStateNotification")) {
            onPlaying(n, context.clock().instant());
        }
    }

    /**
     * A {@code playing} notification that repeats, for sessions already heard of, the item and
     * state last heard: dropping it when the handler falls behind loses an offset update, never
     * a play, pause, resume or stop (those change the item or the state, or are a first sight).
     */
    @Override
    public boolean isPeriodic(String text) {
        JsonNode container;
        try {
            JsonNode root = JSON.readTree(text);
            container = root == null ? null : root.path("NotificationContainer");
        } catch (IOException e) {
            return false;
        }
        if (container == null || !"playing".equals(container.path("type").asText())) {
            return false;
        }
        boolean repeat = true;
        int entries = 0;
        for (JsonNode n : container.path("PlaySessionStateNotification")) {
            entries++;
            String key = PlexJson.text(n.path("sessionKey"));
            String state = n.path("state").asText("");
            if (key == null || state.equals("stopped")) {
                if (key != null) {
                    readerSeen.remove(key);
                }
                repeat = false;
                continue;
            }
            String now = PlexJson.text(n.path("ratingKey")) + "|" + state;
            repeat &= now.equals(readerSeen.put(key, now));
        }
        return repeat && entries > 0;
    }

    @Override
    public void onTick(ReconnectingWebSocket.Link link, Instant now) {
        Iterator<Map.Entry<String, Live>> it = sessions.entrySet().iterator();
        while (it.hasNext()) {
            Live live = it.next().getValue();
            if (!live.lastSeen().plus(sessionTimeout).isAfter(now)) {
                it.remove();
                emit(ScrobbleEvent.Kind.STOP, live, live.offset(), now); // vanished without a "stopped"
            }
        }
    }

    private void onPlaying(JsonNode n, Instant now) {
        String key = PlexJson.text(n.path("sessionKey"));
        String ratingKey = PlexJson.text(n.path("ratingKey"));
        String state = n.path("state").asText("");
        if (key == null || ratingKey == null) {
            return;
        }
        long offset = PlexJson.longOf(n.path("viewOffset"), 0);
        boolean stopped = state.equals("stopped");
        boolean paused = state.equals("paused");
        Live prev = sessions.get(key);
        if (prev != null && !prev.ratingKey().equals(ratingKey)) {
            // the play queue moved on to the next item within the same session
            sessions.remove(key);
            emit(ScrobbleEvent.Kind.STOP, prev, prev.offset(), now);
            prev = null;
        }
        if (prev == null) {
            if (stopped) {
                return; // a stop of a session never seen: its user and item are gone from /status/sessions
            }
            Live live = resolve(key, ratingKey, paused, offset, now);
            if (live != null) {
                sessions.put(key, live);
                emit(paused ? ScrobbleEvent.Kind.PAUSE : ScrobbleEvent.Kind.PLAY, live, offset, now);
            }
            return;
        }
        if (stopped) {
            sessions.remove(key);
            emit(ScrobbleEvent.Kind.STOP, prev, offset > 0 ? offset : prev.offset(), now);
            return;
        }
        sessions.put(key, prev.seen(paused, offset, now));
        if (!prev.paused() && paused) {
            emit(ScrobbleEvent.Kind.PAUSE, prev, offset, now);
        } else if (prev.paused() && !paused) {
            emit(ScrobbleEvent.Kind.RESUME, prev, offset, now);
        }
        // playing → playing (or buffering): the periodic repeat; nothing to say
    }

    private void emit(ScrobbleEvent.Kind kind, Live live, long offset, Instant now) {
        if (live.item() == null) {
            return; // music, clips, …: tracked only so they are not resolved again
        }
        double percent = live.duration() > 0 ? 100.0 * offset / live.duration() : 0;
        try {
            sink.accept(new ScrobbleEvent(kind, live.item(), percent, Duration.ofMillis(offset), now, source, live.user(),
                    serverName, live.library()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0}: handling a {1} event failed: {2}", source, kind, e.toString());
        }
    }

    // ---------------------------------------------------------------- resolving a new session

    /** @return the session, or {@code null} when the server could not be asked (tried again on the next notification) */
    private Live resolve(String sessionKey, String ratingKey, boolean paused, long offset, Instant now) {
        try {
            lookUpServer();
            JsonNode session = null;
            for (JsonNode m : clients.server().get("/status/sessions", Query.empty()).path("MediaContainer").path("Metadata")) {
                if (sessionKey.equals(PlexJson.text(m.path("sessionKey")))) {
                    session = m;
                    break;
                }
            }
            Resolved r = metadata.get(ratingKey);
            if (r == null) {
                r = fetch(ratingKey);
                if (r.complete()) {
                    metadata.put(ratingKey, r);
                }
            }
            String user = null;
            String library = r.library();
            long duration = r.row() != null ? r.row().duration() : 0;
            if (session != null) {
                user = PlexJson.text(session.path("User").path("title"));
                user = user != null ? user : PlexJson.text(session.path("User").path("id"));
                String sessionLibrary = PlexJson.text(session.path("librarySectionTitle"));
                library = sessionLibrary != null ? sessionLibrary
                        : library != null ? library : PlexJson.text(session.path("librarySectionID"));
                duration = duration > 0 ? duration : PlexJson.longOf(session.path("duration"), 0);
            }
            MediaItem item = r.row() != null ? PlexSession.itemOf(r.row(), serverId).build() : null;
            return new Live(ratingKey, item, user, library, duration, paused, offset, now);
        } catch (CrossWatchException e) {
            LOG.log(Level.WARNING, "{0}: could not resolve session {1} (item {2}): {3}", source, sessionKey, ratingKey,
                    e.getMessage());
            return null;
        }
    }

    /**
     * The server's friendly name, as Plex webhooks report it ({@code Server.title}), and its
     * machine identifier (the configured {@code serverId} first, as sync sessions take it); asked once.
     */
    private void lookUpServer() {
        if (serverId == null) {
            serverId = context.config().string(PlexKeys.SERVER_ID).orElse(null);
        }
        if (serverAsked) {
            return;
        }
        try {
            JsonNode root = clients.server().get("/", Query.empty()).path("MediaContainer");
            serverAsked = true; // an answer without a name or id is not asked again for every session
            serverName = PlexJson.text(root.path("friendlyName"));
            serverId = serverId != null ? serverId : PlexJson.text(root.path("machineIdentifier"));
        } catch (CrossWatchException e) {
            LOG.log(Level.DEBUG, "{0}: the server name is unknown for now: {1}", source, e.getMessage());
        }
    }

    private Resolved fetch(String ratingKey) {
        JsonNode m = metadataOf(ratingKey);
        String library = PlexJson.text(m.path("librarySectionTitle"));
        library = library != null ? library : PlexJson.text(m.path("librarySectionID"));
        // an episode takes its show's ids from the show's own metadata, as the library read does
        PlexRow row = PlexRow.of(m, showKey -> Objects.requireNonNullElse(showIdsOf(showKey), MediaIds.empty()));
        // complete unless the row has a show whose ids could not be read (a read show is cached)
        boolean complete = row == null || row.showKey() == null || showIds.containsKey(row.showKey());
        return new Resolved(row == null || row.type() == MediaType.SHOW ? null : row, library, complete);
    }

    /** @return the show's ids, or {@code null} when its metadata cannot be read now */
    private MediaIds showIdsOf(String showKey) {
        MediaIds ids = showIds.get(showKey);
        if (ids != null) {
            return ids;
        }
        try {
            ids = PlexGuids.idsOf(metadataOf(showKey));
        } catch (CrossWatchException e) {
            // the episode's own guids and its grandparentGuid still name it: a show that cannot be
            // read (gone, or the server busy) must not cost the play; neither the show nor the
            // episode is cached then, so the next session of it asks again
            LOG.log(Level.DEBUG, "{0}: the ids of show {1} are unknown for now: {2}", source, showKey, e.getMessage());
            return null;
        }
        showIds.put(showKey, ids);
        return ids;
    }

    private JsonNode metadataOf(String ratingKey) {
        return clients.server().get("/library/metadata/" + ratingKey, Query.of("includeGuids", 1))
                .path("MediaContainer").path("Metadata").path(0);
    }

    /** @return a map that keeps the {@code capacity} most recently used entries */
    private static <K, V> Map<K, V> recent(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public String toString() {
        return "PlexWatcher[" + context.config().instance() + ", " + sessions.size() + " session(s)]";
    }
}
