package io.crosswatch.providers.auth.jellyfin;

/**
 * Connects a Jellyfin account (provider {@code jellyfin}) by username and password or API key.
 *
 * @since 0.1
 */
public final class JellyfinAuthProvider extends MediaBrowserAuthProvider {

    /** Does no work; everything arrives per call. */
    public JellyfinAuthProvider() {
        super(ServerFlavor.JELLYFIN);
    }
}
