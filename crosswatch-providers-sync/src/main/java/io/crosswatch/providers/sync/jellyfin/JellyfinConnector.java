package io.crosswatch.providers.sync.jellyfin;

/**
 * The {@code jellyfin} connector: Jellyfin's user data as history, watchlist (favorites),
 * ratings, progress and playlists.
 *
 * @since 0.1
 */
public final class JellyfinConnector extends MediaBrowserConnector {

    /** Does no work; {@link #open} receives the context. */
    public JellyfinConnector() {
        super(ServerFlavor.JELLYFIN);
    }
}
