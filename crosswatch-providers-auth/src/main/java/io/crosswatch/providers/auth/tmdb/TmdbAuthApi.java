package io.crosswatch.providers.auth.tmdb;

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
 * The TMDB v3 API as the auth provider uses it: the application key as {@code api_key} (or a
 * read access token as Bearer), the session as {@code session_id}.
 */
final class TmdbAuthApi {

    static final String NAME = "tmdb";
    static final String DEFAULT_BASE_URL = "https://api.themoviedb.org/3";
    static final String DEFAULT_WEB_URL = "https://www.themoviedb.org";
    static final String API_KEY = "apiKey";
    static final String READ_ACCESS_TOKEN = "readAccessToken";
    static final String SESSION_ID = "sessionId";
    static final String ACCOUNT_ID = "accountId";
    static final String ACCOUNT_NAME = "accountName";
    static final String ACCESS_TOKEN = "accessToken";

    /** TMDB allows about 40 requests per second per IP. */
    static final RateLimitPolicy RATE_LIMIT = RateLimitPolicy.of(RateLimit.perSecond(40));

    private final ServiceClient client;
    private final ProviderConfig config;

    TmdbAuthApi(HttpToolkit toolkit, ProviderContext context) {
        this.config = context.config();
        if (bearerToken(config).isEmpty() && queryKey(config).isEmpty()) {
            throw new ConfigException(config.path() + "." + API_KEY, "is required: a TMDB v3 API key (or set "
                    + READ_ACCESS_TOKEN + ") from themoviedb.org/settings/api");
        }
        this.client = toolkit.client(NAME)
                .baseUrl(config.baseUrl(DEFAULT_BASE_URL))
                .context(context)
                .auth(cfg -> bearerToken(cfg).map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of()))
                // TMDB counts per IP: every account shares it.
                .rateLimit(RATE_LIMIT, RateLimitScope.IP)
                .build();
    }

    /** @return a request carrying the application key; add {@code session_id} with {@link #session} */
    ServiceRequest request(String method, String path, Query query) {
        Optional<String> key = queryKey(config);
        return client.request(method, path).query(key.isPresent() ? query.set("api_key", key.get()) : query);
    }

    /** @return the {@code session_id} parameter of a stored session */
    static Query session(String sessionId) {
        return Query.of("session_id", sessionId);
    }

    static Optional<String> bearerToken(ProviderConfig config) {
        Optional<String> token = config.string(READ_ACCESS_TOKEN).filter(s -> !s.isBlank());
        return token.isPresent() ? token : config.string(API_KEY).filter(TmdbAuthApi::looksLikeJwt);
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
