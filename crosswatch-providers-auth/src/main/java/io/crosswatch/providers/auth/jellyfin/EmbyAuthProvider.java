package io.crosswatch.providers.auth.jellyfin;

/**
 * Connects an Emby account (provider {@code emby}) by username and password or API key; talks to
 * the server under {@code /emby} and sends the token in {@code X-Emby-Token} as well.
 *
 * @since 0.1
 */
public final class EmbyAuthProvider extends MediaBrowserAuthProvider {

    /** Does no work; everything arrives per call. */
    public EmbyAuthProvider() {
        super(ServerFlavor.EMBY);
    }
}
