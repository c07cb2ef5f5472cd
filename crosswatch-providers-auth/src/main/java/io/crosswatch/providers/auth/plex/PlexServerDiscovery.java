package io.crosswatch.providers.auth.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a Plex Media Server and a connection to it from plex.tv's resources: servers
 * ({@code provides} contains {@code server}) in preference order, and per server its
 * connections local first, then remote, then relay; each candidate is probed with
 * {@code GET {uri}/identity} (short timeout, no retries) and the first that answers with the
 * server's machine identifier wins.
 */
final class PlexServerDiscovery {

    private static final System.Logger LOG = System.getLogger(PlexServerDiscovery.class.getName());

    /** The chosen server: its name, machine identifier, base URL and access token. */
    record Choice(String name, String machineId, String url, String accessToken) {
        @Override
        public String toString() {
            return "Choice[" + name + " " + machineId + " " + url + "]";
        }
    }

    /** One server from the resources, with its connections in probing order. */
    record Server(String name, String machineId, String accessToken, boolean owned, List<String> uris) {
        @Override
        public String toString() {
            return "Server[" + name + " " + machineId + " " + uris + "]";
        }
    }

    private final ServiceClient probe;

    PlexServerDiscovery(ProviderContext context) {
        Duration timeout = Duration.ofSeconds(context.config().number(PlexKeys.PROBE_TIMEOUT_SECONDS, 5));
        this.probe = HttpToolkit.shared().client("plex")
                .header("X-Plex-Client-Identifier", cfg -> cfg.require(PlexKeys.CLIENT_ID))
                .header("X-Plex-Product", cfg -> cfg.string(PlexKeys.PRODUCT).orElse(PlexTvClient.DEFAULT_PRODUCT))
                .retry(RetryPolicy.none())
                .connectTimeout(timeout)
                .callTimeout(timeout)
                .context(context)
                .build();
    }

    /**
     * @param resources the {@code /api/v2/resources} array
     * @param preferred a server name or machine identifier, or {@code null} for any
     * @return the servers in the order they are tried: the preferred one alone when given,
     *         else owned servers before shared ones
     */
    static List<Server> servers(JsonNode resources, String preferred) {
        List<Server> out = new ArrayList<>();
        for (JsonNode device : resources) {
            String provides = device.path("provides").asText("");
            if (!List.of(provides.split(",")).contains("server")) {
                continue;
            }
            String name = device.path("name").asText("");
            String machineId = device.path("clientIdentifier").asText("");
            if (preferred != null && !preferred.equalsIgnoreCase(name) && !preferred.equalsIgnoreCase(machineId)) {
                continue;
            }
            String token = device.path("accessToken").asText("");
            boolean owned = device.path("owned").asBoolean(false);
            boolean httpsRequired = device.path("httpsRequired").asBoolean(false);
            List<JsonNode> connections = new ArrayList<>();
            device.path("connections").forEach(connections::add);
            connections.sort(Comparator.comparingInt(PlexServerDiscovery::rank));
            List<String> uris = new ArrayList<>();
            for (JsonNode c : connections) {
                String uri = c.path("uri").asText("");
                if (uri.isBlank() || httpsRequired && !uri.toLowerCase(Locale.ROOT).startsWith("https:")) {
                    continue;
                }
                uris.add(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
            }
            out.add(new Server(name, machineId, token, owned, List.copyOf(uris)));
        }
        out.sort(Comparator.comparing(s -> !s.owned())); // stable: owned first, plex.tv's order otherwise
        return out;
    }

    /** Local before remote before relay. */
    private static int rank(JsonNode connection) {
        if (connection.path("relay").asBoolean(false)) {
            return 2;
        }
        return connection.path("local").asBoolean(false) ? 0 : 1;
    }

    /**
     * @param servers candidates in order
     * @return the first server connection that answers, if any
     */
    Optional<Choice> choose(List<Server> servers) {
        for (Server s : servers) {
            if (s.accessToken().isBlank()) {
                LOG.log(System.Logger.Level.DEBUG, "plex: skipping server {0}: no access token for this account", s.name());
                continue;
            }
            for (String uri : s.uris()) {
                if (answers(uri, s)) {
                    return Optional.of(new Choice(s.name(), s.machineId(), uri, s.accessToken()));
                }
            }
        }
        return Optional.empty();
    }

    private boolean answers(String uri, Server s) {
        try {
            JsonNode identity = probe.request("GET", uri + "/identity").withoutAuth()
                    .header("X-Plex-Token", s.accessToken()).json();
            String id = identity.path("MediaContainer").path("machineIdentifier").asText("");
            boolean same = id.isEmpty() || s.machineId().isEmpty() || id.equals(s.machineId());
            if (!same) {
                LOG.log(System.Logger.Level.DEBUG, "plex: {0} answers as another server", uri);
            }
            return same;
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            LOG.log(System.Logger.Level.DEBUG, "plex: connection {0} of {1} does not answer: {2}", uri, s.name(),
                    e.getMessage());
            return false;
        }
    }
}
