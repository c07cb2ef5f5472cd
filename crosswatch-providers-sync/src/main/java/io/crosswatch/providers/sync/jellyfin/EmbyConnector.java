package io.crosswatch.providers.sync.jellyfin;

import io.crosswatch.core.http.HttpToolkit;

/**
 * The {@code emby} connector: Emby's user data as history, watchlist (favorites), ratings,
 * progress and playlists, through the {@code /emby/Users/{id}/…} routes.
 *
 * @since 0.1
 */
public final class EmbyConnector extends MediaBrowserConnector {

    /** Does no work; {@link #open} receives the context. */
    public EmbyConnector() {
        this(null);
    }

    /** Tests pass their own toolkit; {@code null} means the shared one. */
    EmbyConnector(HttpToolkit toolkit) {
        super(ServerFlavor.EMBY, toolkit);
    }
}
