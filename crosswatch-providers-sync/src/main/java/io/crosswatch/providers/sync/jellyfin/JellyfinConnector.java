package io.crosswatch.providers.sync.jellyfin;

import io.crosswatch.core.http.HttpToolkit;

/**
 * The {@code jellyfin} connector: Jellyfin's user data as history, watchlist (favorites),
 * ratings, progress and playlists.
 *
 * @since 0.1
 */
public final class JellyfinConnector extends MediaBrowserConnector {

    /** Does no work; {@link #open} receives the context. */
    public JellyfinConnector() {
        this(null);
    }

    /** Tests pass their own toolkit; {@code null} means the shared one. */
    JellyfinConnector(HttpToolkit toolkit) {
        super(ServerFlavor.JELLYFIN, toolkit);
    }
}
