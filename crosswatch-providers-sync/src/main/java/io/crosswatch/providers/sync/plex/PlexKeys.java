package io.crosswatch.providers.sync.plex;

/**
 * The keys of the {@code plex} configuration block the connector reads. The auth provider
 * (a separate module) writes the tokens and the server; these names must match its own.
 */
final class PlexKeys {

    /** The per-installation client identifier. */
    static final String CLIENT_ID = "clientIdentifier";
    /** The product name sent to Plex (default CrossWatch). */
    static final String PRODUCT = "product";
    /** The plex.tv account token (secret). */
    static final String TOKEN = "token";
    /** The selected Plex Home user's plex.tv token (secret); used for Discover when present. */
    static final String USER_TOKEN = "userToken";
    /** The Plex Media Server base URL. */
    static final String SERVER_URL = "serverUrl";
    /** The server's access token (secret); the account token when absent. */
    static final String SERVER_TOKEN = "serverToken";
    /** The server's machine identifier; read from {@code /identity} when absent. */
    static final String SERVER_ID = "serverId";
    /** The Plex Discover host (watchlist), default https://discover.provider.plex.tv. */
    static final String DISCOVER_URL = "discoverUrl";
    /** The Plex metadata host (external ids of watchlist items), default https://metadata.provider.plex.tv. */
    static final String METADATA_URL = "metadataUrl";
    /** Library sections to sync (titles or ids); all movie and show sections when absent. */
    static final String LIBRARIES = "libraries";
    /** Items per library page (default 200). */
    static final String PAGE_SIZE = "pageSize";

    private PlexKeys() {
    }
}
