package io.crosswatch.core;

import io.crosswatch.api.Api;

/**
 * The families of providers core discovers.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum ProviderFamily {
    /** {@link io.crosswatch.api.auth.AuthProvider}. */
    AUTH("auth provider"),
    /** {@link io.crosswatch.api.sync.Connector}. */
    CONNECTOR("connector"),
    /** {@link io.crosswatch.api.sync.SyncModule}. */
    SYNC_MODULE("sync module"),
    /** {@link io.crosswatch.api.metadata.MetadataProvider}. */
    METADATA("metadata provider"),
    /** {@link io.crosswatch.api.scrobble.ScrobbleSource}. */
    SCROBBLE_SOURCE("scrobble source"),
    /** {@link io.crosswatch.api.scrobble.ScrobbleTarget}. */
    SCROBBLE_TARGET("scrobble target");

    private final String label;

    ProviderFamily(String label) {
        this.label = label;
    }

    /** @return a human name such as {@code auth provider} */
    public String label() {
        return label;
    }
}
