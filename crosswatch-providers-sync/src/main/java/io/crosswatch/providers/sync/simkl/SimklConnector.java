package io.crosswatch.providers.sync.simkl;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.IndexSemantics;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.ServiceClient;

/**
 * The {@code simkl} connector. Reads are full inventories taken from one {@code GET
 * /sync/all-items?extended=full&episode_watched_at=yes} per session, and {@code GET
 * /sync/activities} is the change probe, so an unchanged library costs one request per run.
 * Items in SIMKL's watching, on-hold and dropped lists are never moved by a sync.
 *
 * <p>Config keys (the {@code simkl} block, shared with the auth provider): {@code clientId},
 * {@code accessToken}, {@code baseUrl} (default {@code https://api.simkl.com}), {@code appName},
 * {@code appVersion}.
 *
 * @since 0.1
 */
public final class SimklConnector implements Connector {

    /** The connector name. */
    public static final String NAME = "simkl";
    /** The public API host. */
    public static final String DEFAULT_BASE_URL = "https://api.simkl.com";
    /** How many items one write call carries. */
    public static final int BATCH_SIZE = 100;

    static final String CLIENT_ID = "clientId";
    static final String ACCESS_TOKEN = "accessToken";

    /** SIMKL's published limits: 10 GET/s and 1 POST/s per token. */
    static final RateLimitPolicy LIMITS = RateLimitPolicy.split(RateLimit.perSecond(10), RateLimit.perSecond(1));

    private static final ConnectorManifest MANIFEST = ConnectorManifest.builder(NAME, ApiVersion.CURRENT)
            .label("SIMKL")
            .features(Feature.WATCHLIST, Feature.HISTORY, Feature.RATINGS)
            .capabilities(ConnectorCapabilities.builder()
                    .index(Feature.WATCHLIST, IndexSemantics.FULL)
                    .index(Feature.HISTORY, IndexSemantics.FULL)
                    .index(Feature.RATINGS, IndexSemantics.FULL)
                    .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
                    .mediaTypes(Feature.HISTORY, MediaType.MOVIE, MediaType.EPISODE)
                    .mediaTypes(Feature.RATINGS, MediaType.MOVIE, MediaType.SHOW)
                    .batchSize(Feature.WATCHLIST, BATCH_SIZE)
                    .batchSize(Feature.HISTORY, BATCH_SIZE)
                    .batchSize(Feature.RATINGS, BATCH_SIZE)
                    .ratingScale(RatingScale.TEN)
                    .setsWatchedDate(true)
                    .keepsPlayEvents(false)
                    .hasActivities(true)
                    .supportsRemoval(true)
                    .build())
            .authProvider(NAME)
            .version("0.1")
            .build();

    private final HttpToolkit toolkit;

    /** Does no work; {@link #open} receives the context. */
    public SimklConnector() {
        this(null);
    }

    /** @param toolkit the HTTP toolkit, {@code null} for the shared one (tests inject their own) */
    SimklConnector(HttpToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public ConnectorManifest manifest() {
        return MANIFEST;
    }

    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has(CLIENT_ID) && config.has(ACCESS_TOKEN);
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        ProviderConfig cfg = context.config();
        HttpToolkit tk = toolkit != null ? toolkit : HttpToolkit.shared();
        ServiceClient client = tk.client(NAME)
                .baseUrl(cfg.baseUrl(DEFAULT_BASE_URL))
                .header("simkl-api-key", c -> c.require(CLIENT_ID))
                .auth(AuthScheme.bearer(ACCESS_TOKEN))
                // SIMKL counts sync calls per access token.
                .rateLimit(LIMITS, RateLimitScope.ACCOUNT)
                .context(context)
                .build();
        return new SimklSession(client, context);
    }

    @Override
    public String toString() {
        return "SimklConnector";
    }
}
