package io.crosswatch.core.http;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancelling a token aborts a call that is waiting for the server's answer. */
class CancellationTest {

    private final CountDownLatch arrived = new CountDownLatch(1);
    private ServerSocket server;
    private ExecutorService serverThread;

    /** A loopback server that accepts the connection and never answers. */
    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        serverThread = Executors.newSingleThreadExecutor();
        serverThread.submit(() -> {
            try (Socket socket = server.accept()) {
                arrived.countDown();
                socket.getInputStream().read(new byte[8192]); // hold the connection open
                socket.getInputStream().read(new byte[8192]);
            }
            return null;
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        serverThread.shutdownNow();
    }

    @Test
    void cancellingTheTokenAbortsAnInFlightCall() throws Exception {
        FakeTime time = FakeTime.at("2026-01-01T00:00:00Z");
        CancellationToken token = CancellationToken.create();
        ServiceClient client = HttpToolkit.builder().clock(time).sleeper(time).build().client("jellyfin")
                .baseUrl("http://127.0.0.1:" + server.getLocalPort()).cancellation(token).build();

        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> client.get("/slow"));
        assertTrue(arrived.await(10, TimeUnit.SECONDS), "the request reached the server");
        long start = System.nanoTime();
        token.cancel("run stopped");

        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CancelledException.class, e.getCause());
        assertEquals("run stopped", e.getCause().getMessage());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5, "aborted promptly");
        assertTrue(time.sleeps().isEmpty(), "a cancelled call is not retried");
    }
}
