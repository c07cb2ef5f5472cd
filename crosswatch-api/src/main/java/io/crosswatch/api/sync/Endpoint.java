package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderConfig;
import java.util.Objects;

/**
 * One side of a pair: a connector name and an account instance, written {@code trakt} or
 * {@code trakt:work}.
 *
 * @param provider the connector name
 * @param instance the instance name
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record Endpoint(String provider, String instance) {

    /** Validates. */
    public Endpoint {
        Objects.requireNonNull(provider, "provider");
        instance = instance == null || instance.isBlank() ? ProviderConfig.DEFAULT_INSTANCE : instance;
    }

    /**
     * @param text {@code provider} or {@code provider:instance}
     * @return the endpoint
     */
    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an endpoint is 'provider' or 'provider:instance', got nothing");
        }
        int i = text.indexOf(':');
        return i < 0 ? new Endpoint(text.trim(), null) : new Endpoint(text.substring(0, i).trim(), text.substring(i + 1).trim());
    }

    @Override
    public String toString() {
        return ProviderConfig.DEFAULT_INSTANCE.equals(instance) ? provider : provider + ":" + instance;
    }
}
