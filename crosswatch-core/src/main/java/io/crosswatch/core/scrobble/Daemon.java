package io.crosswatch.core.scrobble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.Sleeper;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleSource;
import io.crosswatch.api.scrobble.WebhookRequest;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.RunInProgressException;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.RunRequest;
import io.crosswatch.core.http.ConnectionStatus;
import io.crosswatch.core.http.ReconnectingWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The long-running side of CrossWatch: a webhook endpoint feeding a {@link ScrobbleManager},
 * the live connections of configured sources, the manager's queue delivery, and scheduled sync
 * runs of the configured pairs — what {@code crosswatch daemon} runs.
 *
 * <p>HTTP (JDK {@code HttpServer}, loopback by default):
 * <ul>
 *   <li>{@code POST /webhook/<source>} with the secret in an {@code X-CrossWatch-Secret} header,
 *       or {@code POST /webhook/<source>/<secret>} for servers that cannot send headers (Plex);
 *       no secret → 401, a wrong one → 403 (compared in constant time), a body over the limit →
 *       413, a payload the source cannot parse → 400 (logged without payload values), an unknown
 *       source → 404; otherwise 200 with the per-target results;</li>
 *   <li>{@code GET /health} → 200 with the queue length and, when {@code daemon.listen} names any,
 *       the state of each live connection ({@code watchers}: source, state, since, failures, next
 *       attempt, last error; no secret needed, nothing private).</li>
 * </ul>
 *
 * <p>Scheduling: {@link #tick()} runs every pair whose {@link Schedule} is due (an interval
 * pair at start and then that long after each run; a cron pair at its next matching time), one
 * after another, and delivers due scrobbles; the background loop calls it and sleeps through the injected
 * {@link Sleeper} until the next thing is due. Runs of one pair never overlap: the loop is one
 * thread and the orchestrator's lock refuses a run another process holds (logged, retried next
 * interval). {@link #close()} stops the endpoint and the loop, then flushes the queue once.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class Daemon implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The secret header. */
    public static final String SECRET_HEADER = "X-CrossWatch-Secret";
    private static final Duration MAX_IDLE = Duration.ofMinutes(1);
    /** The next run of a schedule that never fires again. */
    private static final Instant NEVER = Instant.MAX;

    private final PlatformManager platform;
    private final ScrobbleManager manager;
    private final Orchestrator orchestrator;
    private final DaemonSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final byte[] secret;
    private final Map<String, Instant> nextRun = new LinkedHashMap<>();
    /** The live connections, replaced whole (never changed in place) so /health reads them without the daemon's lock. */
    private volatile Map<String, AutoCloseable> listeners = Map.of();
    private HttpServer server;
    private ExecutorService httpThreads;
    private Thread loop;
    private volatile boolean running;

    private Daemon(Builder b) {
        this.platform = Objects.requireNonNull(b.platform, "platform");
        this.manager = Objects.requireNonNull(b.manager, "manager");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.orchestrator = b.orchestrator;
        if (orchestrator == null && !settings.schedules().isEmpty()) {
            throw new IllegalArgumentException("schedules need an orchestrator");
        }
        this.clock = b.clock != null ? b.clock : platform.clock();
        this.sleeper = b.sleeper != null ? b.sleeper : platform.sleeper();
        this.secret = settings.secret().reveal().getBytes(StandardCharsets.UTF_8);
        if (orchestrator != null) {
            manager.attachTo(orchestrator); // its runs hold watched stops
        }
        Instant now = clock.instant();
        settings.schedules().keySet().stream().sorted()
                .forEach(p -> nextRun.put(p, settings.schedules().get(p).first(now).orElse(NEVER)));
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the endpoint and opens the configured live connections; does not start the loop.
     *
     * @return this
     * @throws UncheckedIOException when the address cannot be bound
     */
    public synchronized Daemon startEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the webhook endpoint to " + settings.bind() + ":" + settings.port(), e);
        }
        server.createContext("/health", this::health);
        server.createContext("/webhook/", this::webhook);
        httpThreads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "crosswatch-webhook");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(httpThreads);
        server.start();
        Map<String, AutoCloseable> started = new LinkedHashMap<>();
        try {
            for (String entry : settings.listen()) {
                // "plex" or "plex:home": the source, and the config instance of the server to watch
                Endpoint at = Endpoint.parse(entry);
                ScrobbleSource source = platform.scrobbleSource(at.provider()).orElseThrow(() -> new io.crosswatch.api.ConfigException(
                        "daemon.listen", "no scrobble source '" + at.provider() + "' is installed"));
                AutoCloseable handle = source.listen(platform.context(at.provider(), at.instance(), CancellationToken.none()),
                        manager::onEvent);
                started.put(entry, handle);
            }
            listeners = java.util.Collections.unmodifiableMap(started);
        } catch (RuntimeException e) {
            // a watcher that cannot start (no server URL, no such source) fails the start as a whole
            listeners = java.util.Collections.unmodifiableMap(started);
            closeListeners();
            server.stop(0);
            httpThreads.shutdownNow();
            server = null;
            throw e;
        }
        LOG.log(Level.INFO, "webhook endpoint on {0}:{1,number,#}", settings.bind(), port());
        return this;
    }

    /**
     * Starts the endpoint and the background loop (schedules and queue delivery).
     *
     * @return this
     */
    public synchronized Daemon start() {
        if (server == null) {
            startEndpoint();
        }
        running = true;
        loop = new Thread(this::runLoop, "crosswatch-daemon");
        loop.setDaemon(true);
        loop.start();
        return this;
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    private void runLoop() {
        while (running) {
            Instant next = tick();
            Duration wait = Duration.between(clock.instant(), next);
            try {
                sleeper.sleep(wait.compareTo(MAX_IDLE) > 0 ? MAX_IDLE : wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Runs what is due now: the pairs whose schedule is due, then the scrobble queue.
     *
     * @return when something is next due
     */
    public Instant tick() {
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> e : nextRun.entrySet()) {
            if (e.getValue().isAfter(now)) {
                continue;
            }
            String pair = e.getKey();
            try {
                RunReport r = orchestrator.run(RunRequest.builder().pair(pair).build());
                LOG.log(Level.INFO, "scheduled run of {0}: {1}", pair, r.status());
            } catch (RunInProgressException ex) {
                LOG.log(Level.INFO, "scheduled run of {0} skipped: {1}", pair, ex.getMessage());
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "scheduled run of {0} failed: {1}", pair, ex.toString());
            }
            Schedule schedule = settings.schedules().get(pair);
            Optional<Instant> after = schedule.next(clock.instant());
            if (after.isEmpty()) {
                LOG.log(Level.WARNING, "the schedule of {0} ({1}) never fires again", pair, schedule);
            }
            e.setValue(after.orElse(NEVER));
        }
        try {
            manager.deliverDue();
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "delivering queued scrobbles failed: {0}", ex.toString());
        }
        Instant next = clock.instant().plus(MAX_IDLE);
        for (Instant t : nextRun.values()) {
            next = t.isBefore(next) ? t : next;
        }
        Optional<Instant> due = manager.nextDue();
        return due.isPresent() && due.get().isBefore(next) ? due.get() : next;
    }

    /**
     * @return each live connection ({@code daemon.listen} entry) with its state, or {@code null}
     *         for a source whose handle does not report one
     */
    public Map<String, ConnectionStatus> watcherStatus() {
        Map<String, ConnectionStatus> out = new LinkedHashMap<>();
        listeners.forEach((name, handle) -> out.put(name, handle instanceof ReconnectingWebSocket ws ? ws.status() : null));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** @return when each scheduled pair runs next ({@link Instant#MAX} for a schedule that never fires again) */
    public Map<String, Instant> schedule() {
        return Map.copyOf(nextRun);
    }

    // ------------------------------------------------------------------ HTTP

    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET")) {
                reply(ex, 405, error("use GET"));
                return;
            }
            ObjectNode body = JSON.createObjectNode().put("status", "ok").put("queued", manager.queuedCount());
            Map<String, ConnectionStatus> live = watcherStatus();
            if (!live.isEmpty()) {
                putWatchers(body.putArray("watchers"), live);
            }
            reply(ex, 200, body);
        }
    }

    /** One row per live connection: source, state, since, failures, next attempt and last error when known. */
    private static void putWatchers(ArrayNode watchers, Map<String, ConnectionStatus> live) {
        live.forEach((name, st) -> {
            ObjectNode w = watchers.addObject().put("source", name);
            if (st == null) {
                w.put("state", "RUNNING"); // a live connection that does not report its state
                return;
            }
            w.put("state", st.state().name()).put("since", st.since().toString()).put("failures", st.failures());
            st.nextAttemptAt().ifPresent(t -> w.put("nextAttempt", t.toString()));
            if (st.lastError() != null) {
                w.put("lastError", st.lastError());
            }
        });
    }

    private void webhook(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                reply(ex, 405, error("use POST"));
                return;
            }
            // /webhook/<source>[/<secret>]
            String[] parts = ex.getRequestURI().getRawPath().substring("/webhook/".length()).split("/", -1);
            String presented = parts.length > 1 ? parts[1] : ex.getRequestHeaders().getFirst(SECRET_HEADER);
            if (presented == null || presented.isEmpty()) {
                reply(ex, 401, error("the shared secret is missing (" + SECRET_HEADER + " header or /webhook/<source>/<secret>)"));
                return;
            }
            if (!MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8)) || parts.length > 2) {
                LOG.log(Level.WARNING, "refused a webhook with a wrong secret from {0}", ex.getRemoteAddress().getAddress());
                reply(ex, 403, error("wrong secret"));
                return;
            }
            Optional<ScrobbleSource> source = platform.scrobbleSource(parts[0]);
            if (source.isEmpty() || !source.get().acceptsWebhooks()) {
                reply(ex, 404, error("no scrobble source '" + parts[0] + "' that takes webhooks"));
                return;
            }
            String length = ex.getRequestHeaders().getFirst("Content-Length");
            if (length != null && parseLong(length) > settings.maxBodyBytes()) {
                reply(ex, 413, error("body larger than " + settings.maxBodyBytes() + " bytes"));
                return;
            }
            byte[] body = readLimited(ex.getRequestBody(), settings.maxBodyBytes());
            if (body == null) {
                reply(ex, 413, error("body larger than " + settings.maxBodyBytes() + " bytes"));
                return;
            }
            String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
            List<ScrobbleEvent> events;
            try {
                events = source.get().parseWebhook(new WebhookRequest(type, body, clock.instant()));
            } catch (IllegalArgumentException e) {
                // the source's message names what is wrong, never payload values
                LOG.log(Level.WARNING, "refused a malformed {0} webhook ({1} bytes): {2}", parts[0], body.length, e.getMessage());
                reply(ex, 400, error("malformed payload: " + e.getMessage()));
                return;
            }
            ArrayNode results = JSON.createArrayNode();
            for (ScrobbleEvent e : events) {
                for (ScrobbleResult r : manager.onEvent(e)) {
                    results.addObject().put("kind", e.kind().name()).put("target", r.target()).put("status", r.status().name())
                            .put("detail", r.detail());
                }
            }
            ObjectNode out = JSON.createObjectNode().put("events", events.size());
            out.set("results", results);
            reply(ex, 200, out);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "webhook handling failed: {0}", e.toString());
            reply(ex, 500, error("internal error"));
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** @return the body, or {@code null} when it is longer than {@code limit} */
    private static byte[] readLimited(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void reply(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    /** Stops the endpoint, the live connections and the loop, then tries every queued scrobble once. */
    @Override
    public synchronized void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        closeListeners();
        if (server != null) {
            server.stop(0);
            httpThreads.shutdownNow();
        }
        List<ScrobbleResult> flushed = manager.flush();
        LOG.log(Level.INFO, "daemon stopped; flushed {0} queued scrobble(s), {1} still queued", flushed.size(),
                manager.queuedCount());
    }

    private void closeListeners() {
        for (AutoCloseable l : listeners.values()) { // kept afterwards: /health then reports them CLOSED
            try {
                l.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing a live connection failed: {0}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "Daemon[" + settings.bind() + ":" + settings.port() + ", pairs=" + nextRun.keySet() + "]";
    }

    /** Builds a {@link Daemon}. */
    public static final class Builder {
        private PlatformManager platform;
        private ScrobbleManager manager;
        private Orchestrator orchestrator;
        private DaemonSettings settings;
        private Clock clock;
        private Sleeper sleeper;

        private Builder() {
        }

        /** @return this */
        public Builder platform(PlatformManager value) {
            this.platform = value;
            return this;
        }

        /** @return this */
        public Builder manager(ScrobbleManager value) {
            this.manager = value;
            return this;
        }

        /** @return this; required when there are schedules */
        public Builder orchestrator(Orchestrator value) {
            this.orchestrator = value;
            return this;
        }

        /** @return this */
        public Builder settings(DaemonSettings value) {
            this.settings = value;
            return this;
        }

        /** @return this; by default the platform's */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** @return this; by default the platform's */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** @return the daemon, not started */
        public Daemon build() {
            return new Daemon(this);
        }
    }
}
