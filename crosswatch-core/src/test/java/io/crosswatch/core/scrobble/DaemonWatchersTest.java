package io.crosswatch.core.scrobble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.Secret;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleSource;
import io.crosswatch.api.scrobble.WebhookRequest;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.testkit.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The daemon's live connections: opened per daemon.listen entry (with its instance), listed by /health, closed on stop. */
class DaemonWatchersTest {

    final VirtualTime time = VirtualTime.create();
    final FakeTracker trakt = new FakeTracker("trakt", time.clock());
    final List<String> opened = new ArrayList<>();
    final List<String> closed = new ArrayList<>();

    /** A source with a live connection only; {@code broken} cannot open one. */
    final class LiveOnly implements ScrobbleSource {
        private final String name;

        LiveOnly(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean acceptsWebhooks() {
            return false;
        }

        @Override
        public List<ScrobbleEvent> parseWebhook(WebhookRequest request) {
            throw new AssertionError("the daemon must not hand webhooks to a source that takes none");
        }

        @Override
        public AutoCloseable listen(ProviderContext context, Consumer<ScrobbleEvent> sink) {
            if (name.equals("broken")) {
                throw new ConfigException("broken.serverUrl", "is required");
            }
            String id = name + "/" + context.config().instance();
            opened.add(id);
            return () -> closed.add(id);
        }
    }

    Daemon daemon(List<String> listen) {
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).register(trakt)
                .register(new LiveOnly("live")).register(new LiveOnly("broken"))
                .clock(time.clock()).sleeper(time.sleeper()).build();
        InMemoryStateStore store = new InMemoryStateStore();
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(store)
                .settings(ScrobbleSettings.builder().target(Endpoint.parse("trakt")).build()).build();
        return Daemon.builder().platform(platform).manager(manager)
                .settings(new DaemonSettings(null, 0, new Secret("0123456789abcdef"), 1024, Map.of(), listen)).build();
    }

    @Test
    void eachListenEntryOpensItsInstanceAndHealthListsItAndCloseClosesIt() throws Exception {
        Daemon d = daemon(List.of("live", "live:upstairs")).startEndpoint();
        try {
            assertEquals(List.of("live/default", "live/upstairs"), opened);
            OkHttpClient http = new OkHttpClient();
            String body;
            try (Response health = http.newCall(new Request.Builder().url("http://127.0.0.1:" + d.port() + "/health").build())
                    .execute()) {
                body = health.body().string();
            }
            JsonNode watchers = new ObjectMapper().readTree(body).path("watchers");
            assertEquals(2, watchers.size(), body);
            assertEquals("live", watchers.get(0).path("source").asText());
            assertEquals("RUNNING", watchers.get(0).path("state").asText(), "a handle that reports no state");
            assertEquals("live:upstairs", watchers.get(1).path("source").asText());
            try (Response hook = http.newCall(new Request.Builder().url("http://127.0.0.1:" + d.port() + "/webhook/live")
                    .header(Daemon.SECRET_HEADER, "0123456789abcdef")
                    .post(RequestBody.create("{}", MediaType.parse("application/json"))).build()).execute()) {
                assertEquals(404, hook.code(), "a live-only source takes no webhooks");
            }
        } finally {
            d.close();
        }
        assertEquals(List.of("live/default", "live/upstairs"), closed);
    }

    @Test
    void aWatcherThatCannotStartFailsTheStartAndClosesTheOthers() {
        Daemon d = daemon(List.of("live", "broken"));
        ConfigException e = assertThrows(ConfigException.class, d::startEndpoint);
        assertTrue(e.getMessage().contains("serverUrl"), e.getMessage());
        assertEquals(List.of("live/default"), closed, "the one already open is closed again");
        ConfigException missing = assertThrows(ConfigException.class, () -> daemon(List.of("nope")).startEndpoint());
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }
}
