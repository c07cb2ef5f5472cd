package io.crosswatch.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.SteppedTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.random.RandomGenerator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconnect loop against a loopback websocket server, on stepped virtual time: refused
 * upgrades and dropped connections back off exponentially, a healthy connection resets the
 * backoff, refused credentials wait the slow auth retry, and no secret reaches a log line.
 */
class ReconnectingWebSocketTest {

    static final String API_KEY = "ws-api-key-7d3f9a2b1c";
    static final String TOKEN = "ws-header-token-5e8c1a";
    static final Duration TICK = Duration.ofSeconds(7); // distinct from every backoff value below

    final SteppedTime time = SteppedTime.create();
    final MockWebServer server = new MockWebServer();
    final BlockingQueue<MockResponse> script = new LinkedBlockingQueue<>();
    final BlockingQueue<WebSocket> serverSockets = new LinkedBlockingQueue<>();
    final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    /** What the client sent, as the server side read it. */
    final BlockingQueue<String> fromClient = new LinkedBlockingQueue<>();
    final Capture logs = new Capture();
    ReconnectingWebSocket socket;

    /** A jitter source at the middle of its range: the factor is exactly 1. */
    static final RandomGenerator NO_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    static final class Capture extends Handler {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord r) {
            StringBuilder sb = new StringBuilder(new SimpleFormatter().formatMessage(r));
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                sb.append('\n').append(w);
            }
            lines.add(sb.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse next = script.poll();
                return next != null ? next : new MockResponse.Builder().code(503).build();
            }
        });
        server.start();
        Logger.getLogger("").addHandler(logs);
        Logger.getLogger(ReconnectingWebSocket.class.getName()).setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.close();
        }
        server.close();
        Logger.getLogger("").removeHandler(logs);
    }

    /** An upgrade whose server side either stays open (its socket is handed to the test) or closes at once. */
    MockResponse upgrade(boolean dropAtOnce) {
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                if (dropAtOnce) {
                    webSocket.close(1001, "going away");
                } else {
                    serverSockets.add(webSocket);
                }
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                fromClient.add(text);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                // answer the client's close as a real server does; otherwise the server side stays
                // half-open and MockWebServer.close() can give up waiting for it under load
                webSocket.close(code, reason);
            }
        }).build();
    }

    ReconnectingWebSocket open() {
        socket = ReconnectingWebSocket.builder("test")
                .url(server.url("/socket").toString() + "?api_key=" + API_KEY + "&deviceId=dev-1")
                .header("X-Plex-Token", TOKEN)
                .secret(API_KEY)
                .clock(time.clock()).sleeper(time.sleeper()).random(NO_JITTER)
                .tick(TICK)
                .handler(new ReconnectingWebSocket.Handler() {
                    @Override
                    public void onOpen(ReconnectingWebSocket.Link link) {
                        seen.add("open");
                    }

                    @Override
                    public void onMessage(ReconnectingWebSocket.Link link, String text) {
                        seen.add("message " + text);
                    }

                    @Override
                    public void onTick(ReconnectingWebSocket.Link link, Instant now) {
                        seen.add("tick");
                    }

                    @Override
                    public void onDisconnected(Instant now) {
                        seen.add("down");
                    }
                })
                .build();
        return socket.start();
    }

    int sleepCursor;

    /**
     * @param tick whether the next wanted sleep is a tick (else a backoff)
     * @return the next such sleep; a tick sleep begun just before a drop is noticed is skipped
     */
    Duration nextSleep(boolean tick) throws Exception {
        while (true) {
            Duration d = time.awaitSleep(sleepCursor++);
            if (d.equals(TICK) == tick) {
                return d;
            }
        }
    }

    String next() throws InterruptedException {
        String s = seen.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "the handler heard nothing");
        return s;
    }

    @Test
    void backsOffExponentiallyAndResetsAfterAHealthyConnection() throws Exception {
        script.add(new MockResponse.Builder().code(500).build());
        script.add(new MockResponse.Builder().code(502).build());
        script.add(upgrade(true));
        script.add(upgrade(false));
        open();

        assertEquals(Duration.ofSeconds(1), nextSleep(false), "first refusal");
        ConnectionStatus st = socket.status();
        assertEquals(ConnectionStatus.State.RECONNECTING, st.state());
        assertEquals(time.clock().instant().plusSeconds(1), st.nextAttempt());
        assertEquals(1, st.failures());
        time.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(2), nextSleep(false), "second refusal doubles");
        time.advance(Duration.ofSeconds(2));

        // opened, then dropped at once: not healthy, so the backoff keeps growing
        assertEquals("open", next());
        assertEquals("down", next());
        assertEquals(Duration.ofSeconds(4), nextSleep(false));
        time.advance(Duration.ofSeconds(4));

        // this one stays up
        assertEquals("open", next());
        WebSocket serverSide = serverSockets.poll(10, TimeUnit.SECONDS);
        assertNotNull(serverSide);
        assertEquals(TICK, nextSleep(true), "connected: the loop ticks");
        assertEquals(ConnectionStatus.State.CONNECTED, socket.status().state());
        assertEquals(0, socket.status().failures());
        serverSide.send("hello");
        assertEquals("message hello", next());
        time.advance(Duration.ofSeconds(60));
        assertEquals("tick", next());
        assertEquals(TICK, nextSleep(true));

        // a loss after a minute up starts the backoff from its base again
        serverSide.close(1001, "restarting");
        assertEquals("down", next());
        assertEquals(Duration.ofSeconds(1), nextSleep(false));
        assertEquals(ConnectionStatus.State.RECONNECTING, socket.status().state());
        assertEquals(1, socket.status().failures());
        assertEquals(4, server.getRequestCount());

        socket.close();
        assertEquals(ConnectionStatus.State.CLOSED, socket.status().state());
        assertEquals(4, server.getRequestCount(), "no attempt after close");
    }

    @Test
    void refusedCredentialsWaitTheSlowRetryAndNoSecretIsLogged() throws Exception {
        script.add(new MockResponse.Builder().code(401).body("{\"error\":\"bad token\"}").build());
        open();

        assertEquals(Duration.ofMinutes(5), nextSleep(false), "401 is retried slowly, not hammered");
        ConnectionStatus st = socket.status();
        assertEquals(ConnectionStatus.State.AUTH_FAILED, st.state());
        assertEquals(time.clock().instant().plus(Duration.ofMinutes(5)), st.nextAttempt());
        assertTrue(st.lastError().contains("401"), st.lastError());
        RecordedRequest upgrade = server.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(upgrade);
        assertEquals(TOKEN, upgrade.getHeaders().get("X-Plex-Token"), "the token travels in the header");
        assertEquals(API_KEY, upgrade.getUrl().queryParameter("api_key"));

        // the next attempt is refused otherwise (503): ordinary backoff again
        time.advance(Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(2), nextSleep(false), "503 after the 401: ordinary backoff, second failure");

        SecretScanner secrets = new SecretScanner().add("api_key", API_KEY).add("X-Plex-Token", TOKEN);
        List<String> lines = List.copyOf(logs.lines);
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            secrets.assertNotIn("log line", line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("api_key=" + Redactor.MASK)), lines.toString());
        secrets.assertNotIn("status", socket.status().toString());
        secrets.assertNotIn("toString", socket.toString());
    }

    /**
     * Opens a socket whose handler gets stuck on the message {@code block} (a scrobble target that
     * does not answer) until {@code release} opens, and sends that message.
     *
     * @return the server side, once the handler has started on {@code block}
     */
    WebSocket openWithStuckHandler(String name, CountDownLatch release) throws Exception {
        script.add(upgrade(false));
        socket = ReconnectingWebSocket.builder(name).url(server.url("/socket").toString())
                .clock(time.clock()).sleeper(time.sleeper()).random(NO_JITTER).tick(TICK)
                .handler(new ReconnectingWebSocket.Handler() {
                    @Override
                    public void onOpen(ReconnectingWebSocket.Link link) {
                        seen.add("open");
                    }

                    @Override
                    public void onReceipt(ReconnectingWebSocket.Link link, String text) {
                        if (text.equals("keepalive?")) {
                            link.send("keepalive!");
                        }
                    }

                    @Override
                    public void onMessage(ReconnectingWebSocket.Link link, String text) {
                        seen.add("message " + text);
                        if (text.equals("block")) {
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }

                    @Override
                    public void onDisconnected(Instant now) {
                        seen.add("down");
                    }
                })
                .build().start();
        assertEquals("open", next());
        WebSocket serverSide = serverSockets.poll(10, TimeUnit.SECONDS);
        assertNotNull(serverSide);
        serverSide.send("block");
        assertEquals("message block", next());
        return serverSide;
    }

    @Test
    void aBlockedHandlerDoesNotStopTheSocketFromReadingTheNextFrames() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WebSocket serverSide = openWithStuckHandler("blocked", release);

        // while the handler is stuck, the reader reads the next message and answers the close frame
        serverSide.send("next");
        serverSide.close(1001, "going away");
        assertEquals(Duration.ofSeconds(1), nextSleep(false), "the loss was noticed: backing off to reconnect");
        assertEquals(ConnectionStatus.State.RECONNECTING, socket.status().state());
        assertEquals(2, socket.pendingHandlerCalls(), "the message and the disconnect wait, in order");
        assertTrue(seen.isEmpty(), seen.toString());

        release.countDown();
        assertEquals("message next", next());
        assertEquals("down", next());
    }

    @Test
    void aMessageIsAnsweredOnReceiptWhileTheHandlerIsStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WebSocket serverSide = openWithStuckHandler("receipt", release);
        try {
            serverSide.send("keepalive?");
            assertEquals("keepalive!", fromClient.poll(10, TimeUnit.SECONDS), "answered on the reader thread");
            assertTrue(seen.isEmpty(), "the handler is still stuck: " + seen);
        } finally {
            release.countDown();
        }
        assertEquals("message keepalive?", next(), "and still handed to the handler, in order");
    }

    @Test
    void aMessageQueuedBeforeCloseStillReachesTheHandler() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WebSocket serverSide = openWithStuckHandler("closing", release);
        serverSide.send("stop"); // the last stop, queued behind the stuck call
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (socket.pendingHandlerCalls() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, socket.pendingHandlerCalls(), "the stop is queued");

        Thread closer = new Thread(socket::close, "closer");
        closer.start();
        // close() marks the socket closed before it waits for anything: once it waits, release the handler
        while (closer.getState() != Thread.State.WAITING && closer.getState() != Thread.State.TIMED_WAITING
                && closer.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        release.countDown();
        assertEquals("message stop", next(), "a message received before close was dropped");
        closer.join(TimeUnit.SECONDS.toMillis(15));
        assertEquals(ConnectionStatus.State.CLOSED, socket.status().state());
    }

    @Test
    void backoffIsCappedAndJittered() {
        ReconnectingWebSocket s = ReconnectingWebSocket.builder("cap").url("http://127.0.0.1:1/x")
                .handler(NOOP)
                .clock(time.clock()).sleeper(time.sleeper()).random(NO_JITTER).build();
        assertEquals(Duration.ofSeconds(256), s.backoff(9));
        assertEquals(Duration.ofMinutes(5), s.backoff(10), "capped at 5 min");
        assertEquals(Duration.ofMinutes(5), s.backoff(64));
        ReconnectingWebSocket low = ReconnectingWebSocket.builder("low").url("http://127.0.0.1:1/x").handler(NOOP)
                .random(fixed(0.0)).build();
        ReconnectingWebSocket high = ReconnectingWebSocket.builder("high").url("http://127.0.0.1:1/x").handler(NOOP)
                .random(fixed(0.999)).build();
        assertEquals(Duration.ofMillis(3200), low.backoff(3), "jitter -20 %");
        assertEquals(Duration.ofMillis(4798), high.backoff(3), "jitter about +20 %");
        assertEquals(Duration.ofMinutes(5), high.backoff(20), "jitter never passes the cap");
    }

    static final ReconnectingWebSocket.Handler NOOP = new ReconnectingWebSocket.Handler() {
        @Override
        public void onOpen(ReconnectingWebSocket.Link link) {
        }

        @Override
        public void onMessage(ReconnectingWebSocket.Link link, String text) {
        }
    };

    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
