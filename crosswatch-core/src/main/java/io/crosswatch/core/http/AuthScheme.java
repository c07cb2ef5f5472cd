package io.crosswatch.core.http;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Computes the authentication headers of one request from the provider instance's current
 * {@link ProviderConfig}. It is evaluated per request, so after a {@code 401} the client
 * asks {@link io.crosswatch.api.ProviderContext#refreshCredentials()} once and rebuilds the
 * headers from the refreshed configuration.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
@FunctionalInterface
public interface AuthScheme {

    /**
     * @param config the current configuration
     * @return header names to values (may be empty)
     * @throws io.crosswatch.api.ConfigException when a needed key is missing
     */
    Map<String, String> headers(ProviderConfig config);

    /** @return no authentication */
    static AuthScheme none() {
        return cfg -> Map.of();
    }

    /**
     * @param configKey the key holding the token, such as {@code accessToken}
     * @return {@code Authorization: Bearer <token>}
     */
    static AuthScheme bearer(String configKey) {
        Objects.requireNonNull(configKey, "configKey");
        return header("Authorization", cfg -> "Bearer " + cfg.require(configKey));
    }

    /**
     * @param name  the header name, such as {@code X-Plex-Token}
     * @param value computes the value from the configuration
     * @return a scheme sending that one header
     */
    static AuthScheme header(String name, Function<ProviderConfig, String> value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return cfg -> Map.of(name, value.apply(cfg));
    }

    /**
     * @param next another scheme whose headers are added (and win on a clash)
     * @return both schemes' headers
     */
    default AuthScheme and(AuthScheme next) {
        Objects.requireNonNull(next, "next");
        return cfg -> {
            Map<String, String> all = new LinkedHashMap<>(headers(cfg));
            all.putAll(next.headers(cfg));
            return all;
        };
    }
}
