package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Normalized metadata of one item: ids, title, overview, year and images per kind (best first).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class Metadata {

    private final MediaType type;
    private final MediaIds ids;
    private final String title;
    private final String overview;
    private final Integer year;
    private final String locale;
    private final Map<ImageKind, List<Image>> images;
    private final String source;

    private Metadata(Builder b) {
        this.type = Objects.requireNonNull(b.type, "type");
        this.ids = b.ids == null ? MediaIds.empty() : b.ids;
        this.title = b.title;
        this.overview = b.overview;
        this.year = b.year;
        this.locale = b.locale;
        Map<ImageKind, List<Image>> m = new EnumMap<>(ImageKind.class);
        b.images.forEach((k, v) -> {
            if (!v.isEmpty()) {
                m.put(k, List.copyOf(v));
            }
        });
        this.images = Map.copyOf(m);
        this.source = b.source;
    }

    /** @return a builder */
    public static Builder builder(MediaType type) {
        return new Builder(type);
    }

    /** @return a builder holding these values */
    public Builder toBuilder() {
        Builder b = new Builder(type).ids(ids).title(title).overview(overview).year(year).locale(locale).source(source);
        images.forEach((k, v) -> b.images.put(k, new java.util.ArrayList<>(v)));
        return b;
    }

    /** @return the entity type */
    public MediaType type() {
        return type;
    }

    /** @return the ids, normalized */
    public MediaIds ids() {
        return ids;
    }

    /** @return the title in the resolved locale */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** @return the overview in the resolved locale */
    public Optional<String> overview() {
        return Optional.ofNullable(overview);
    }

    /** @return the year of first release */
    public Optional<Integer> year() {
        return Optional.ofNullable(year);
    }

    /** @return the locale the texts are in, e.g. {@code de-DE} */
    public Optional<String> locale() {
        return Optional.ofNullable(locale);
    }

    /** @return images per kind, best first */
    public Map<ImageKind, List<Image>> images() {
        return images;
    }

    /** @return the best image of a kind */
    public Optional<Image> image(ImageKind kind) {
        List<Image> l = images.get(kind);
        return l == null || l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** @return the best poster */
    public Optional<Image> poster() {
        return image(ImageKind.POSTER);
    }

    /** @return the best backdrop */
    public Optional<Image> backdrop() {
        return image(ImageKind.BACKDROP);
    }

    /** @return which provider(s) supplied it */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metadata m && type == m.type && ids.equals(m.ids) && Objects.equals(title, m.title)
                && Objects.equals(overview, m.overview) && Objects.equals(year, m.year)
                && Objects.equals(locale, m.locale) && images.equals(m.images);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, ids, title, year);
    }

    @Override
    public String toString() {
        return "Metadata[" + type.key() + " " + title + (year == null ? "" : " (" + year + ")") + " ids=" + ids
                + " images=" + images.keySet() + "]";
    }

    /** Builds {@link Metadata}. */
    public static final class Builder {
        private final MediaType type;
        private MediaIds ids;
        private String title;
        private String overview;
        private Integer year;
        private String locale;
        private final Map<ImageKind, List<Image>> images = new EnumMap<>(ImageKind.class);
        private String source;

        private Builder(MediaType type) {
            this.type = type;
        }

        /** @return this */
        public Builder ids(MediaIds value) {
            this.ids = value;
            return this;
        }

        /** @return this */
        public Builder title(String value) {
            this.title = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** @return this */
        public Builder overview(String value) {
            this.overview = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** @return this */
        public Builder year(Integer value) {
            this.year = value;
            return this;
        }

        /** @return this */
        public Builder locale(String value) {
            this.locale = value;
            return this;
        }

        /** @return this, appending an image of {@code kind} */
        public Builder image(ImageKind kind, Image image) {
            images.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(image);
            return this;
        }

        /** @return this, replacing the images of {@code kind} */
        public Builder images(ImageKind kind, List<Image> list) {
            images.put(kind, new java.util.ArrayList<>(list));
            return this;
        }

        /** @return this */
        public Builder source(String value) {
            this.source = value;
            return this;
        }

        /** @return the metadata */
        public Metadata build() {
            return new Metadata(this);
        }
    }
}
