package io.crosswatch.providers.sync.anilist;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.ServiceClient;

import java.util.Locale;
import java.util.Optional;

/**
 * AniList as a sync connector over its GraphQL API: PLANNING entries are the watchlist,
 * COMPLETED (and REPEATING) entries the history, dated by {@code completedAt} (else
 * {@code updatedAt}), and scores the ratings, converted from the user's score format.
 * Items carry AniList and MyAnimeList ids; entries without a MyAnimeList id are reported as
 * unresolved. Episode progress is kept in the item attributes but not synced as PROGRESS,
 * whose resume points are times, not episode counts.
 *
 * <p>Config keys (block {@code anilist}, shared with the auth provider): {@code accessToken},
 * {@code baseUrl} (the GraphQL endpoint, default {@value #DEFAULT_BASE_URL}).
 *
 * <p>Requests are paced to AniList's 90 per minute; {@code Retry-After} on a {@code 429} and
 * {@code X-RateLimit-Remaining: 0} with {@code X-RateLimit-Reset} hold later requests.
 */
public final class AnilistConnector implements Connector {

    static final String NAME = "anilist";
    static final String DEFAULT_BASE_URL = "https://graphql.anilist.co";
    static final String ACCESS_TOKEN = "accessToken";
    static final RateLimitPolicy RATE_LIMIT = RateLimitPolicy.of(RateLimit.perMinute(90));
    /** One aliased mutation per batch; AniList's query complexity limit stays well away at this size. */
    static final int BATCH = 25;

    static final ConnectorCapabilities CAPABILITIES = ConnectorCapabilities.builder()
            .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
            .mediaTypes(Feature.HISTORY, MediaType.MOVIE, MediaType.SHOW)
            .mediaTypes(Feature.RATINGS, MediaType.MOVIE, MediaType.SHOW)
            .batchSize(Feature.WATCHLIST, BATCH)
            .batchSize(Feature.HISTORY, BATCH)
            .batchSize(Feature.RATINGS, BATCH)
            // Ten steps for the 100- and 10-point formats; a session reports the user's own scale.
            .ratingScale(RatingScale.TEN)
            .keepsPlayEvents(false)
            .build();

    private static final ConnectorManifest MANIFEST = ConnectorManifest.builder(NAME, ApiVersion.CURRENT)
            .label("AniList")
            .features(Feature.WATCHLIST, Feature.HISTORY, Feature.RATINGS)
            .capabilities(CAPABILITIES)
            .authProvider(NAME)
            .build();

    private final HttpToolkit toolkit;

    /** For {@link java.util.ServiceLoader}: uses the shared HTTP toolkit. */
    public AnilistConnector() {
        this(null);
    }

    /** Tests pass their own toolkit; {@code null} means the shared one. */
    AnilistConnector(HttpToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public ConnectorManifest manifest() {
        return MANIFEST;
    }

    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has(ACCESS_TOKEN);
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        ProviderConfig cfg = context.config();
        cfg.require(ACCESS_TOKEN);
        ServiceClient client = (toolkit != null ? toolkit : HttpToolkit.shared()).client(NAME)
                .baseUrl(cfg.baseUrl(DEFAULT_BASE_URL))
                .auth(AuthScheme.bearer(ACCESS_TOKEN))
                // AniList counts per client/IP: every account shares it.
                .rateLimit(RATE_LIMIT, RateLimitScope.IP)
                .errorMapper(r -> {
                    String error;
                    try {
                        error = AnilistGraphQl.firstError(r.json());
                    } catch (io.crosswatch.api.ProviderException notJson) {
                        return Optional.empty(); // an HTML error page: the default mapping says enough
                    }
                    return error != null && error.toLowerCase(Locale.ROOT).contains("invalid token")
                            ? Optional.of(new AuthException(NAME, "AniList refused the token (" + r.redact(error)
                            + "); tokens last a year: run 'crosswatch connect anilist' again"))
                            : Optional.empty();
                })
                .context(context)
                .build();
        return new AnilistSession(new AnilistGraphQl(client), context);
    }

    @Override
    public String toString() {
        return "AnilistConnector";
    }
}
