package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaType;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a metadata provider is: label, entities, assets, whether it needs an API key.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class MetadataManifest {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    private final String name;
    private final String label;
    private final int apiVersion;
    private final Set<MediaType> entities;
    private final Set<ImageKind> assets;
    private final boolean needsApiKey;

    private MetadataManifest(Builder b) {
        this.name = b.name;
        this.label = b.label == null ? b.name : b.label;
        this.apiVersion = b.apiVersion;
        this.entities = Set.copyOf(b.entities);
        this.assets = Set.copyOf(b.assets);
        this.needsApiKey = b.needsApiKey;
    }

    /**
     * @param name       the provider name
     * @param apiVersion pass {@link io.crosswatch.api.ApiVersion#CURRENT}
     * @return a builder
     */
    public static Builder builder(String name, int apiVersion) {
        return new Builder(name, apiVersion);
    }

    /** @return the unique name */
    public String name() {
        return name;
    }

    /** @return the label */
    public String label() {
        return label;
    }

    /** @return the API version it was built against */
    public int apiVersion() {
        return apiVersion;
    }

    /** @return the entity types it knows */
    public Set<MediaType> entities() {
        return entities;
    }

    /** @return the image kinds it supplies */
    public Set<ImageKind> assets() {
        return assets;
    }

    /** @return whether it needs an API key in its config */
    public boolean needsApiKey() {
        return needsApiKey;
    }

    @Override
    public String toString() {
        return "MetadataManifest[" + name + " " + entities + " " + assets + "]";
    }

    /** Builds a {@link MetadataManifest}. */
    public static final class Builder {
        private final String name;
        private final int apiVersion;
        private String label;
        private final Set<MediaType> entities = EnumSet.noneOf(MediaType.class);
        private final Set<ImageKind> assets = EnumSet.noneOf(ImageKind.class);
        private boolean needsApiKey;

        private Builder(String name, int apiVersion) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("metadata provider name '" + name
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
        public Builder entities(MediaType first, MediaType... rest) {
            entities.add(first);
            entities.addAll(java.util.List.of(rest));
            return this;
        }

        /** @return this */
        public Builder assets(ImageKind first, ImageKind... rest) {
            assets.add(first);
            assets.addAll(java.util.List.of(rest));
            return this;
        }

        /** @return this */
        public Builder needsApiKey(boolean value) {
            this.needsApiKey = value;
            return this;
        }

        /** @return the manifest */
        public MetadataManifest build() {
            return new MetadataManifest(this);
        }
    }
}
