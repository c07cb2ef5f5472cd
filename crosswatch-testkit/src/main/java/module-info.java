/**
 * The CrossWatch testkit: contract tests (a TCK) that provider authors run in their own build.
 *
 * <p>Provider authors extend {@link io.crosswatch.testkit.AuthProviderContract}, {@link
 * io.crosswatch.testkit.ConnectorContract} or {@link io.crosswatch.testkit.MetadataProviderContract}
 * in their tests, and load their provider with {@link io.crosswatch.testkit.ProviderTestKit}
 * through {@link java.util.ServiceLoader} exactly as core does. It depends on nothing but the
 * API and JUnit Jupiter.
 *
 * @since 0.1
 */
module io.crosswatch.testkit {
    requires transitive io.crosswatch.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires java.logging; // LogCapture: System.Logger routes to java.util.logging, where it listens

    exports io.crosswatch.testkit;

    uses io.crosswatch.api.auth.AuthProvider;
    uses io.crosswatch.api.sync.Connector;
    uses io.crosswatch.api.metadata.MetadataProvider;
}
