package io.crosswatch.testkit;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An in-memory {@link ProviderStore} that also records every {@link #update(Map)}, so a test
 * can assert that a provider persisted its tokens <em>through the store</em> (and when), not
 * merely kept them in a field. Like {@link ProviderStore#inMemory(ProviderConfig)}, {@link
 * #current()} reflects every update at once.
 *
 * <p>{@link #toString()} redacts secrets, as every CrossWatch type does.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class RecordingProviderStore implements ProviderStore {

    private final List<Map<String, Object>> updates = new ArrayList<>();
    private volatile ProviderConfig config;

    private RecordingProviderStore(ProviderConfig initial) {
        this.config = Objects.requireNonNull(initial, "initial");
    }

    /**
     * @param initial the configuration as persisted before the test
     * @return an empty-history store holding {@code initial}
     */
    public static RecordingProviderStore of(ProviderConfig initial) {
        return new RecordingProviderStore(initial);
    }

    @Override
    public synchronized ProviderConfig update(Map<String, ?> changes) {
        Objects.requireNonNull(changes, "changes");
        // LinkedHashMap, not Map.copyOf: a null value (a removal) is part of what was asked.
        updates.add(Collections.unmodifiableMap(new LinkedHashMap<>(changes)));
        config = config.with(changes);
        return config;
    }

    @Override
    public ProviderConfig current() {
        return config;
    }

    /** @return every change map passed to {@link #update(Map)}, oldest first; removals have null values */
    public synchronized List<Map<String, Object>> updates() {
        return List.copyOf(updates);
    }

    /**
     * @return the secret-bearing keys (see {@link Secret#isSecretKey(String)}) that currently
     *         hold a value, nested sections included as {@code section.key}
     */
    public Set<String> secretKeys() {
        Set<String> out = new LinkedHashSet<>();
        collect("", config.values(), out, null);
        return Collections.unmodifiableSet(out);
    }

    /** @return secret-bearing key → current value, nested sections included as {@code section.key} */
    public Map<String, String> secrets() {
        Map<String, String> out = new LinkedHashMap<>();
        collect("", config.values(), null, out);
        return Collections.unmodifiableMap(out);
    }

    /** @return whether any recorded update set a secret-bearing key to a value */
    public synchronized boolean persistedASecret() {
        for (Map<String, Object> u : updates) {
            Map<String, String> found = new LinkedHashMap<>();
            collect("", u, null, found);
            if (!found.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, ?> values, Set<String> keys, Map<String, String> secrets) {
        values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                collect(prefix + k + ".", (Map<String, ?>) m, keys, secrets);
            } else if (v != null && Secret.isSecretKey(k) && !String.valueOf(v).isBlank()) {
                if (keys != null) {
                    keys.add(prefix + k);
                }
                if (secrets != null) {
                    secrets.put(prefix + k, String.valueOf(v));
                }
            }
        });
    }

    @Override
    public String toString() {
        return "RecordingProviderStore[" + config + ", updates=" + updates().size() + "]";
    }
}
