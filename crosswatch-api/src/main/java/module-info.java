/**
 * The CrossWatch API: the service-provider interfaces every provider implements and the
 * value types they exchange.
 *
 * <p>This module depends on nothing but {@code java.base}, so a third-party provider jar can
 * be built against it alone. Six families of providers are discovered by
 * {@link java.util.ServiceLoader}:
 * <ul>
 *   <li>{@link io.crosswatch.api.auth.AuthProvider} connects an account;</li>
 *   <li>{@link io.crosswatch.api.sync.Connector} reads and writes one service's watch state;</li>
 *   <li>{@link io.crosswatch.api.sync.SyncModule} moves data between a source and a target;</li>
 *   <li>{@link io.crosswatch.api.metadata.MetadataProvider} fetches normalized metadata;</li>
 *   <li>{@link io.crosswatch.api.scrobble.ScrobbleSource} and {@link io.crosswatch.api.scrobble.ScrobbleTarget}
 *       turn media-server playback into tracker scrobbles.</li>
 * </ul>
 *
 * @since 0.1
 */
module io.crosswatch.api {
    exports io.crosswatch.api;
    exports io.crosswatch.api.media;
    exports io.crosswatch.api.auth;
    exports io.crosswatch.api.sync;
    exports io.crosswatch.api.metadata;
    exports io.crosswatch.api.scrobble;
}
