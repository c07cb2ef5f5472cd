package io.crosswatch.core.http;

import io.crosswatch.api.Api;
import io.crosswatch.api.Secret;
import io.crosswatch.api.Sleeper;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A websocket that stays connected: one background thread opens it, hands every text message to
 * a {@link Handler}, ticks the handler while connected (keepalives, timeouts), and after a loss
 * or a refused upgrade waits with exponential backoff and jitter before the next attempt. The
 * backoff starts again from its base after a connection that stayed up for {@code healthyAfter};
 * a {@code 401}/{@code 403} on the upgrade waits {@code authRetry} (a wrong token does not fix
 * itself, so it is not hammered). All waiting goes through the injected {@link Sleeper} and
 * {@link Clock}.
 *
 * <p>Secrets: the URL is logged only through {@link Redactor#url}, headers never, and every
 * message that reaches a log or {@link #status()} is scrubbed of the URL and the registered
 * {@linkplain Builder#secret secret values}.
 *
 * <p>Handler calls are serialized and ordered: by default they run one at a time on this
 * socket's own handler thread, never on OkHttp's reader thread, so a slow handler (a scrobble
 * target answering slowly) does not stop frames, pongs and close frames from being read. That
 * queue is bounded ({@link Builder#handlerQueue}): when it is full the oldest message the handler
 * calls {@linkplain Handler#isPeriodic periodic} is dropped with a warning; other calls are never
 * dropped. Protocol answers that must not wait in that queue go out from
 * {@link Handler#onReceipt}. Ticks are not queued while one is waiting. {@link #close()} lets queued calls finish
 * (a few seconds at most) and ends the handler thread.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ReconnectingWebSocket implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReconnectingWebSocket.class.getName());

    /** Receives what arrives on the connection; calls are serialized. */
    public interface Handler {
        /**
         * The connection is open (called again after every reconnect).
         *
         * @param link sends on this connection
         */
        void onOpen(Link link);

        /**
         * A text message arrived.
         *
         * @param link sends on this connection
         * @param text the message
         */
        void onMessage(Link link, String text);

        /**
         * A text message arrived: called on OkHttp's reader thread before the message is queued
         * for {@link #onMessage}, so what it sends does not wait behind a slow handler call (an
         * application-level keepalive answered on receipt, as OkHttp answers pings). It must be
         * quick, must not block, and must not touch state the other calls use without making
         * that state safe to share.
         *
         * @param link sends on this connection
         * @param text the message
         */
        default void onReceipt(Link link, String text) {
        }

        /**
         * Called every tick while connected, for keepalives and timeouts.
         *
         * @param link sends on this connection
         * @param now  the injected clock's time
         */
        default void onTick(Link link, Instant now) {
        }

        /**
         * The connection ended (lost, refused after opening, or closed).
         *
         * @param now the injected clock's time
         */
        default void onDisconnected(Instant now) {
        }

        /**
         * Whether a message only repeats what the handler knows (a periodic progress report), so
         * it may be dropped when the handler has fallen behind. Called on OkHttp's reader thread
         * before the message is queued: it must be quick and must not touch the handler's state.
         * Messages that may start, pause or stop something must answer {@code false}.
         *
         * @param text the message
         * @return {@code true} when dropping it loses nothing a later message does not repeat
         */
        default boolean isPeriodic(String text) {
            return false;
        }
    }

    /** Sends on the current connection. */
    @FunctionalInterface
    public interface Link {
        /**
         * @param text the message
         * @return whether it was queued for sending (false once the connection is gone)
         */
        boolean send(String text);
    }

    private final String name;
    private final String url;
    private final Map<String, String> headers;
    private final List<String> secrets;
    private final Handler handler;
    private final OkHttpClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Duration authRetry;
    private final Duration healthyAfter;
    private final Duration tick;
    private final Object handlerLock = new Object();
    /** The handler's own ordered queue; {@code null} when the builder was given an executor. */
    private final HandlerQueue handlerQueue;
    private final Executor handlerExecutor;
    /** A tick waits in the handler's queue: the next one is not queued behind it. */
    private final AtomicBoolean tickPending = new AtomicBoolean();
    private final Object stateLock = new Object();
    private volatile ConnectionStatus status;
    private volatile boolean closed;
    private Attempt current;
    private Thread thread;
    private boolean sleepingInTick;

    private ReconnectingWebSocket(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.url = Objects.requireNonNull(b.url, "url");
        this.headers = Map.copyOf(b.headers);
        this.secrets = List.copyOf(b.secrets);
        this.handler = Objects.requireNonNull(b.handler, "handler");
        OkHttpClient base = b.okHttp != null ? b.okHttp : HttpToolkit.shared().okHttp();
        // pings find a silently dead peer (a server that never says anything while idle)
        this.client = base.newBuilder().pingInterval(b.pingInterval.toMillis(), TimeUnit.MILLISECONDS).build();
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
        this.random = b.random != null ? b.random : HttpToolkit.shared().random();
        this.backoffBase = b.backoffBase;
        this.backoffMax = b.backoffMax;
        this.authRetry = b.authRetry;
        this.healthyAfter = b.healthyAfter;
        this.tick = b.tick;
        this.handlerQueue = b.handlerExecutor == null ? new HandlerQueue(name, b.handlerQueue) : null;
        this.handlerExecutor = b.handlerExecutor != null ? b.handlerExecutor : handlerQueue;
        this.status = new ConnectionStatus(ConnectionStatus.State.CONNECTING, clock.instant(), null, 0, null);
    }

    /**
     * @param name a short name for logs and the thread, such as {@code plex}
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Starts the background thread (idempotent).
     *
     * @return this
     */
    public synchronized ReconnectingWebSocket start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, "crosswatch-ws-" + name);
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** @return the current state */
    public ConnectionStatus status() {
        return status;
    }

    /** @return the short name given to the builder */
    public String name() {
        return name;
    }

    /** @return the URL with secrets removed, safe to show */
    public String redactedUrl() {
        return Redactor.standard().url(url);
    }

    // ---------------------------------------------------------------- the connection loop

    private void run() {
        int failures = 0;
        while (!closed) {
            setStatus(ConnectionStatus.State.CONNECTING, null, failures, status.lastError());
            Attempt attempt = new Attempt();
            synchronized (stateLock) {
                if (closed) {
                    break;
                }
                current = attempt;
            }
            attempt.socket = client.newWebSocket(request(), attempt);
            try {
                attempt.settled.await();
            } catch (InterruptedException e) {
                attempt.socket.cancel();
                continue; // closed
            }
            Duration delay;
            ConnectionStatus.State waiting = ConnectionStatus.State.RECONNECTING;
            String why;
            if (attempt.openedAt != null) {
                connected(attempt);
                Instant lostAt = clock.instant();
                dispatch(() -> handler.onDisconnected(lostAt), false);
                if (closed) {
                    break;
                }
                if (Duration.between(attempt.openedAt, lostAt).compareTo(healthyAfter) >= 0) {
                    failures = 0;
                }
                failures++;
                delay = backoff(failures);
                why = "connection lost: " + attempt.reason();
                LOG.log(Level.INFO, "{0}: {1} ({2}); reconnecting in {3}", name, why, redactedUrl(), delay);
            } else if (attempt.code == 401 || attempt.code == 403) {
                failures++;
                delay = authRetry;
                waiting = ConnectionStatus.State.AUTH_FAILED;
                why = "the server refused the credentials (HTTP " + attempt.code + ")";
                LOG.log(Level.WARNING, "{0}: {1} at {2}; check the token; retrying in {3}", name, why, redactedUrl(), delay);
            } else {
                failures++;
                delay = backoff(failures);
                why = "connect failed: " + attempt.reason();
                LOG.log(Level.WARNING, "{0}: {1} ({2}); attempt {3}, retrying in {4}", name, why, redactedUrl(), failures, delay);
            }
            if (closed) {
                break;
            }
            status = new ConnectionStatus(waiting, clock.instant(), clock.instant().plus(delay), failures, why);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                // closed while waiting
            }
        }
        setStatus(ConnectionStatus.State.CLOSED, null, 0, status.lastError());
    }

    /** Ticks the handler until the connection is lost or this is closed. */
    private void connected(Attempt attempt) {
        LOG.log(Level.INFO, "{0}: connected to {1}", name, redactedUrl());
        Link link = attempt::send;
        while (!closed) {
            synchronized (stateLock) {
                if (attempt.lost) {
                    return;
                }
                sleepingInTick = true;
            }
            try {
                sleeper.sleep(tick);
            } catch (InterruptedException e) {
                // lost or closed: both checked below
            } finally {
                synchronized (stateLock) {
                    sleepingInTick = false;
                    Thread.interrupted(); // an interrupt that raced the end of the sleep is spent here
                }
            }
            if (attempt.lost || closed) {
                return;
            }
            if (tickPending.compareAndSet(false, true)) {
                dispatch(() -> {
                    tickPending.set(false);
                    handler.onTick(link, clock.instant());
                }, false);
            }
        }
    }

    /** Runs a handler call in order, off OkHttp's reader thread (unless the builder's executor runs it inline). */
    private void dispatch(Runnable call, boolean droppable) {
        Runnable locked = () -> {
            synchronized (handlerLock) {
                call.run();
            }
        };
        if (handlerQueue != null) {
            handlerQueue.submit(locked, droppable);
        } else {
            handlerExecutor.execute(locked);
        }
    }

    /** @return how many handler calls wait in this socket's own queue (0 with an executor from the builder) */
    int pendingHandlerCalls() {
        return handlerQueue == null ? 0 : handlerQueue.pending();
    }

    /** @return how many periodic messages were dropped because the handler fell behind */
    long droppedMessages() {
        return handlerQueue == null ? 0 : handlerQueue.dropped();
    }

    private Request request() {
        Request.Builder r = new Request.Builder().url(url);
        headers.forEach(r::header);
        return r.build();
    }

    /** @return {@code base * 2^(failures-1)}, capped, times a jitter factor in [0.8, 1.2], capped again */
    Duration backoff(int failures) {
        long baseMs = backoffBase.toMillis();
        long maxMs = backoffMax.toMillis();
        long raw = failures >= 31 ? maxMs : Math.min(maxMs, baseMs << Math.max(0, failures - 1));
        double factor = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.min(maxMs, Math.round(raw * factor)));
    }

    private void setStatus(ConnectionStatus.State state, Instant next, int failures, String error) {
        status = new ConnectionStatus(state, clock.instant(), next, failures, error);
    }

    /** @return the text with the URL and every registered secret replaced */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        return Redactor.standard().scrub(text.replace(url, redactedUrl()), secrets);
    }

    /** Stops the loop and closes the connection; returns once the thread has ended (at most a few seconds). */
    @Override
    public void close() {
        Thread t;
        Attempt a;
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
            a = current;
        }
        synchronized (this) {
            t = thread;
        }
        if (a != null && a.socket != null) {
            a.socket.close(1000, "closing");
            a.socket.cancel();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (handlerQueue != null) {
            handlerQueue.close(); // the calls queued before closing (a last stop) still reach the handler
        }
        setStatus(ConnectionStatus.State.CLOSED, null, 0, status.lastError());
        LOG.log(Level.DEBUG, "{0}: closed", name);
    }

    @Override
    public String toString() {
        return "ReconnectingWebSocket[" + name + " " + redactedUrl() + " " + status.state() + "]";
    }

    /** One connection attempt: its socket and how it ended. */
    private final class Attempt extends WebSocketListener {
        final CountDownLatch settled = new CountDownLatch(1);
        volatile WebSocket socket;
        volatile Instant openedAt;
        volatile boolean lost;
        volatile int code;
        volatile String reason;

        boolean send(String text) {
            return !lost && socket != null && socket.send(text);
        }

        String reason() {
            return reason == null ? "unknown" : reason;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            openedAt = clock.instant();
            setStatus(ConnectionStatus.State.CONNECTED, null, 0, null);
            dispatch(() -> handler.onOpen(this::send), false);
            settled.countDown();
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (lost || closed) {
                return;
            }
            try {
                handler.onReceipt(this::send, text);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: a message could not be answered on receipt: {1}", name, scrub(e.toString()));
            }
            boolean periodic;
            try {
                periodic = handler.isPeriodic(text);
            } catch (RuntimeException e) {
                periodic = false;
            }
            // no closed check inside: a message received before close (a last stop) still
            // reaches the handler while close() drains the queue
            dispatch(() -> {
                try {
                    handler.onMessage(this::send, text);
                } catch (RuntimeException e) {
                    // one bad message must not end the connection
                    LOG.log(Level.WARNING, "{0}: a message could not be handled: {1}", name, scrub(e.toString()));
                }
            }, periodic);
        }

        @Override
        public void onClosing(WebSocket webSocket, int closeCode, String closeReason) {
            webSocket.close(1000, null);
            end(null, "closed by the server (" + closeCode + ")");
        }

        @Override
        public void onClosed(WebSocket webSocket, int closeCode, String closeReason) {
            end(null, "closed (" + closeCode + ")");
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            // never print the response or request: their toString carries the URL and headers
            int status = response != null ? response.code() : 0;
            if (response != null) {
                response.close();
            }
            end(status, status != 0 ? "HTTP " + status : scrub(t.toString()));
        }

        private void end(Integer status, String why) {
            synchronized (stateLock) {
                if (lost) {
                    return;
                }
                if (status != null) {
                    code = status;
                }
                reason = why;
                lost = true;
                if (sleepingInTick && current == this) {
                    thread.interrupt(); // wake the tick sleep to reconnect now
                }
            }
            settled.countDown();
        }
    }

    /**
     * Builds a {@link ReconnectingWebSocket}.
     *
     * @since 0.1
     */
    @Api(status = Api.Status.EXPERIMENTAL)
    public static final class Builder {
        private final String name;
        private String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> secrets = new ArrayList<>();
        private Handler handler;
        private OkHttpClient okHttp;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random;
        private Duration backoffBase = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofMinutes(5);
        private Duration authRetry = Duration.ofMinutes(5);
        private Duration healthyAfter = Duration.ofSeconds(30);
        private Duration tick = Duration.ofSeconds(5);
        private Duration pingInterval = Duration.ofSeconds(30);
        private int handlerQueue = 1024;
        private Executor handlerExecutor;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** @return this; {@code http(s)://} or {@code ws(s)://}; secret query values are redacted in logs */
        public Builder url(String value) {
            this.url = Objects.requireNonNull(value, "url");
            return this;
        }

        /** @return this; a header sent on the upgrade request (never logged) */
        public Builder header(String headerName, String value) {
            headers.put(Objects.requireNonNull(headerName, "headerName"), Objects.requireNonNull(value, "value"));
            // the whole value and the token inside it ("Bearer abc", MediaBrowser Token="abc")
            secrets.addAll(Redactor.standard().secretValuesOfHeader(headerName, value));
            return this;
        }

        /** @return this; a value scrubbed from every log line and status message */
        public Builder secret(String value) {
            if (value != null && value.strip().length() >= Redactor.MIN_SCRUB_LENGTH) {
                secrets.add(value);
            }
            return this;
        }

        /** @return this; a secret value scrubbed from logs */
        public Builder secret(Secret value) {
            return secret(value == null ? null : value.reveal());
        }

        /** @return this */
        public Builder handler(Handler value) {
            this.handler = value;
            return this;
        }

        /** @return this; by default the shared toolkit's client */
        public Builder okHttp(OkHttpClient value) {
            this.okHttp = value;
            return this;
        }

        /** @return this */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** @return this */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** @return this; the jitter source, by default the shared toolkit's */
        public Builder random(RandomGenerator value) {
            this.random = value;
            return this;
        }

        /** @return this; the first reconnect delay (1 s) */
        public Builder backoffBase(Duration value) {
            this.backoffBase = positive(value, "backoffBase");
            return this;
        }

        /** @return this; the longest reconnect delay (5 min) */
        public Builder backoffMax(Duration value) {
            this.backoffMax = positive(value, "backoffMax");
            return this;
        }

        /** @return this; the wait after refused credentials (5 min) */
        public Builder authRetry(Duration value) {
            this.authRetry = positive(value, "authRetry");
            return this;
        }

        /** @return this; a connection up this long resets the backoff (30 s) */
        public Builder healthyAfter(Duration value) {
            this.healthyAfter = positive(value, "healthyAfter");
            return this;
        }

        /** @return this; how often the handler is ticked while connected (5 s) */
        public Builder tick(Duration value) {
            this.tick = positive(value, "tick");
            return this;
        }

        /** @return this; the websocket ping interval (30 s) */
        public Builder pingInterval(Duration value) {
            this.pingInterval = positive(value, "pingInterval");
            return this;
        }

        /** @return this; how many handler calls may wait before periodic messages are dropped (1024) */
        public Builder handlerQueue(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("handlerQueue must be positive, got " + capacity);
            }
            this.handlerQueue = capacity;
            return this;
        }

        /**
         * @return this; runs the handler calls instead of this socket's own bounded queue and
         *         thread; it must keep their order ({@code Runnable::run} calls the handler inline,
         *         on OkHttp's reader thread and the socket's thread, as tests may want)
         */
        public Builder handlerExecutor(Executor value) {
            this.handlerExecutor = Objects.requireNonNull(value, "handlerExecutor");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }

        /** @return the socket, not started */
        public ReconnectingWebSocket build() {
            return new ReconnectingWebSocket(this);
        }
    }
}
