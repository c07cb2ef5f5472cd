package io.crosswatch.providers.sync.tmdb;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceRequest;
import java.util.Map;
import java.util.Optional;

/**
 * The TMDB v3 API as the connector uses it: every request carries the application key
 * ({@code api_key}, or a read access token as Bearer) and the user's {@code session_id}.
 */
final class TmdbSyncApi {

    static final String NAME = "tmdb";
    static final String DEFAULT_BASE_URL = "https://api.themoviedb.org/3";
    static final String API_KEY = "apiKey";
    static final String READ_ACCESS_TOKEN = "readAccessToken";
    static final String SESSION_ID = "sessionId";
    static final String ACCOUNT_ID = "accountId";
    static final String LANGUAGE = "language";

    /** TMDB allows about 40 requests per second per IP. */
    static final RateLimitPolicy RATE_LIMIT = RateLimitPolicy.of(RateLimit.perSecond(40));

    private final ServiceClient client;
    private final ProviderConfig config;

    TmdbSyncApi(HttpToolkit toolkit, ProviderContext context) {
        this.config = context.config();
        if (!hasAppCredentials(config)) {
            throw new ConfigException(config.path() + "." + API_KEY, "is required: a TMDB v3 API key (or set "
                    + READ_ACCESS_TOKEN + ") from themoviedb.org/settings/api");
        }
        if (config.string(SESSION_ID).filter(s -> !s.isBlank()).isEmpty()) {
            throw new ConfigException(config.path() + "." + SESSION_ID, "is missing: run 'crosswatch connect tmdb'");
        }
        this.client = toolkit.client(NAME)
                .baseUrl(config.baseUrl(DEFAULT_BASE_URL))
                .context(context)
                .auth(cfg -> bearerToken(cfg).map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of()))
                // TMDB counts per IP: every account shares it.
                .rateLimit(RATE_LIMIT, RateLimitScope.IP)
                .build();
    }

    ServiceClient client() {
        return client;
    }

    /** @return {@code query} plus the application key and the session */
    Query authenticated(Query query) {
        Query q = query.set("session_id", config.require(SESSION_ID));
        Optional<String> key = queryKey(config);
        return key.isPresent() ? q.set("api_key", key.get()) : q;
    }

    /** @return a request with the application key and session */
    ServiceRequest request(String method, String path, Query query) {
        return client.request(method, path).query(authenticated(query));
    }

    Optional<String> language() {
        return config.string(LANGUAGE).filter(s -> !s.isBlank());
    }

    Optional<String> configuredAccountId() {
        return config.string(ACCOUNT_ID).filter(s -> !s.isBlank());
    }

    static boolean hasAppCredentials(ProviderConfig config) {
        return bearerToken(config).isPresent() || queryKey(config).isPresent();
    }

    static Optional<String> bearerToken(ProviderConfig config) {
        Optional<String> token = config.string(READ_ACCESS_TOKEN).filter(s -> !s.isBlank());
        return token.isPresent() ? token : config.string(API_KEY).filter(TmdbSyncApi::looksLikeJwt);
    }

    static Optional<String> queryKey(ProviderConfig config) {
        if (config.string(READ_ACCESS_TOKEN).filter(s -> !s.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return config.string(API_KEY).filter(s -> !s.isBlank() && !looksLikeJwt(s));
    }

    private static boolean looksLikeJwt(String key) {
        return key.startsWith("eyJ") || key.indexOf('.') >= 0;
    }
}
