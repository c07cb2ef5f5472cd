package io.crosswatch.api;

import java.util.Map;

/**
 * Where a provider persists what it obtains or learns: tokens, a chosen server, a device id.
 * Core writes the change through the config store atomically before returning, so a refresh
 * token that works only once is never lost.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public interface ProviderStore {

    /**
     * Applies {@code changes} to this provider instance's block and persists them.
     *
     * @param changes keys to set; a {@code null} value removes the key
     * @return the configuration after the change
     */
    ProviderConfig update(Map<String, ?> changes);

    /** @return the configuration as currently persisted */
    ProviderConfig current();

    /**
     * A store kept in memory, for tests and for embedding apps that persist elsewhere.
     *
     * @param initial the starting configuration
     * @return a store whose {@link #update(Map)} replaces its in-memory view
     */
    static ProviderStore inMemory(ProviderConfig initial) {
        return new ProviderStore() {
            private volatile ProviderConfig config = initial;

            @Override
            public synchronized ProviderConfig update(Map<String, ?> changes) {
                config = config.with(changes);
                return config;
            }

            @Override
            public ProviderConfig current() {
                return config;
            }

            @Override
            public String toString() {
                return "ProviderStore.inMemory[" + config + "]";
            }
        };
    }
}
