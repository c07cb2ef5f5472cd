package io.crosswatch.providers.sync.jellyfin;

/**
 * The {@code emby} connector: Emby's user data as history, watchlist (favorites), ratings,
 * progress and playlists, through the {@code /emby/Users/{id}/…} routes.
 *
 * @since 0.1
 */
public final class EmbyConnector extends MediaBrowserConnector {

    /** Does no work; {@link #open} receives the context. */
    public EmbyConnector() {
        super(ServerFlavor.EMBY);
    }
}
