package io.crosswatch.providers.sync.jellyfin;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import java.util.List;
import java.util.Locale;

/**
 * The connector's own settings from the config block.
 *
 * @param watchlistPlaylist {@code null} to map the watchlist to favorites (the default), else the
 *                          name of the playlist standing in for it ({@code watchlist: "playlist:<name>"})
 * @param libraries         names or ids of the user views to read; empty for the whole library
 * @param pageSize          items per page of a library listing
 */
record ConnectorSettings(String watchlistPlaylist, List<String> libraries, int pageSize) {

    static final String WATCHLIST = "watchlist";
    static final String LIBRARIES = "libraries";
    static final String PAGE_SIZE = "pageSize";
    private static final String PLAYLIST_PREFIX = "playlist:";

    static ConnectorSettings parse(ProviderConfig cfg) {
        String mode = cfg.string(WATCHLIST).orElse("favorites").trim();
        String playlist = null;
        if (mode.toLowerCase(Locale.ROOT).startsWith(PLAYLIST_PREFIX)) {
            playlist = mode.substring(PLAYLIST_PREFIX.length()).trim();
            if (playlist.isEmpty()) {
                throw new ConfigException(cfg.path() + "." + WATCHLIST, "'playlist:' needs a playlist name, e.g. 'playlist:Watchlist'");
            }
        } else if (!mode.equalsIgnoreCase("favorites")) {
            throw new ConfigException(cfg.path() + "." + WATCHLIST, "expected 'favorites' or 'playlist:<name>', got '" + mode + "'");
        }
        long pageSize = cfg.number(PAGE_SIZE, 200);
        if (pageSize < 1 || pageSize > 1000) {
            throw new ConfigException(cfg.path() + "." + PAGE_SIZE, "must be between 1 and 1000, got " + pageSize);
        }
        List<String> libraries = cfg.strings(LIBRARIES).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new ConnectorSettings(playlist, libraries, (int) pageSize);
    }
}
