package example.hello;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;

/**
 * The Hello Watchlist connector: reads and writes the account's watchlist of movies and
 * shows. Every read is the whole list ({@link io.crosswatch.api.sync.IndexSemantics#FULL}), so
 * core's engine observes deletions by absence. Its credentials live in the {@code hello}
 * block that {@link HelloAuthProvider} fills (the manifest's auth provider defaults to the
 * connector's name).
 *
 * @since 0.1
 */
public final class HelloConnector implements Connector {

    private static final ConnectorManifest MANIFEST = ConnectorManifest.builder(HelloClient.NAME, ApiVersion.CURRENT)
            .label("Hello Watchlist")
            .features(Feature.WATCHLIST)
            .capabilities(ConnectorCapabilities.builder()
                    .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
                    .batchSize(Feature.WATCHLIST, 50)
                    .build())
            .version("0.1.0")
            .build();

    /** Does no work: {@link java.util.ServiceLoader} calls it during discovery. */
    public HelloConnector() {
    }

    @Override
    public ConnectorManifest manifest() {
        return MANIFEST;
    }

    /** Needs the API key the auth provider stored; calls nothing. */
    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has(HelloClient.API_KEY);
    }

    /** @throws io.crosswatch.api.AuthException when no API key is configured */
    @Override
    public ConnectorSession open(ProviderContext context) {
        return new HelloSession(HelloClient.connected(context), context.clock());
    }
}
