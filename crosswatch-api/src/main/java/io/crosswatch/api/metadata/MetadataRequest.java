package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What metadata to fetch: the seed's {@code fetch(entity, ids, locale, need)}.
 *
 * @param entity the entity type
 * @param ids    what is known of the item
 * @param locale the preferred locale, e.g. {@code de-DE}; {@code null} means English
 * @param need   which image kinds are wanted (texts and ids always come)
 * @param title  a title for search when no id resolves, may be {@code null}
 * @param year   a year to confirm a title search, may be {@code null}
 * @param season  for a season or episode: its season number (0 = specials), {@code null} when
 *                unknown; the ids are then the show's ids (since 0.2)
 * @param episode for an episode: its number within the season, {@code null} when unknown (since 0.2)
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record MetadataRequest(MediaType entity, MediaIds ids, String locale, Set<ImageKind> need, String title,
                              Integer year, Integer season, Integer episode) {

    /** Validates and copies. */
    public MetadataRequest {
        Objects.requireNonNull(entity, "entity");
        ids = ids == null ? MediaIds.empty() : ids;
        locale = locale == null || locale.isBlank() ? "en-US" : locale;
        need = need == null ? Set.of() : Set.copyOf(need);
        if (ids.isEmpty() && (title == null || title.isBlank())) {
            throw new IllegalArgumentException("a metadata request needs an id or a title");
        }
        if (season != null && season < 0) {
            throw new IllegalArgumentException("season must not be negative, got " + season);
        }
        if (episode != null && episode < 0) {
            throw new IllegalArgumentException("episode must not be negative, got " + episode);
        }
        if (episode != null && season == null) {
            throw new IllegalArgumentException("an episode number needs a season number");
        }
    }

    /**
     * The 0.1 constructor: no season or episode numbers.
     *
     * @param entity the entity type
     * @param ids    what is known of the item
     * @param locale the preferred locale
     * @param need   which image kinds are wanted
     * @param title  a title for search, may be {@code null}
     * @param year   a year to confirm a title search, may be {@code null}
     */
    public MetadataRequest(MediaType entity, MediaIds ids, String locale, Set<ImageKind> need, String title,
                           Integer year) {
        this(entity, ids, locale, need, title, year, null, null);
    }

    /**
     * @param showIds the show's ids
     * @param season  the season number (0 = specials)
     * @param locale  the preferred locale
     * @return a request for everything about one season of a show
     * @since 0.2
     */
    public static MetadataRequest season(MediaIds showIds, int season, String locale) {
        return new MetadataRequest(MediaType.SEASON, showIds, locale, EnumSet.allOf(ImageKind.class), null, null,
                season, null);
    }

    /**
     * @param showIds the show's ids
     * @param season  the season number (0 = specials)
     * @param episode the episode number within the season
     * @param locale  the preferred locale
     * @return a request for everything about one episode of a show
     * @since 0.2
     */
    public static MetadataRequest episode(MediaIds showIds, int season, int episode, String locale) {
        return new MetadataRequest(MediaType.EPISODE, showIds, locale, EnumSet.allOf(ImageKind.class), null, null,
                season, episode);
    }

    /** @return a request for everything about {@code ids} in {@code locale} */
    public static MetadataRequest of(MediaType entity, MediaIds ids, String locale) {
        return new MetadataRequest(entity, ids, locale, EnumSet.allOf(ImageKind.class), null, null);
    }

    /** @return the season number, when the request names one */
    public java.util.Optional<Integer> seasonNumber() {
        return java.util.Optional.ofNullable(season);
    }

    /** @return the episode number, when the request names one */
    public java.util.Optional<Integer> episodeNumber() {
        return java.util.Optional.ofNullable(episode);
    }

    /** @return the language part of the locale, e.g. {@code de} */
    public String language() {
        int i = locale.indexOf('-');
        return (i < 0 ? locale : locale.substring(0, i)).toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the same request with other ids */
    public MetadataRequest withIds(MediaIds value) {
        return new MetadataRequest(entity, value, locale, need, title, year, season, episode);
    }

    /** @return the same request in another locale */
    public MetadataRequest withLocale(String value) {
        return new MetadataRequest(entity, ids, value, need, title, year, season, episode);
    }
}
