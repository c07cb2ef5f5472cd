package io.crosswatch.api.media;

import io.crosswatch.api.Api;
import java.util.Locale;

/**
 * The kind of a media item.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum MediaType {
    /** A film. */
    MOVIE,
    /** A series as a whole. */
    SHOW,
    /** One season of a series. */
    SEASON,
    /** One episode of a series. */
    EPISODE;

    // computed once: keys are built for every item of every run, a new lower-case copy each time added up
    private final String key = name().toLowerCase(Locale.ROOT);

    /** @return the lower-case name used in files and reports */
    public String key() {
        return key;
    }

    /**
     * @param key {@code movie}, {@code show} (also {@code tv}, {@code series}), {@code season} or {@code episode}
     * @return the type
     * @throws IllegalArgumentException naming the accepted values
     */
    public static MediaType fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "movie", "movies", "film" -> {
                return MOVIE;
            }
            case "show", "shows", "tv", "series", "tvshow" -> {
                return SHOW;
            }
            case "season", "seasons" -> {
                return SEASON;
            }
            case "episode", "episodes" -> {
                return EPISODE;
            }
            default -> throw new IllegalArgumentException("unknown media type '" + key
                    + "'; expected movie, show, season or episode");
        }
    }
}
