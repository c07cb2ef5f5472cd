/**
 * First-party metadata providers. Exports nothing; each implementation is registered with
 * {@code provides} here and in {@code META-INF/services} for class-path users.
 *
 * @since 0.1
 */
module io.crosswatch.providers.metadata {
    requires io.crosswatch.core;

    provides io.crosswatch.api.metadata.MetadataProvider with
            io.crosswatch.providers.metadata.tmdb.TmdbMetadataProvider;
}
