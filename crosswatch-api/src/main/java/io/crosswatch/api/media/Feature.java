package io.crosswatch.api.media;

import io.crosswatch.api.Api;
import java.util.Locale;

/**
 * A kind of watch state that can be synced.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum Feature {
    /** Items the user wants to watch (membership only). */
    WATCHLIST,
    /** Ratings on a 1–10 scale with the time they were given. */
    RATINGS,
    /** Watched plays with their date. */
    HISTORY,
    /** Resume points of partly watched items. */
    PROGRESS,
    /** Named user lists and playlists (membership per list). */
    PLAYLISTS;

    /** Computed once: keys are built with it for every item of every run. */
    private final String key = name().toLowerCase(Locale.ROOT);

    /** @return the lower-case name used in config files and reports, e.g. {@code watchlist} */
    public String key() {
        return key;
    }

    /**
     * @param key a name such as {@code history} (any case)
     * @return the feature
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Feature fromKey(String key) {
        for (Feature f : values()) {
            if (f.name().equalsIgnoreCase(key.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + key
                + "'; expected one of watchlist, ratings, history, progress, playlists");
    }
}
