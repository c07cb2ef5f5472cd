package io.crosswatch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The toolkit's overhead on one small JSON GET (rate limiter, header building, redacted
 * logging check, retry bookkeeping, decoding) against a bare OkHttp call doing the same
 * request and the same JSON parse, both to a JDK {@link HttpServer} on loopback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs
// and every call costs ~40 ms of waiting, hiding the clients' own cost.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HttpToolkitBenchmark {

    private static final byte[] BODY = "{\"title\":\"Heat\",\"year\":1995,\"ids\":{\"trakt\":1,\"imdb\":\"tt0113277\",\"tmdb\":949}}"
            .getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private ExecutorService serverThreads;
    private ServiceClient toolkitClient;
    private OkHttpClient bare;
    private Request bareRequest;
    private ObjectMapper mapper;

    /** Starts the loopback server and both clients. */
    @Setup
    public void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.createContext("/movies", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        HttpToolkit toolkit = HttpToolkit.builder().build();
        toolkitClient = toolkit.client("bench").baseUrl(base).header("trakt-api-version", "2").build();
        mapper = toolkit.mapper();
        bare = new OkHttpClient();
        bareRequest = new Request.Builder().url(base + "/movies/heat?extended=full")
                .header("trakt-api-version", "2").header("Accept", "application/json").build();
    }

    /** Stops the server and releases the bare client's threads and connections. */
    @TearDown
    public void tearDown() {
        server.stop(0);
        serverThreads.shutdownNow();
        bare.dispatcher().executorService().shutdown();
        bare.connectionPool().evictAll();
    }

    /** @return the decoded body through the toolkit */
    @Benchmark
    public JsonNode toolkitGet() {
        return toolkitClient.get("/movies/heat", Query.of("extended", "full"));
    }

    /** @return the decoded body through a bare OkHttp call */
    @Benchmark
    public JsonNode bareOkHttpGet() throws IOException {
        try (Response response = bare.newCall(bareRequest).execute()) {
            return mapper.readTree(response.body().bytes());
        }
    }
}
