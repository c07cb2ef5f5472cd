/**
 * First-party sync providers. Exports nothing; each implementation is registered with
 * {@code provides} here and in {@code META-INF/services} for class-path users.
 *
 * @since 0.1
 */
module io.crosswatch.providers.sync {
    requires io.crosswatch.core;

    provides io.crosswatch.api.sync.Connector with io.crosswatch.providers.sync.simkl.SimklConnector;
}
