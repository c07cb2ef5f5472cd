package io.crosswatch.modulepath;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sources of the fixture providers, compiled at test time. */
final class FixtureSources {

    private FixtureSources() {
    }

    private static final String IMPORTS = """
            import io.crosswatch.api.*;
            import io.crosswatch.api.auth.*;
            import io.crosswatch.api.media.*;
            import io.crosswatch.api.metadata.*;
            import io.crosswatch.api.sync.*;
            import java.util.*;
            """;

    static String auth(String pkg, String cls, String name, String apiVersion, String constructorBody) {
        return "package " + pkg + ";\n" + IMPORTS + """
                public class %s implements AuthProvider {
                    public %s() { %s }
                    public AuthManifest manifest() {
                        return AuthManifest.builder("%s", %s).flow(AuthFlow.API_KEY).version("7.0").build();
                    }
                    public AuthStatus status(ProviderContext c) { return AuthStatus.notConnected("fixture"); }
                    public AuthStep start(ProviderContext c, Map<String, String> p) { throw new UnsupportedOperationException(); }
                    public AuthStatus finish(ProviderContext c, Map<String, String> p) { return status(c); }
                    public void disconnect(ProviderContext c) { }
                }
                """.formatted(cls, cls, constructorBody, name, apiVersion);
    }

    static String connector(String pkg, String cls, String name, String constructorBody) {
        return "package " + pkg + ";\n" + IMPORTS + """
                public class %s implements Connector {
                    public %s() { %s }
                    public ConnectorManifest manifest() {
                        return ConnectorManifest.builder("%s", ApiVersion.CURRENT).features(Feature.WATCHLIST).build();
                    }
                    public ConnectorSession open(ProviderContext c) { throw new UnsupportedOperationException(); }
                }
                """.formatted(cls, cls, constructorBody, name);
    }

    static String metadata(String pkg, String cls, String name) {
        return "package " + pkg + ";\n" + IMPORTS + """
                public class %s implements MetadataProvider {
                    public MetadataManifest manifest() {
                        return MetadataManifest.builder("%s", ApiVersion.CURRENT).entities(MediaType.MOVIE).build();
                    }
                    public Optional<Metadata> fetch(ProviderContext c, MetadataRequest r) {
                        return Optional.of(Metadata.builder(r.entity()).ids(r.ids()).title("from %s").build());
                    }
                }
                """.formatted(cls, name, name);
    }

    static String syncModule(String pkg, String cls, String name) {
        return "package " + pkg + ";\n" + IMPORTS + """
                public class %s implements SyncModule {
                    public String name() { return "%s"; }
                    public Set<Feature> supportedFeatures() { return Set.of(Feature.WATCHLIST); }
                    public SyncResult runSync(SyncContext c) { throw new UnsupportedOperationException(); }
                }
                """.formatted(cls, name);
    }

    /** fixture.providers: one provider of every family. */
    static Map<String, String> providers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("module-info.java", """
                module fixture.providers {
                    requires io.crosswatch.api;
                    provides io.crosswatch.api.auth.AuthProvider with fixture.FixtureAuth;
                    provides io.crosswatch.api.sync.Connector with fixture.FixtureConnector;
                    provides io.crosswatch.api.sync.SyncModule with fixture.FixtureModule;
                    provides io.crosswatch.api.metadata.MetadataProvider with fixture.FixtureMetadata;
                }
                """);
        m.put("fixture/FixtureAuth.java", auth("fixture", "FixtureAuth", "fixture-auth", "ApiVersion.CURRENT", ""));
        m.put("fixture/FixtureConnector.java", connector("fixture", "FixtureConnector", "fixture-sync", ""));
        m.put("fixture/FixtureModule.java", syncModule("fixture", "FixtureModule", "fixture-module"));
        m.put("fixture/FixtureMetadata.java", metadata("fixture", "FixtureMetadata", "fixture-meta"));
        return m;
    }

    /** fixture.broken: a throwing constructor, a duplicate name and an unsupported API version. */
    static Map<String, String> broken() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("module-info.java", """
                module fixture.broken {
                    requires io.crosswatch.api;
                    provides io.crosswatch.api.auth.AuthProvider with broken.DuplicateAuth, broken.FutureAuth;
                    provides io.crosswatch.api.sync.Connector with broken.ThrowingConnector;
                }
                """);
        m.put("broken/DuplicateAuth.java", auth("broken", "DuplicateAuth", "fixture-auth", "ApiVersion.CURRENT", ""));
        m.put("broken/FutureAuth.java", auth("broken", "FutureAuth", "future-auth", "99", ""));
        m.put("broken/ThrowingConnector.java", connector("broken", "ThrowingConnector", "throwing-sync",
                "if (true) throw new IllegalStateException(\"fixture constructor failure\");"));
        return m;
    }

    /** plugin.extra: a new metadata provider and one whose name is taken already. */
    static Map<String, String> extraPlugin() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("module-info.java", """
                module plugin.extra {
                    requires io.crosswatch.api;
                    provides io.crosswatch.api.metadata.MetadataProvider with extra.ExtraMetadata, extra.TakenMetadata;
                }
                """);
        m.put("extra/ExtraMetadata.java", metadata("extra", "ExtraMetadata", "extra-meta"));
        m.put("extra/TakenMetadata.java", metadata("extra", "TakenMetadata", "fixture-meta"));
        return m;
    }

    /** A plain jar (no module-info): becomes an automatic module, registered through META-INF/services. */
    static Map<String, String> plainPlugin() {
        return Map.of("plain/PlainMetadata.java", metadata("plain", "PlainMetadata", "plain-meta"));
    }

    /** A module that needs a module nobody ships. */
    static Map<String, String> needsMissing() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("module-info.java", """
                module plugin.needsmissing {
                    requires io.crosswatch.api;
                    requires does.not.exist;
                    provides io.crosswatch.api.metadata.MetadataProvider with needs.NeedsMetadata;
                }
                """);
        m.put("needs/NeedsMetadata.java", metadata("needs", "NeedsMetadata", "needs-meta"));
        return m;
    }

    /** The stub that lets {@link #needsMissing()} compile; never shipped. */
    static Map<String, String> missingStub() {
        return Map.of("module-info.java", "module does.not.exist { }\n");
    }
}
