package io.crosswatch.providers.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.local.LocalTrackerConnector;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.providers.sync.anilist.AnilistConnector;
import io.crosswatch.providers.sync.jellyfin.EmbyConnector;
import io.crosswatch.providers.sync.jellyfin.JellyfinConnector;
import io.crosswatch.providers.sync.mdblist.MdblistConnector;
import io.crosswatch.providers.sync.plex.PlexConnector;
import io.crosswatch.providers.sync.simkl.SimklConnector;
import io.crosswatch.providers.sync.tmdb.TmdbConnector;
import io.crosswatch.providers.sync.trakt.TraktConnector;
import io.crosswatch.testkit.BackendFailure;
import io.crosswatch.testkit.LogCapture;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every connector in a real sync run: {@link GenericSyncModule} between the local tracker and
 * the connector, both directions, with the connector's backend failing in each
 * {@link BackendFailure} way (the request echoed in the error body). With every logger at its
 * most verbose level, no secret of the connector's config reaches a log line, the
 * {@link SyncResult}'s {@code toString}, its warnings or errors, or anything thrown.
 */
class SyncResultSecretsTest {

    @RegisterExtension
    static WireMockExtension hostile = HostileBackend.server();

    @TempDir
    Path dir;

    /** One connector: how to build it and its config over a base URL, with realistic secrets. */
    record Case(String name, Supplier<Connector> connector, Function<String, Map<String, Object>> config) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> connectors() {
        return List.of(
                new Case("trakt", TraktConnector::new, url -> Map.of("clientId", "e2e-trakt-client-id-5f5f",
                        "clientSecret", "e2e-trakt-client-secret-6a6a", "accessToken", "e2e-trakt-access-7b7b",
                        "refreshToken", "e2e-trakt-refresh-8c8c", "baseUrl", url, "oauthUrl", url)),
                new Case("simkl", SimklConnector::new, url -> Map.of("clientId", "e2e-simkl-client-id-9d9d",
                        "accessToken", "e2e-simkl-access-0e0e", "baseUrl", url)),
                new Case("plex", PlexConnector::new, url -> Map.of("clientIdentifier", "5b0e1c1e-e2e-client",
                        "token", "e2e-plex-account-token-1f1f", "serverUrl", url, "serverToken", "e2e-plex-server-token-2a2a",
                        "serverId", "0123456789abcdef0123456789abcdef01234567", "discoverUrl", url, "metadataUrl", url)),
                new Case("jellyfin", JellyfinConnector::new, url -> Map.of("baseUrl", url,
                        "accessToken", "e2e-jellyfin-token-3b3b", "userId", "e2e-user-1",
                        "deviceId", "c1f0a5d2-0000-4000-8000-000000000001")),
                new Case("emby", EmbyConnector::new, url -> Map.of("baseUrl", url,
                        "accessToken", "e2e-emby-token-4c4c", "userId", "e2e-user-1",
                        "deviceId", "c1f0a5d2-0000-4000-8000-000000000002")),
                new Case("mdblist", MdblistConnector::new, url -> Map.of("apiKey", "e2e-mdblist-apikey-5d5d",
                        "baseUrl", url)),
                new Case("anilist", AnilistConnector::new, url -> Map.of("accessToken", "e2e-anilist-token-6e6e",
                        "baseUrl", url)),
                new Case("tmdb", TmdbConnector::new, url -> Map.of("apiKey", "e2e-tmdb-apikey-7f7f",
                        "sessionId", "e2e-tmdb-session-id-8a8a", "baseUrl", url + "/3")));
    }

    static Stream<Arguments> cases() {
        return connectors().stream().flatMap(c -> Stream.of(BackendFailure.values()).map(f -> Arguments.of(c, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void syncRunsAgainstAFailingBackendLeakNoSecret(Case c, BackendFailure failure) {
        String url = HostileBackend.stage(hostile, failure);
        VirtualTime time = VirtualTime.create();
        ProviderConfig config = ProviderConfig.of(c.name(), ProviderConfig.DEFAULT_INSTANCE, c.config().apply(url));
        SecretScanner secrets = new SecretScanner().addConfig(config);
        assertTrue(secrets.size() > 0, c + " has no secret in its config");
        Connector connector = c.connector().get();
        TestContext providerContext = TestContext.of(config, time);
        TestContext localContext = TestContext.of(ProviderConfig.of("local", ProviderConfig.DEFAULT_INSTANCE,
                Map.of("path", dir.resolve("local.db").toString())), time);
        seedLocal(localContext);
        List<String> seen = new ArrayList<>();
        List<SyncResult> results = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            for (boolean localIsSource : List.of(true, false)) {
                try {
                    SyncResult r = run(connector, providerContext, localContext, localIsSource, time);
                    results.add(r);
                    seen.add(r.toString());
                    seen.addAll(r.warnings());
                    seen.addAll(r.errors());
                } catch (RuntimeException e) {
                    StringWriter w = new StringWriter();
                    e.printStackTrace(new PrintWriter(w));
                    seen.add(w.toString());
                }
            }
            logs.assertNoSecrets(secrets);
        }
        assertFalse(hostile.getAllServeEvents().isEmpty() && failure.isHttpAnswer() && results.isEmpty(),
                "no run completed and nothing reached the backend");
        for (SyncResult r : results) {
            assertNotEquals(SyncStatus.SUCCESS, r.status(), c + " with " + failure + " reported SUCCESS: " + r);
        }
        secrets.assertNotIn("the SyncResults, their warnings and errors, and what was thrown", String.join("\n", seen));
        secrets.assertNotIn("the connector's toString()", connector.toString());
    }

    /** The local side holds one movie in each feature, so the run has something to write. */
    private static void seedLocal(TestContext localContext) {
        MediaItem tron = MediaItem.builder(MediaType.MOVIE).id("imdb", "tt1104001").id("tmdb", 20526)
                .title("TRON: Legacy").year(2010).build();
        Instant at = Instant.parse("2025-12-01T20:00:00Z");
        try (ConnectorSession s = new LocalTrackerConnector().open(localContext)) {
            s.add(Feature.WATCHLIST, List.of(tron), false);
            s.add(Feature.RATINGS, List.of(tron.toBuilder().rating(8).ratedAt(at).build()), false);
            s.add(Feature.HISTORY, List.of(tron.toBuilder().watchedAt(at).build()), false);
        }
    }

    private static SyncResult run(Connector connector, TestContext providerContext, TestContext localContext,
                                  boolean localIsSource, VirtualTime time) {
        LocalTrackerConnector lc = new LocalTrackerConnector();
        Endpoint l = Endpoint.parse("local");
        Endpoint p = Endpoint.parse(connector.manifest().name());
        PairSpec.Builder pb = PairSpec.builder(localIsSource ? l : p, localIsSource ? p : l, SyncMode.ONE_WAY_PROPAGATE);
        for (Feature f : connector.manifest().features()) {
            if (lc.manifest().features().contains(f)) {
                pb.feature(f, FeatureOptions.ALL);
            }
        }
        try (ConnectorSession ls = lc.open(localContext); ConnectorSession ps = connector.open(providerContext)) {
            SyncContext.Builder b = SyncContext.builder(pb.build()).state(new InMemoryStateStore()).clock(time.clock())
                    .sleeper(time.sleeper());
            if (localIsSource) {
                b.source(lc.manifest(), ls).target(connector.manifest(), ps);
            } else {
                b.source(connector.manifest(), ps).target(lc.manifest(), ls);
            }
            return new GenericSyncModule().runSync(b.build());
        }
    }
}
