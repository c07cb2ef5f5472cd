package io.crosswatch.providers.sync.mdblist;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;

import java.time.Duration;

/**
 * MDBList as a sync connector: the watchlist, ratings (1–10, movies to episodes) and the
 * user's static lists as playlists. Reads page with {@code limit}/{@code offset}; writes are
 * batched into one {@code {"movies": [...], "shows": [...]}} call per batch (per list).
 *
 * <p>Config keys (block {@code mdblist}, shared with the auth provider): {@code apiKey},
 * {@code baseUrl} (default {@value #DEFAULT_BASE_URL}), {@code pageSize} (rows per read page,
 * default {@value #DEFAULT_PAGE_SIZE}), {@code lowBudgetWarning} (warn when fewer API requests
 * than this are left today, default {@value #DEFAULT_LOW_BUDGET}).
 *
 * <p>Limits: the free tier has a small daily request quota. Requests are paced at 10 reads and
 * 1 write per second (CrossWatch's defaults for MDBList); a {@code 429} that asks for a short
 * wait is retried after it, a longer one (the daily quota) ends the session's use of the API:
 * reads fail and writes answer {@code LIMIT_REACHED} without calling again.
 */
public final class MdblistConnector implements Connector {

    static final String NAME = "mdblist";
    static final String DEFAULT_BASE_URL = "https://api.mdblist.com";
    static final String API_KEY = "apiKey";
    static final int DEFAULT_PAGE_SIZE = 1000;
    static final int DEFAULT_LOW_BUDGET = 100;
    static final int BATCH = 100;
    /** The same policy as the auth provider's, so both share one limiter. */
    static final RateLimitPolicy RATE_LIMIT = RateLimitPolicy.split(RateLimit.perSecond(10), RateLimit.perSecond(1));
    /** A longer {@code Retry-After} than this is the daily quota: not worth waiting for in a run. */
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

    static final ConnectorCapabilities CAPABILITIES = ConnectorCapabilities.builder()
            .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
            .mediaTypes(Feature.PLAYLISTS, MediaType.MOVIE, MediaType.SHOW)
            .mediaTypes(Feature.RATINGS, MediaType.MOVIE, MediaType.SHOW, MediaType.SEASON, MediaType.EPISODE)
            .batchSize(Feature.WATCHLIST, BATCH)
            .batchSize(Feature.RATINGS, BATCH)
            .batchSize(Feature.PLAYLISTS, BATCH)
            .ratingScale(RatingScale.TEN)
            .hasActivities(true)
            .build();

    private static final ConnectorManifest MANIFEST = ConnectorManifest.builder(NAME, ApiVersion.CURRENT)
            .label("MDBList")
            .features(Feature.WATCHLIST, Feature.RATINGS, Feature.PLAYLISTS)
            .capabilities(CAPABILITIES)
            .authProvider(NAME)
            .build();

    private final HttpToolkit toolkit;

    /** For {@link java.util.ServiceLoader}: uses the shared HTTP toolkit. */
    public MdblistConnector() {
        this(null);
    }

    /** Tests pass their own toolkit; {@code null} means the shared one. */
    MdblistConnector(HttpToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public ConnectorManifest manifest() {
        return MANIFEST;
    }

    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has(API_KEY);
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        ProviderConfig cfg = context.config();
        cfg.require(API_KEY);
        ServiceClient client = (toolkit != null ? toolkit : HttpToolkit.shared()).client(NAME)
                .baseUrl(cfg.baseUrl(DEFAULT_BASE_URL))
                // MDBList counts per API key, i.e. per instance.
                .rateLimit(RATE_LIMIT, RateLimitScope.ACCOUNT)
                .retry(RETRY)
                .context(context)
                .build();
        int pageSize = (int) Math.max(1, Math.min(10_000, cfg.number("pageSize", DEFAULT_PAGE_SIZE)));
        long lowBudget = cfg.number("lowBudgetWarning", DEFAULT_LOW_BUDGET);
        return new MdblistSession(client, context, pageSize, lowBudget);
    }

    @Override
    public String toString() {
        return "MdblistConnector";
    }
}
