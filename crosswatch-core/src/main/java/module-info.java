/**
 * CrossWatch core: discovers providers ({@code PlatformManager}), fetches metadata
 * ({@code MetadataManager}), runs pairs ({@code Orchestrator}) with the generic sync engine,
 * keeps config and state, and offers providers one HTTP toolkit.
 *
 * <p>Service lookups: {@link io.crosswatch.api.auth.AuthProvider}, {@link
 * io.crosswatch.api.sync.Connector}, {@link io.crosswatch.api.sync.SyncModule}, {@link
 * io.crosswatch.api.metadata.MetadataProvider}, {@link io.crosswatch.api.scrobble.ScrobbleSource} and
 * {@link io.crosswatch.api.scrobble.ScrobbleTarget}. Provides the {@code local} tracker connector,
 * the embedded default that needs no account.
 *
 * @since 0.1
 */
module io.crosswatch.core {
    requires transitive io.crosswatch.api;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires transitive okhttp3;
    requires transitive java.sql;
    requires org.xerial.sqlitejdbc;
    requires jdk.httpserver;

    exports io.crosswatch.core;
    exports io.crosswatch.core.config;
    exports io.crosswatch.core.http;
    exports io.crosswatch.core.local;
    exports io.crosswatch.core.scrobble;
    exports io.crosswatch.core.state;
    exports io.crosswatch.core.sync;

    uses io.crosswatch.api.auth.AuthProvider;
    uses io.crosswatch.api.sync.Connector;
    uses io.crosswatch.api.sync.SyncModule;
    uses io.crosswatch.api.metadata.MetadataProvider;
    uses io.crosswatch.api.scrobble.ScrobbleSource;
    uses io.crosswatch.api.scrobble.ScrobbleTarget;

    provides io.crosswatch.api.sync.Connector with io.crosswatch.core.local.LocalTrackerConnector;
}
