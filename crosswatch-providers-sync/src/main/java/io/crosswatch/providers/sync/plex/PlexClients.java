package io.crosswatch.providers.sync.plex;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.ServiceClient;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP clients of a session: the Plex Media Server (server token) and the Plex cloud
 * (Discover watchlist and metadata, with the account's or home user's plex.tv token). All send
 * the client identifier, product and version headers and {@code Accept: application/json}.
 */
final class PlexClients {

    static final String DEFAULT_DISCOVER = "https://discover.provider.plex.tv";
    static final String DEFAULT_METADATA = "https://metadata.provider.plex.tv";
    private static final String DEFAULT_PRODUCT = "CrossWatch";

    private final ProviderConfig config;
    private final ServiceClient server;
    private final ServiceClient discover;
    private final ServiceClient metadata;

    /** @param toolkit the HTTP toolkit, or {@code null} for the shared one */
    PlexClients(ProviderContext context, HttpToolkit toolkit) {
        HttpToolkit http = toolkit != null ? toolkit : HttpToolkit.shared();
        if (context.config().string(PlexKeys.CLIENT_ID).isEmpty()) {
            // A hand-written config may lack it; plex.tv and /:/timeline want a stable one.
            context.store().update(Map.of(PlexKeys.CLIENT_ID, UUID.randomUUID().toString()));
        }
        this.config = context.config();
        this.server = config.has(PlexKeys.SERVER_URL)
                ? base(http, context).baseUrl(config.url(PlexKeys.SERVER_URL, null))
                        .auth(AuthScheme.header("X-Plex-Token", PlexClients::serverToken)).build()
                : null;
        AuthScheme account = AuthScheme.header("X-Plex-Token", PlexClients::accountToken);
        this.discover = base(http, context).baseUrl(config.url(PlexKeys.DISCOVER_URL, DEFAULT_DISCOVER)).auth(account).build();
        this.metadata = base(http, context).baseUrl(config.url(PlexKeys.METADATA_URL, DEFAULT_METADATA)).auth(account).build();
    }

    private static ServiceClient.Builder base(HttpToolkit http, ProviderContext context) {
        return http.client("plex")
                .header("X-Plex-Client-Identifier", cfg -> cfg.require(PlexKeys.CLIENT_ID))
                .header("X-Plex-Product", cfg -> cfg.string(PlexKeys.PRODUCT).orElse(DEFAULT_PRODUCT))
                .header("X-Plex-Version", "0.1")
                .header("X-Plex-Platform", "Java")
                .context(context);
    }

    static String serverToken(ProviderConfig cfg) {
        return cfg.string(PlexKeys.SERVER_TOKEN).orElseGet(() -> cfg.require(PlexKeys.TOKEN));
    }

    private static String accountToken(ProviderConfig cfg) {
        return cfg.string(PlexKeys.USER_TOKEN).orElseGet(() -> cfg.require(PlexKeys.TOKEN));
    }

    /** @return whether a server URL is configured */
    boolean hasServer() {
        return server != null;
    }

    /** @return the Plex Media Server client */
    ServiceClient server() {
        if (server == null) {
            throw new ConfigException(config.path() + "." + PlexKeys.SERVER_URL,
                    "no Plex Media Server is configured; run 'crosswatch connect plex' or set serverUrl");
        }
        return server;
    }

    /** @return the Plex Discover client (watchlist) */
    ServiceClient discover() {
        return discover;
    }

    /** @return the Plex metadata client (external ids of Discover items) */
    ServiceClient metadata() {
        return metadata;
    }
}
