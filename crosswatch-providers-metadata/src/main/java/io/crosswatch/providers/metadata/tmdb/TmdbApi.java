package io.crosswatch.providers.metadata.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;
import java.util.Map;
import java.util.Optional;

/**
 * One call's view of the TMDB v3 API: base URL and application credentials from the config
 * block, {@code 401} turned into a configuration error and {@code 404} into "absent".
 */
final class TmdbApi {

    static final String NAME = "tmdb";
    static final String DEFAULT_BASE_URL = "https://api.themoviedb.org/3";
    static final String API_KEY = "apiKey";
    static final String READ_ACCESS_TOKEN = "readAccessToken";

    /** TMDB enforces roughly 40 requests per second per IP; stay at that bound. */
    static final RateLimitPolicy RATE_LIMIT = RateLimitPolicy.of(RateLimit.perSecond(40));

    private final ServiceClient client;
    private final ProviderConfig config;

    TmdbApi(HttpToolkit toolkit, ProviderContext context) {
        this.config = context.config();
        requireCredentials(config);
        this.client = toolkit.client(NAME)
                .baseUrl(config.baseUrl(DEFAULT_BASE_URL))
                .context(context)
                .auth(TmdbApi::bearer)
                // TMDB counts per IP: every account shares it.
                .rateLimit(RATE_LIMIT, RateLimitScope.IP)
                .build();
    }

    /** @return the base URL, which keys the per-instance configuration cache */
    String baseUrl() {
        return client.baseUrl().map(Object::toString).orElse(DEFAULT_BASE_URL);
    }

    /**
     * @return the body of {@code GET path?query}, empty on {@code 404}
     * @throws ConfigException on {@code 401}: the key is wrong
     */
    Optional<JsonNode> get(String path, Query query) {
        ServiceResponse r = client.request("GET", path).query(withApiKey(query)).allowStatus(401, 404).send();
        if (r.status() == 401) {
            throw new ConfigException(config.path() + "." + (bearerToken(config).isPresent() && !config.has(API_KEY)
                    ? READ_ACCESS_TOKEN : API_KEY),
                    "TMDB refused the credentials (HTTP 401, " + r.endpoint() + "): set a valid v3 API key (apiKey) "
                            + "or API read access token (readAccessToken) from themoviedb.org/settings/api");
        }
        return r.status() == 404 ? Optional.empty() : Optional.of(r.json());
    }

    private Query withApiKey(Query query) {
        Optional<String> key = queryKey(config);
        return key.isPresent() ? query.set("api_key", key.get()) : query;
    }

    private static void requireCredentials(ProviderConfig config) {
        if (config.string(API_KEY).filter(s -> !s.isBlank()).isEmpty()
                && config.string(READ_ACCESS_TOKEN).filter(s -> !s.isBlank()).isEmpty()) {
            throw new ConfigException(config.path() + "." + API_KEY, "is required: a TMDB v3 API key (or set "
                    + READ_ACCESS_TOKEN + " to the API read access token) from themoviedb.org/settings/api");
        }
    }

    private static Map<String, String> bearer(ProviderConfig config) {
        return bearerToken(config).map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of());
    }

    /** The read access token, or an {@code apiKey} that is really one (a JWT), goes in the header. */
    static Optional<String> bearerToken(ProviderConfig config) {
        Optional<String> token = config.string(READ_ACCESS_TOKEN).filter(s -> !s.isBlank());
        if (token.isPresent()) {
            return token;
        }
        return config.string(API_KEY).filter(TmdbApi::looksLikeJwt);
    }

    /** A plain 32-hex v3 key goes in the {@code api_key} query parameter. */
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
