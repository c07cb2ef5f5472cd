/**
 * First-party sync providers. Exports nothing; each implementation is registered with
 * {@code provides} here and in {@code META-INF/services} for class-path users.
 *
 * @since 0.1
 */
module io.crosswatch.providers.sync {
    requires io.crosswatch.core;

    provides io.crosswatch.api.sync.Connector with
            io.crosswatch.providers.sync.anilist.AnilistConnector,
            io.crosswatch.providers.sync.jellyfin.EmbyConnector,
            io.crosswatch.providers.sync.jellyfin.JellyfinConnector,
            io.crosswatch.providers.sync.mdblist.MdblistConnector,
            io.crosswatch.providers.sync.plex.PlexConnector,
            io.crosswatch.providers.sync.simkl.SimklConnector,
            io.crosswatch.providers.sync.tmdb.TmdbConnector,
            io.crosswatch.providers.sync.trakt.TraktConnector;

    provides io.crosswatch.api.scrobble.ScrobbleSource with
            io.crosswatch.providers.sync.jellyfin.EmbyScrobbleSource,
            io.crosswatch.providers.sync.jellyfin.JellyfinWebhookSource,
            io.crosswatch.providers.sync.plex.PlexWebhookSource;
    provides io.crosswatch.api.scrobble.ScrobbleTarget with
            io.crosswatch.providers.sync.simkl.SimklScrobbleTarget,
            io.crosswatch.providers.sync.trakt.TraktScrobbleTarget;
}
