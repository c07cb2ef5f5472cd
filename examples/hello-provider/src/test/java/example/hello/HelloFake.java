package example.hello;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful Hello Watchlist behind WireMock: answers {@code /me} and {@code /watchlist} from an
 * in-memory list, deduplicates a POST by shared id as the real service would, and fails with
 * 503 under {@code /down} or everywhere once {@link #breakDown()} is called. Register it with
 * {@code wireMockConfig().extensions(fake)} and route every request to it with
 * {@code any(anyUrl()).willReturn(aResponse().withTransformers(HelloFake.NAME))}.
 */
final class HelloFake implements ResponseDefinitionTransformerV2 {

    static final String NAME = "hello-fake";
    static final String API_KEY = "hello-api-key-3f9a27c1e8";
    static final String USER = "alice";

    private final Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
    private int nextId;
    private volatile boolean down;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    synchronized void reset() {
        entries.clear();
        nextId = 100;
        down = false;
    }

    void breakDown() {
        down = true;
    }

    /** Stores an entry as if the user had added it on the service; returns its id. */
    synchronized String seed(String type, String title, int year, String... namespaceAndId) {
        Map<String, Object> ids = new LinkedHashMap<>();
        for (int i = 0; i < namespaceAndId.length; i += 2) {
            ids.put(namespaceAndId[i], namespaceAndId[i + 1]);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", type);
        entry.put("title", title);
        entry.put("year", (long) year);
        entry.put("ids", ids);
        return store(entry);
    }

    synchronized List<Map<String, Object>> entries() {
        return List.copyOf(entries.values());
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request req = event.getRequest();
        String path = URI.create(req.getUrl()).getPath();
        String method = req.getMethod().getName();
        if (down || path.startsWith("/down")) {
            return answer(503, "{\"error\":\"maintenance\"}");
        }
        if (!API_KEY.equals(req.getHeader("X-Api-Key"))) {
            return answer(401, "{\"error\":\"invalid api key\"}");
        }
        if (method.equals("GET") && path.equals("/me")) {
            return answer(200, HelloJson.write(Map.of("user", USER)));
        }
        if (method.equals("GET") && path.equals("/watchlist")) {
            return answer(200, HelloJson.write(new ArrayList<>(entries.values())));
        }
        if (method.equals("POST") && path.equals("/watchlist")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) HelloJson.parse(req.getBodyAsString());
            for (Map<String, Object> existing : entries.values()) {
                if (sameTitle(existing, entry)) {
                    return answer(200, HelloJson.write(existing));
                }
            }
            return answer(201, HelloJson.write(entries.get(store(entry))));
        }
        if (method.equals("DELETE") && path.startsWith("/watchlist/")) {
            return entries.remove(path.substring("/watchlist/".length())) != null ? answer(204, "")
                    : answer(404, "{\"error\":\"no such entry\"}");
        }
        return answer(404, "{\"error\":\"no such endpoint\"}");
    }

    private String store(Map<String, Object> entry) {
        String id = String.valueOf(nextId++);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("id", id);
        stored.putAll(entry);
        entries.put(id, stored);
        return id;
    }

    private static boolean sameTitle(Map<String, Object> a, Map<String, Object> b) {
        if (!a.get("type").equals(b.get("type"))) {
            return false;
        }
        Map<?, ?> ia = (Map<?, ?>) a.get("ids");
        Map<?, ?> ib = (Map<?, ?>) b.get("ids");
        return ia.entrySet().stream().anyMatch(e -> e.getValue().equals(ib.get(e.getKey())));
    }

    private static ResponseDefinition answer(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }
}
