package io.crosswatch.providers.sync.jellyfin;

import io.crosswatch.api.media.MediaIds;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What differs between Jellyfin and Emby for the connector: names, the {@code /emby} path
 * prefix, the auth headers, the extra {@code Fields} Emby 4.8+ needs to return play dates and
 * counts in lists, the played-date format, how playlists are created, and whether the server
 * has Jellyfin 10.9's user-less routes, and where the session websocket lives.
 *
 * <p>The auth module has its own small copy of the header logic: provider modules may not
 * depend on each other.
 */
enum ServerFlavor {
    /** Jellyfin: root paths, {@code Authorization} only, user-less routes from 10.9. */
    JELLYFIN("jellyfin", "Jellyfin", MediaIds.JELLYFIN, ""),
    /** Emby: {@code /emby} paths, {@code X-Emby-Token}, legacy {@code /Users/{id}/…} routes only. */
    EMBY("emby", "Emby", MediaIds.EMBY, "/emby");

    static final String CLIENT = "CrossWatch";
    static final String CLIENT_VERSION = "0.1.0";

    private static final DateTimeFormatter EMBY_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String provider;
    private final String label;
    private final String idNamespace;
    private final String pathPrefix;

    ServerFlavor(String provider, String label, String idNamespace, String pathPrefix) {
        this.provider = provider;
        this.label = label;
        this.idNamespace = idNamespace;
        this.pathPrefix = pathPrefix;
    }

    String provider() {
        return provider;
    }

    String label() {
        return label;
    }

    /** @return the {@link MediaIds} namespace of this server's local item ids */
    String idNamespace() {
        return idNamespace;
    }

    /** @return the URL API paths are appended to; {@code /emby} is added once for Emby */
    String apiRoot(URI baseUrl) {
        String base = baseUrl.toString();
        if (pathPrefix.isEmpty() || base.toLowerCase(Locale.ROOT).endsWith(pathPrefix)) {
            return base;
        }
        return base + pathPrefix;
    }

    /**
     * @return the URL of the server's session websocket, without query: {@code /socket} for
     *         Jellyfin, {@code /embywebsocket} at the server root (not under {@code /emby}) for Emby
     */
    String socketUrl(URI baseUrl) {
        String base = baseUrl.toString();
        if (!pathPrefix.isEmpty() && base.toLowerCase(Locale.ROOT).endsWith(pathPrefix)) {
            base = base.substring(0, base.length() - pathPrefix.length());
        }
        return base + (this == EMBY ? "/embywebsocket" : "/socket");
    }

    /** @return the headers identifying and authenticating the client */
    Map<String, String> headers(String deviceName, String deviceId, String token) {
        String value = "MediaBrowser Client=\"" + CLIENT + "\", Device=\"" + quoteSafe(deviceName) + "\", DeviceId=\""
                + quoteSafe(deviceId) + "\", Version=\"" + CLIENT_VERSION + "\", Token=\"" + quoteSafe(token) + "\"";
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Authorization", value);
        if (this == EMBY) {
            out.put("X-Emby-Authorization", value);
            out.put("X-Emby-Token", token);
        }
        return out;
    }

    /**
     * @return the {@code Fields} of a library listing: Emby 4.8+ leaves {@code LastPlayedDate}
     *         and {@code PlayCount} out of list responses unless asked; Jellyfin needs only
     *         {@code ProviderIds} (user data comes with {@code EnableUserData})
     */
    String listFields() {
        return this == EMBY ? "ProviderIds,UserData,UserDataLastPlayedDate,UserDataPlayCount" : "ProviderIds";
    }

    /** @return the {@code DatePlayed} value: ISO-8601 for Jellyfin, compact UTC for Emby */
    String datePlayed(Instant when) {
        return this == EMBY ? EMBY_DATE.format(when) : DateTimeFormatter.ISO_INSTANT.format(when);
    }

    /** @return the user parameter name of the playlist endpoints, as each server documents it */
    String playlistUserParam() {
        return this == EMBY ? "UserId" : "userId";
    }

    /** @return the name of the item-ids parameter of the playlist endpoints */
    String playlistIdsParam() {
        return this == EMBY ? "Ids" : "ids";
    }

    /** @return the name of the entry-ids parameter of the playlist removal */
    String playlistEntryIdsParam() {
        return this == EMBY ? "EntryIds" : "entryIds";
    }

    /** @return whether playlists are created with a JSON body (Jellyfin) rather than a query string (Emby) */
    boolean createsPlaylistsWithJson() {
        return this == JELLYFIN;
    }

    /**
     * @param version the server's {@code Version}, such as {@code 10.10.7} or {@code 4.8.10.0}
     * @return whether the user-less routes of Jellyfin 10.9+ ({@code /UserPlayedItems/…}) exist
     */
    boolean hasUserlessRoutes(String version) {
        if (this != JELLYFIN || version == null) {
            return false;
        }
        String[] parts = version.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 10 || major == 10 && minor >= 9;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String quoteSafe(String s) {
        return s.replace("\"", "").replace("\r", "").replace("\n", "");
    }
}
