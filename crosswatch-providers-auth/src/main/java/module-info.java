/**
 * First-party auth providers. Exports nothing; each implementation is registered with
 * {@code provides} here and in {@code META-INF/services} for class-path users.
 *
 * @since 0.1
 */
module io.crosswatch.providers.auth {
    requires io.crosswatch.core;

    provides io.crosswatch.api.auth.AuthProvider with
            io.crosswatch.providers.auth.anilist.AnilistAuthProvider,
            io.crosswatch.providers.auth.jellyfin.EmbyAuthProvider,
            io.crosswatch.providers.auth.jellyfin.JellyfinAuthProvider,
            io.crosswatch.providers.auth.mdblist.MdblistAuthProvider,
            io.crosswatch.providers.auth.plex.PlexAuthProvider,
            io.crosswatch.providers.auth.simkl.SimklAuthProvider,
            io.crosswatch.providers.auth.tmdb.TmdbAuthProvider,
            io.crosswatch.providers.auth.trakt.TraktAuthProvider;
}
