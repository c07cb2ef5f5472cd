package io.crosswatch.api.media;

import io.crosswatch.api.Api;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One item of watch state as a connector reads or writes it: what it is (type, ids, title,
 * year; for seasons and episodes the show's ids and the numbers) and the feature payload
 * (watched date, rating, resume point, list membership).
 *
 * <p>Immutable; build with {@link #builder(MediaType)} and vary with {@link #toBuilder()}.
 * {@link #attributes()} carries service-local references a connector needs to write back
 * exactly (a Trakt history id, a Plex rating key); the engine carries them but never
 * interprets them.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class MediaItem {

    private final MediaType type;
    private final MediaIds ids;
    private final String title;
    private final Integer year;
    private final MediaIds showIds;
    private final String showTitle;
    private final Integer season;
    private final Integer episode;
    private final Instant watchedAt;
    private final Integer rating;
    private final Instant ratedAt;
    private final Playback playback;
    private final String list;
    private final Map<String, String> attributes;

    private MediaItem(Builder b) {
        this.type = Objects.requireNonNull(b.type, "type");
        this.ids = b.ids == null ? MediaIds.empty() : b.ids;
        this.title = b.title == null || b.title.isBlank() ? null : b.title.strip();
        this.year = SmallInts.box(b.year);
        this.showIds = b.showIds == null ? MediaIds.empty() : b.showIds;
        this.showTitle = b.showTitle == null || b.showTitle.isBlank() ? null : b.showTitle.strip();
        this.season = SmallInts.box(b.season);
        this.episode = SmallInts.box(b.episode);
        this.watchedAt = b.watchedAt;
        this.rating = SmallInts.box(b.rating);
        this.ratedAt = b.ratedAt;
        this.playback = b.playback;
        this.list = b.list == null || b.list.isBlank() ? null : b.list.strip();
        // most items carry no attributes; one shared empty map instead of an empty tree per item
        this.attributes = b.attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(b.attributes));
        if (year != null && (year < 1870 || year > 2200)) {
            throw new IllegalArgumentException("year " + year + " is out of range for " + describe());
        }
        if (rating != null && (rating < 1 || rating > 10)) {
            throw new IllegalArgumentException("rating must be 1–10, got " + rating + " for " + describe());
        }
        if (type == MediaType.EPISODE && (season == null || episode == null)) {
            throw new IllegalArgumentException("an episode needs a season and an episode number: " + describe());
        }
        if (type == MediaType.SEASON && season == null) {
            throw new IllegalArgumentException("a season needs its number: " + describe());
        }
        if (season != null && season < 0 || episode != null && episode < 0) {
            throw new IllegalArgumentException("season and episode numbers must not be negative: " + describe());
        }
    }

    /**
     * @param type the kind of item
     * @return a builder
     */
    public static Builder builder(MediaType type) {
        return new Builder(type);
    }

    /** @return a builder holding this item's values */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.ids = ids;
        b.title = title;
        b.year = year;
        b.showIds = showIds;
        b.showTitle = showTitle;
        b.season = season;
        b.episode = episode;
        b.watchedAt = watchedAt;
        b.rating = rating;
        b.ratedAt = ratedAt;
        b.playback = playback;
        b.list = list;
        b.attributes.putAll(attributes);
        return b;
    }

    /** @return the kind of item */
    public MediaType type() {
        return type;
    }

    /** @return the item's own ids (for an episode: the episode's ids, if any) */
    public MediaIds ids() {
        return ids;
    }

    /** @return the title */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** @return the release year */
    public Optional<Integer> year() {
        return SmallInts.optional(year);
    }

    /** @return for a season or episode, the show's ids; empty otherwise */
    public MediaIds showIds() {
        return showIds;
    }

    /** @return for a season or episode, the show's title */
    public Optional<String> showTitle() {
        return Optional.ofNullable(showTitle);
    }

    /** @return the season number of a season or episode */
    public Optional<Integer> season() {
        return SmallInts.optional(season);
    }

    /** @return the episode number of an episode */
    public Optional<Integer> episode() {
        return SmallInts.optional(episode);
    }

    /** @return when it was watched (history) */
    public Optional<Instant> watchedAt() {
        return Optional.ofNullable(watchedAt);
    }

    /** @return the rating on a 1–10 scale (ratings) */
    public Optional<Integer> rating() {
        return SmallInts.optional(rating);
    }

    /** @return when it was rated */
    public Optional<Instant> ratedAt() {
        return Optional.ofNullable(ratedAt);
    }

    /** @return the resume point (progress) */
    public Optional<Playback> playback() {
        return Optional.ofNullable(playback);
    }

    /** @return the list or playlist name (playlists) */
    public Optional<String> list() {
        return Optional.ofNullable(list);
    }

    /** @return service-local references, immutable and sorted */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** @return one attribute */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** @return a short human description such as {@code The Matrix (1999)} or {@code Dark S01E03} */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (type == MediaType.EPISODE || type == MediaType.SEASON) {
            sb.append(showTitle != null ? showTitle : title != null ? title : showIds.toString());
            sb.append(String.format(" S%02d", season == null ? 0 : season));
            if (type == MediaType.EPISODE) {
                sb.append(String.format("E%02d", episode == null ? 0 : episode));
            }
        } else {
            sb.append(title != null ? title : ids.isEmpty() ? "(untitled)" : ids.toString());
            if (year != null) {
                sb.append(" (").append(year).append(')');
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MediaItem m)) {
            return false;
        }
        return type == m.type && ids.equals(m.ids) && Objects.equals(title, m.title) && Objects.equals(year, m.year)
                && showIds.equals(m.showIds) && Objects.equals(showTitle, m.showTitle)
                && Objects.equals(season, m.season) && Objects.equals(episode, m.episode)
                && Objects.equals(watchedAt, m.watchedAt) && Objects.equals(rating, m.rating)
                && Objects.equals(ratedAt, m.ratedAt) && Objects.equals(playback, m.playback)
                && Objects.equals(list, m.list) && attributes.equals(m.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, ids, title, year, showIds, season, episode, watchedAt, rating, playback, list);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MediaItem[").append(type.key()).append(' ').append(describe());
        if (!ids.isEmpty()) {
            sb.append(" ids=").append(ids);
        }
        if (!showIds.isEmpty()) {
            sb.append(" show=").append(showIds);
        }
        if (watchedAt != null) {
            sb.append(" watchedAt=").append(watchedAt);
        }
        if (rating != null) {
            sb.append(" rating=").append(rating);
        }
        if (playback != null) {
            sb.append(" position=").append(playback.position());
        }
        if (list != null) {
            sb.append(" list=").append(list);
        }
        return sb.append(']').toString();
    }

    /** Builds a {@link MediaItem}. Not thread-safe. */
    public static final class Builder {
        private MediaType type;
        private MediaIds ids;
        private String title;
        private Integer year;
        private MediaIds showIds;
        private String showTitle;
        private Integer season;
        private Integer episode;
        private Instant watchedAt;
        private Integer rating;
        private Instant ratedAt;
        private Playback playback;
        private String list;
        private final Map<String, String> attributes = new TreeMap<>();

        private Builder(MediaType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /** @return this */
        public Builder type(MediaType value) {
            this.type = Objects.requireNonNull(value, "type");
            return this;
        }

        /** @return this */
        public Builder ids(MediaIds value) {
            this.ids = value;
            return this;
        }

        /** @return this, with one id added (normalized) */
        public Builder id(String namespace, Object value) {
            this.ids = (ids == null ? MediaIds.empty() : ids).with(namespace, value);
            return this;
        }

        /** @return this */
        public Builder title(String value) {
            this.title = value;
            return this;
        }

        /** @return this */
        public Builder year(Integer value) {
            this.year = value;
            return this;
        }

        /** @return this */
        public Builder showIds(MediaIds value) {
            this.showIds = value;
            return this;
        }

        /** @return this */
        public Builder showTitle(String value) {
            this.showTitle = value;
            return this;
        }

        /** @return this */
        public Builder season(Integer value) {
            this.season = value;
            return this;
        }

        /** @return this */
        public Builder episode(Integer value) {
            this.episode = value;
            return this;
        }

        /** @return this */
        public Builder watchedAt(Instant value) {
            this.watchedAt = value;
            return this;
        }

        /** @return this */
        public Builder rating(Integer value) {
            this.rating = value;
            return this;
        }

        /** @return this */
        public Builder ratedAt(Instant value) {
            this.ratedAt = value;
            return this;
        }

        /** @return this */
        public Builder playback(Playback value) {
            this.playback = value;
            return this;
        }

        /** @return this */
        public Builder list(String value) {
            this.list = value;
            return this;
        }

        /** @return this, with a service-local reference set ({@code null} removes it) */
        public Builder attribute(String key, String value) {
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
            return this;
        }

        /** @return the item */
        public MediaItem build() {
            return new MediaItem(this);
        }
    }
}
