package io.crosswatch.providers.auth.jellyfin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What differs between Jellyfin and Emby when signing in: the provider name, the API path
 * prefix ({@code /emby} on Emby) and the headers carrying the client description and token.
 * Jellyfin 12 turns the legacy {@code X-Emby-*} headers off by default, so it gets only the
 * {@code Authorization: MediaBrowser …} header; Emby gets that header, its
 * {@code X-Emby-Authorization} twin and {@code X-Emby-Token}.
 */
enum ServerFlavor {
    /** Jellyfin: API at the base URL, token only in {@code Authorization}. */
    JELLYFIN("jellyfin", "Jellyfin", "", "https://jellyfin.org"),
    /** Emby: API under {@code /emby}, token also in {@code X-Emby-Token}. */
    EMBY("emby", "Emby", "/emby", "https://emby.media");

    /** The client name the server shows in its device list. */
    static final String CLIENT = "CrossWatch";
    /** The client version sent in the authorization header. */
    static final String CLIENT_VERSION = "0.1.0";

    private final String provider;
    private final String label;
    private final String pathPrefix;
    private final String website;

    ServerFlavor(String provider, String label, String pathPrefix, String website) {
        this.provider = provider;
        this.label = label;
        this.pathPrefix = pathPrefix;
        this.website = website;
    }

    String provider() {
        return provider;
    }

    String label() {
        return label;
    }

    String website() {
        return website;
    }

    /**
     * @param baseUrl the server URL the user entered (with any reverse-proxy base path)
     * @return the URL API paths are appended to; {@code /emby} is added once for Emby
     */
    String apiRoot(URI baseUrl) {
        String base = baseUrl.toString();
        if (pathPrefix.isEmpty() || base.toLowerCase(Locale.ROOT).endsWith(pathPrefix)) {
            return base;
        }
        return base + pathPrefix;
    }

    /**
     * @param deviceName the device label shown in the server's dashboard
     * @param deviceId   the stable per-install device id
     * @param token      the access token or API key, {@code null} before login
     * @return the headers identifying the client (and authenticating it when a token is given)
     */
    Map<String, String> headers(String deviceName, String deviceId, String token) {
        StringBuilder value = new StringBuilder("MediaBrowser Client=\"").append(CLIENT)
                .append("\", Device=\"").append(quoteSafe(deviceName))
                .append("\", DeviceId=\"").append(quoteSafe(deviceId))
                .append("\", Version=\"").append(CLIENT_VERSION).append('"');
        if (token != null) {
            value.append(", Token=\"").append(quoteSafe(token)).append('"');
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Authorization", value.toString());
        if (this == EMBY) {
            out.put("X-Emby-Authorization", value.toString());
            if (token != null) {
                out.put("X-Emby-Token", token);
            }
        }
        return out;
    }

    private static String quoteSafe(String s) {
        return s.replace("\"", "").replace("\r", "").replace("\n", "");
    }
}
