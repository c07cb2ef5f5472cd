package io.crosswatch.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.core.local.LocalTracker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party example end to end: a forked JVM runs core on the module path ({@code java
 * --module-path <api, core and its dependencies> --add-modules ALL-MODULE-PATH}) with the built
 * {@code examples/hello-provider} jar dropped into its plugins directory, discovers {@code hello}
 * there, connects it with an API key, and syncs its watchlist two-way with the local tracker
 * through the orchestrator and the generic module. The Hello Watchlist service is a small
 * stateful {@link HttpServer} on loopback in this JVM.
 */
class HelloPluginEndToEndTest {

    static final String API_KEY = "hello-e2e-key-77c1f0a9";

    @TempDir
    Path work;

    private HttpServer server;
    private final Map<String, String> entries = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private int nextId = 1;

    @BeforeEach
    void startService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        store("{\"type\":\"movie\",\"title\":\"The Matrix\",\"year\":1999,\"ids\":{\"imdb\":\"tt0133093\",\"tmdb\":\"603\"}}");
        store("{\"type\":\"show\",\"title\":\"Severance\",\"year\":2022,\"ids\":{\"tvdb\":\"371980\"}}");
    }

    @AfterEach
    void stopService() {
        server.stop(0);
    }

    /** The service: X-Api-Key checked, GET /me, GET and POST /watchlist, DELETE /watchlist/{id}. */
    private void serve(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
        int status;
        String answer;
        if (!API_KEY.equals(ex.getRequestHeaders().getFirst("X-Api-Key"))) {
            status = 401;
            answer = "{\"error\":\"invalid api key\"}";
        } else if (method.equals("GET") && path.equals("/me")) {
            status = 200;
            answer = "{\"user\":\"alice\"}";
        } else if (method.equals("GET") && path.equals("/watchlist")) {
            status = 200;
            synchronized (entries) {
                answer = "[" + String.join(",", entries.values()) + "]";
            }
        } else if (method.equals("POST") && path.equals("/watchlist")) {
            status = 201;
            answer = entries.get(store(body));
        } else if (method.equals("DELETE") && path.startsWith("/watchlist/")) {
            status = entries.remove(path.substring("/watchlist/".length())) != null ? 204 : 404;
            answer = "";
        } else {
            status = 404;
            answer = "{\"error\":\"no such endpoint\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    /** Stores an entry object (without id) and returns the id it got. */
    private synchronized String store(String entry) {
        String id = String.valueOf(nextId++);
        entries.put(id, "{\"id\":\"" + id + "\"," + entry.strip().substring(1));
        return id;
    }

    @Test
    void aDroppedInPluginIsDiscoveredConnectedAndSyncsWithTheLocalTracker() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path helloJar = FixtureJars.examplePluginJar("example.hello", Files.createDirectories(work.resolve("built")));
        Files.copy(helloJar, plugins.resolve("hello-provider.jar"));
        Path localFile = work.resolve("local-tracker.db");
        MediaItem dune = MediaItem.builder(MediaType.MOVIE).title("Dune: Part Two").year(2024)
                .ids(MediaIds.of(MediaIds.IMDB, "tt15239678")).build();
        try (LocalTracker local = LocalTracker.open(localFile)) {
            local.add(Feature.WATCHLIST, List.of(dune), false);
        }

        List<String> modulePath = FixtureJars.applicationModules().stream().map(Path::toString).toList();
        assertTrue(modulePath.stream().noneMatch(p -> p.contains("hello-provider")), "the plugin is not on the module path");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(java.io.File.pathSeparator, modulePath),
                "--add-modules", "ALL-MODULE-PATH",
                "-cp", FixtureJars.locationOf(HelloPluginMain.class).toString(),
                HelloPluginMain.class.getName(),
                plugins.toString(), work.resolve("config.json").toString(), localFile.toString(),
                "http://127.0.0.1:" + server.getAddress().getPort(), API_KEY);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the forked JVM did not exit:\n" + output);
        assertEquals(0, process.exitValue(), "the forked JVM failed:\n" + output);
        List<String> lines = output.lines().collect(Collectors.toList());

        assertTrue(lines.contains("CORE module io.crosswatch.core"), "core runs as a named module:\n" + output);
        for (String family : List.of("AUTH", "CONNECTOR")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("DISCOVERED " + family + ":hello@module example.hello")
                    && l.contains("hello-provider.jar")), family + " hello from the plugins directory:\n" + output);
        }
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("PROBLEM")), output);
        assertTrue(lines.contains("HELLO-MODULE module example.hello in the boot layer: false"),
                "the plugin lives in a child layer:\n" + output);
        assertTrue(lines.contains("STATUS CONNECTED"), output);

        // Run 1: Dune goes to hello, The Matrix and Severance come to the local tracker.
        String run1 = line(lines, "RUN1 ", output);
        assertTrue(run1.startsWith("RUN1 SUCCESS module=generic"), run1);
        assertTrue(run1.contains("toTarget=Counts[added=2, removed=0, updated=0]"), run1);
        assertTrue(run1.contains("toSource=Counts[added=1, removed=0, updated=0]"), run1);
        // Run 2: both sides agree; nothing is written.
        String run2 = line(lines, "RUN2 ", output);
        assertTrue(run2.startsWith("RUN2 SUCCESS") && run2.contains("toTarget=Counts[added=0, removed=0, updated=0]")
                && run2.contains("toSource=Counts[added=0, removed=0, updated=0]"), run2);

        List<String> posts = requests.stream().filter(r -> r.startsWith("POST")).toList();
        assertEquals(1, posts.size(), requests.toString());
        assertTrue(posts.get(0).contains("\"imdb\":\"tt15239678\"") && posts.get(0).contains("\"type\":\"movie\""),
                posts.get(0));
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("DELETE")), requests.toString());
        try (LocalTracker local = LocalTracker.open(localFile)) {
            List<MediaItem> watchlist = local.items(Feature.WATCHLIST);
            assertEquals(3, watchlist.size(), watchlist.toString());
            assertTrue(watchlist.stream().anyMatch(i -> i.ids().imdb().orElse("").equals("tt0133093")), watchlist.toString());
            assertTrue(watchlist.stream().anyMatch(i -> i.type() == MediaType.SHOW
                    && i.ids().tvdb().orElse("").equals("371980")), watchlist.toString());
        }
        assertFalse(output.contains(API_KEY), "the API key leaked into the output:\n" + output);
        assertFalse(Files.readString(work.resolve("config.json")).isEmpty());
    }

    private static String line(List<String> lines, String prefix, String output) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + "in:\n" + output));
    }
}
