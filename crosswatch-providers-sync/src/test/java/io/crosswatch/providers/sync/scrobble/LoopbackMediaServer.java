package io.crosswatch.providers.sync.scrobble;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A media server on loopback for the watcher tests: one websocket path (upgrades are accepted
 * unless refused with {@link #refuseNextUpgrades}), JSON answers for fixed paths, request counts
 * per path, the server side of each accepted connection and every text the client sent.
 */
public final class LoopbackMediaServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final String socketPath;
    private final Map<String, String> json = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> upgrades = new CopyOnWriteArrayList<>();
    private final BlockingQueue<WebSocket> connections = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile int refusalCode = 401;

    /**
     * @param socketPath the websocket path, such as {@code /:/websockets/notifications}
     */
    public LoopbackMediaServer(String socketPath) {
        this.socketPath = socketPath;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        requests.add(request);
        if (path.equals(socketPath)) {
            upgrades.add(request);
            if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new MockResponse.Builder().code(refusalCode).body("{\"error\":\"refused\"}").build();
            }
            return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                @Override
                public void onOpen(WebSocket webSocket, Response response) {
                    connections.add(webSocket);
                }

                @Override
                public void onMessage(WebSocket webSocket, String text) {
                    received.add(text);
                }

                @Override
                public void onClosing(WebSocket webSocket, int code, String reason) {
                    webSocket.close(1000, null);
                }
            }).build();
        }
        Integer status = statuses.get(path);
        if (status != null) {
            return new MockResponse.Builder().code(status).body("{}").build();
        }
        String body = json.get(path);
        if (body == null) {
            return new MockResponse.Builder().code(404).body("{}").build();
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** @return the base URL, without a trailing slash */
    public String url() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    /** Answers {@code GET path} (query ignored) with {@code body}. */
    public LoopbackMediaServer json(String path, String body) {
        statuses.remove(path);
        json.put(path, body);
        return this;
    }

    /** Answers {@code path} with {@code code} and an empty object until {@link #json} is called for it. */
    public LoopbackMediaServer status(String path, int code) {
        statuses.put(path, code);
        return this;
    }

    /** Refuses the next {@code n} upgrades with {@code code}. */
    public void refuseNextUpgrades(int n, int code) {
        refusalCode = code;
        refusals.set(n);
    }

    /** @return the server side of the next accepted connection */
    public WebSocket awaitConnection() throws InterruptedException {
        WebSocket ws = connections.poll(10, TimeUnit.SECONDS);
        assertNotNull(ws, "the watcher did not connect");
        return ws;
    }

    /** @return the next text the client sent */
    public String awaitReceived() throws InterruptedException {
        String s = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "the watcher sent nothing");
        return s;
    }

    /** @return what the client sent and was not yet taken */
    public List<String> drainReceived() {
        List<String> out = new java.util.ArrayList<>();
        received.drainTo(out);
        return out;
    }

    /** @return requests to {@code path} so far */
    public int count(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    /** @return every request to {@code path} (websocket upgrades included), in order */
    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
    }

    /** @return every upgrade request, in order */
    public List<RecordedRequest> upgrades() {
        return List.copyOf(upgrades);
    }

    @Override
    public void close() {
        server.close();
    }
}
