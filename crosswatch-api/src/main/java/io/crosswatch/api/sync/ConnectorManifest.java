package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector is: name, label, features, capabilities, which auth provider holds its
 * credentials, and the API version it was built against.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class ConnectorManifest {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    private final String name;
    private final String label;
    private final int apiVersion;
    private final Set<Feature> features;
    private final ConnectorCapabilities capabilities;
    private final String authProvider;
    private final String version;

    private ConnectorManifest(Builder b) {
        this.name = b.name;
        this.label = b.label == null ? b.name : b.label;
        this.apiVersion = b.apiVersion;
        this.features = Set.copyOf(b.features);
        this.capabilities = Objects.requireNonNull(b.capabilities, "capabilities");
        this.authProvider = b.authProvider;
        this.version = b.version;
    }

    /**
     * @param name       the connector name, e.g. {@code trakt}
     * @param apiVersion pass {@link io.crosswatch.api.ApiVersion#CURRENT}
     * @return a builder
     */
    public static Builder builder(String name, int apiVersion) {
        return new Builder(name, apiVersion);
    }

    /** @return the unique connector name */
    public String name() {
        return name;
    }

    /** @return the human label */
    public String label() {
        return label;
    }

    /** @return the API version the connector was built against */
    public int apiVersion() {
        return apiVersion;
    }

    /** @return the features it can read and write */
    public Set<Feature> features() {
        return features;
    }

    /** @return its capabilities */
    public ConnectorCapabilities capabilities() {
        return capabilities;
    }

    /** @return the auth provider owning its credentials; {@code null} when none is needed */
    public java.util.Optional<String> authProvider() {
        return java.util.Optional.ofNullable(authProvider);
    }

    /** @return the implementation's version, if it says */
    public java.util.Optional<String> version() {
        return java.util.Optional.ofNullable(version);
    }

    @Override
    public String toString() {
        return "ConnectorManifest[" + name + " " + features + " api=" + apiVersion + "]";
    }

    /** Builds a {@link ConnectorManifest}. */
    public static final class Builder {
        private final String name;
        private final int apiVersion;
        private String label;
        private final Set<Feature> features = EnumSet.noneOf(Feature.class);
        private ConnectorCapabilities capabilities = ConnectorCapabilities.defaults();
        private String authProvider;
        private String version;

        private Builder(String name, int apiVersion) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("connector name '" + name
                        + "' must be lower case letters, digits, '-' or '_' (at most 40)");
            }
            this.name = name;
            this.apiVersion = apiVersion;
            this.authProvider = name;
        }

        /** @return this */
        public Builder label(String value) {
            this.label = value;
            return this;
        }

        /** @return this */
        public Builder features(Feature first, Feature... rest) {
            features.add(first);
            features.addAll(java.util.List.of(rest));
            return this;
        }

        /** @return this */
        public Builder capabilities(ConnectorCapabilities value) {
            this.capabilities = value;
            return this;
        }

        /** @return this; {@code null} for a connector that needs no account */
        public Builder authProvider(String value) {
            this.authProvider = value;
            return this;
        }

        /** @return this */
        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** @return the manifest */
        public ConnectorManifest build() {
            if (features.isEmpty()) {
                throw new IllegalArgumentException("connector " + name + " declares no features");
            }
            return new ConnectorManifest(this);
        }
    }
}
