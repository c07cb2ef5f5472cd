package io.crosswatch.api.auth;

import io.crosswatch.api.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an auth provider is: its name, label, flow, the config fields it needs, and the API
 * version it was built against.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class AuthManifest {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    private final String name;
    private final String label;
    private final AuthFlow flow;
    private final int apiVersion;
    private final Map<String, String> fields;
    private final String version;
    private final String website;

    private AuthManifest(Builder b) {
        this.name = b.name;
        this.label = b.label == null ? b.name : b.label;
        this.flow = Objects.requireNonNull(b.flow, "flow of auth provider " + b.name);
        this.apiVersion = b.apiVersion;
        this.fields = Map.copyOf(b.fields);
        this.version = b.version;
        this.website = b.website;
    }

    /**
     * @param name       the provider name: lower case, digits, {@code -} or {@code _}
     * @param apiVersion pass {@link io.crosswatch.api.ApiVersion#CURRENT}
     * @return a builder
     */
    public static Builder builder(String name, int apiVersion) {
        return new Builder(name, apiVersion);
    }

    /** @return the unique provider name, e.g. {@code trakt} */
    public String name() {
        return name;
    }

    /** @return the human label, e.g. {@code Trakt} */
    public String label() {
        return label;
    }

    /** @return the flow the user goes through */
    public AuthFlow flow() {
        return flow;
    }

    /** @return the API version the provider was built against */
    public int apiVersion() {
        return apiVersion;
    }

    /** @return config field → description of what the user must supply (clientId, username…) */
    public Map<String, String> fields() {
        return fields;
    }

    /** @return the provider implementation's version, if it says */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** @return the service's website */
    public Optional<String> website() {
        return Optional.ofNullable(website);
    }

    @Override
    public String toString() {
        return "AuthManifest[" + name + " " + flow + " api=" + apiVersion + "]";
    }

    /** Builds an {@link AuthManifest}. */
    public static final class Builder {
        private final String name;
        private final int apiVersion;
        private String label;
        private AuthFlow flow;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private String version;
        private String website;

        private Builder(String name, int apiVersion) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("provider name '" + name
                        + "' must be lower case letters, digits, '-' or '_' (at most 40)");
            }
            this.name = name;
            this.apiVersion = apiVersion;
        }

        /** @return this */
        public Builder label(String value) {
            this.label = value;
            return this;
        }

        /** @return this */
        public Builder flow(AuthFlow value) {
            this.flow = value;
            return this;
        }

        /** @return this, declaring a config field the user supplies */
        public Builder field(String key, String description) {
            fields.put(key, description);
            return this;
        }

        /** @return this */
        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** @return this */
        public Builder website(String value) {
            this.website = value;
            return this;
        }

        /** @return the manifest */
        public AuthManifest build() {
            return new AuthManifest(this);
        }
    }

}
