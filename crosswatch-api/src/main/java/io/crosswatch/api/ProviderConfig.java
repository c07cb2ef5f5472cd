package io.crosswatch.api;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable view of one provider instance's configuration block, as a provider sees it.
 *
 * <p>Values are JSON-like: {@code String}, {@code Number}, {@code Boolean}, {@code List} and
 * {@code Map}. Typed getters convert and fail with a {@link ConfigException} that names the
 * JSON path. {@link #toString()} redacts every secret-bearing key (see {@link
 * Secret#isSecretKey(String)}).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class ProviderConfig {

    /** The instance name used when a provider is configured once. */
    public static final String DEFAULT_INSTANCE = "default";

    private final String provider;
    private final String instance;
    private final Map<String, Object> values;

    private ProviderConfig(String provider, String instance, Map<String, Object> values) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.values = deepCopy(values);
    }

    /**
     * @param provider the provider name, such as {@code trakt}
     * @param instance the account instance, {@link #DEFAULT_INSTANCE} when there is one
     * @param values   the block's values (copied)
     * @return an immutable view
     */
    public static ProviderConfig of(String provider, String instance, Map<String, ?> values) {
        return new ProviderConfig(provider, instance, new LinkedHashMap<>(values));
    }

    /**
     * @param provider the provider name
     * @return an empty configuration for the default instance
     */
    public static ProviderConfig empty(String provider) {
        return new ProviderConfig(provider, DEFAULT_INSTANCE, Map.of());
    }

    /** @return the provider name */
    public String provider() {
        return provider;
    }

    /** @return the instance name */
    public String instance() {
        return instance;
    }

    /** @return the JSON path of this block, for error messages */
    public String path() {
        return DEFAULT_INSTANCE.equals(instance)
                ? "$.providers." + provider
                : "$.providers." + provider + ".instances." + instance;
    }

    /** @return the keys present */
    public Set<String> keys() {
        return values.keySet();
    }

    /** @return whether {@code key} has a non-null value */
    public boolean has(String key) {
        Object v = values.get(key);
        return v != null && !(v instanceof String s && s.isBlank());
    }

    /** @return the raw value, if present */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** @return the value as text, if present and not blank */
    public Optional<String> string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(path() + "." + key, "expected a text value");
        }
        String s = String.valueOf(v);
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /**
     * @return the value as text
     * @throws ConfigException naming the path when it is missing
     */
    public String require(String key) {
        return string(key).orElseThrow(() -> new ConfigException(path() + "." + key,
                "is required; set it in the config file or run 'crosswatch connect " + provider + "'"));
    }

    /** @return the value as a {@link Secret}, if present */
    public Optional<Secret> secret(String key) {
        return string(key).map(Secret::new);
    }

    /** @return the value as a whole number, or {@code fallback} when absent */
    public long number(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(path() + "." + key, "expected a whole number, got '" + v + "'");
        }
    }

    /**
     * @param key      the key, whose value is an ISO-8601 duration such as {@code PT5M}
     * @param fallback the value when the key is absent
     * @return the value as a positive duration, or {@code fallback} when absent
     * @throws ConfigException naming the key when the value is not a positive duration
     * @since 0.1
     */
    public Duration duration(String key, Duration fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(String.valueOf(v).trim());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ConfigException(path() + "." + key, "must be a positive ISO-8601 duration such as PT5M, got '" + v + "'");
    }

    /** @return the value as a boolean, or {@code fallback} when absent */
    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(path() + "." + key, "expected true or false, got '" + v + "'");
    }

    /** @return the value as a list of texts (a single text becomes a one-element list) */
    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
            return List.copyOf(out);
        }
        return List.of(String.valueOf(v));
    }

    /** @return a nested object as a map, empty when absent */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ConfigException(path() + "." + key, "expected an object");
    }

    /**
     * The base URL of the service: {@code baseUrl} from the block, else {@code fallback}.
     * Every HTTP provider reads its host through this so tests, proxies and self-hosted
     * servers work without code changes.
     *
     * @param fallback the public service URL
     * @return the URL without a trailing slash
     */
    public URI baseUrl(String fallback) {
        return url("baseUrl", fallback);
    }

    /**
     * A URL setting (such as {@code oauthUrl}) with a default.
     *
     * @param key      the key
     * @param fallback the default, may be {@code null} to make the key required
     * @return the URL without a trailing slash
     */
    public URI url(String key, String fallback) {
        String s = string(key).orElse(fallback);
        if (s == null) {
            throw new ConfigException(path() + "." + key, "is required: the URL of the server");
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            URI u = URI.create(s);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path() + "." + key, "is not a valid http(s) URL: '" + s + "'");
        }
    }

    /** @return every value, secrets included; for persistence code only */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * @param changes keys to set; a {@code null} value removes the key
     * @return a copy with the changes applied
     */
    public ProviderConfig with(Map<String, ?> changes) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        changes.forEach((k, v) -> {
            if (v == null) {
                copy.remove(k);
            } else {
                copy.put(k, v);
            }
        });
        return new ProviderConfig(provider, instance, copy);
    }

    /** @return the block with every secret-bearing value replaced by {@link Secret#REDACTED} */
    public Map<String, Object> redacted() {
        return redact(values);
    }

    @Override
    public String toString() {
        return "ProviderConfig[" + provider + ":" + instance + " " + redacted() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderConfig c && c.provider.equals(provider) && c.instance.equals(instance)
                && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, instance, values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redact(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (v != null && Secret.isSecretKey(k)) {
                out.put(k, Secret.REDACTED);
            } else if (v instanceof Map<?, ?> m) {
                out.put(k, redact((Map<String, Object>) m));
            } else {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, ?> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, copyValue(v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(o -> out.add(copyValue(o)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
