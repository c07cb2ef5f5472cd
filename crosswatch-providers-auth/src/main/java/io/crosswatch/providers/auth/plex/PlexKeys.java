package io.crosswatch.providers.auth.plex;

/**
 * The keys of the {@code plex} configuration block that the auth side reads and writes. The
 * sync connector reads the same block (core hands it the auth provider's block).
 */
final class PlexKeys {

    /** A UUID generated once per installation; plex.tv ties PINs and tokens to it. */
    static final String CLIENT_ID = "clientIdentifier";
    /** The product name shown in the user's "Authorized Devices" (default CrossWatch). */
    static final String PRODUCT = "product";
    /** The plex.tv account token (secret). */
    static final String TOKEN = "token";
    /** The selected Plex Home user's own plex.tv token (secret), when {@link #HOME_USER} is set. */
    static final String USER_TOKEN = "userToken";
    /** The Plex Home user (title, username, id or uuid) whose state is synced; absent = the account owner. */
    static final String HOME_USER = "homeUser";
    /** The preferred server (name or machine identifier); absent = the first owned server that answers. */
    static final String SERVER = "server";
    /** The chosen server connection's base URL. */
    static final String SERVER_URL = "serverUrl";
    /** The chosen server's access token (secret). */
    static final String SERVER_TOKEN = "serverToken";
    /** The chosen server's machine identifier. */
    static final String SERVER_ID = "serverId";
    /** The chosen server's name. */
    static final String SERVER_NAME = "serverName";
    /** The browser page that approves a strong PIN (default https://app.plex.tv/auth). */
    static final String AUTH_URL = "authUrl";
    /** Seconds between PIN polls (default 2; plex.tv rate-limits faster polling). */
    static final String PIN_POLL_SECONDS = "pinPollSeconds";
    /** Seconds a server connection probe may take (default 5). */
    static final String PROBE_TIMEOUT_SECONDS = "probeTimeoutSeconds";

    private PlexKeys() {
    }
}
