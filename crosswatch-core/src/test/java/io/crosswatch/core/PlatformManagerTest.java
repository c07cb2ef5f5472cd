package io.crosswatch.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.NoSuchProviderException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.testproviders.DuplicateAuth;
import io.crosswatch.core.testproviders.FakeAuth;
import io.crosswatch.core.testproviders.FakeConnector;
import io.crosswatch.core.testproviders.FakeMetadata;
import io.crosswatch.core.testproviders.FakeSyncModule;
import io.crosswatch.core.testproviders.FutureApiAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformManagerTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Names of the test's own fakes; core's built-in providers (if any) are not counted. */
    private static List<String> names(List<DiscoveredProvider> d, ProviderFamily f) {
        return d.stream().filter(p -> p.family() == f)
                .filter(p -> p.implementation().startsWith("io.crosswatch.core.testproviders."))
                .map(DiscoveredProvider::name).toList();
    }

    @Test
    void discoversEveryFamilyFromTheClassPathAndReportsBrokenProviders() {
        PlatformManager pm = PlatformManager.builder().clock(clock).build();
        assertEquals(List.of("fake-auth"), names(pm.discovered(), ProviderFamily.AUTH));
        assertEquals(List.of("fake-sync"), names(pm.discovered(), ProviderFamily.CONNECTOR));
        assertEquals(List.of("fake-meta"), names(pm.discovered(), ProviderFamily.METADATA));
        assertEquals(List.of("fake-module"), names(pm.discovered(), ProviderFamily.SYNC_MODULE));
        assertInstanceOf(FakeAuth.class, pm.authProvider("fake-auth").orElseThrow());
        assertInstanceOf(FakeConnector.class, pm.connector("fake-sync").orElseThrow());
        assertInstanceOf(FakeMetadata.class, pm.metadataProvider("fake-meta").orElseThrow());
        assertInstanceOf(FakeSyncModule.class, pm.syncModule("fake-module").orElseThrow());
        DiscoveredProvider auth = pm.discovered().stream().filter(d -> d.name().equals("fake-auth")).findFirst().orElseThrow();
        assertEquals("1.2.3", auth.version());
        assertTrue(auth.location().startsWith("classpath"), auth.location());

        List<String> problems = pm.problems().stream().map(DiscoveryProblem::toString).toList();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains(FutureApiAuth.class.getName())
                && p.contains("API version 99") && p.contains("refused")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("duplicate auth provider name 'fake-auth'")
                && p.contains(DuplicateAuth.class.getName()) && p.contains(FakeAuth.class.getName())), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("io.crosswatch.core.testproviders.ThrowingConnector")
                && p.contains("classpath") && p.contains("boom in constructor")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("NoSuchClass")), problems.toString());
    }

    @Test
    void registeredProvidersWinAndDiscoveryCanBeSwitchedOff() {
        PlatformManager only = PlatformManager.builder().autoDiscovery(false)
                .register(new FakeAuth()).register(new FakeConnector()).register(new FakeMetadata())
                .register(new FakeSyncModule()).build();
        assertEquals(4, only.discovered().size());
        assertTrue(only.problems().isEmpty());
        assertTrue(only.discovered().stream().allMatch(d -> d.location().equals("registered")));

        PlatformManager mixed = PlatformManager.builder().register(new DuplicateAuth()).build();
        assertInstanceOf(DuplicateAuth.class, mixed.authProvider("fake-auth").orElseThrow());
        assertTrue(mixed.problems().stream().anyMatch(p -> p.source().startsWith(FakeAuth.class.getName())
                && p.message().contains("already provided by " + DuplicateAuth.class.getName())), mixed.problems().toString());

        assertThrows(IllegalArgumentException.class, () -> PlatformManager.builder().register("not a provider"));
    }

    @Test
    void authFlowsPersistThroughTheConfigFile() {
        Path file = dir.resolve("crosswatch.json");
        PlatformManager pm = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(file))
                .clock(clock).register(new FakeAuth()).register(new FakeConnector()).build();

        AuthStep step = pm.start("fake-auth", "work", Map.of("account", "alice"));
        assertEquals("ABCD", step.userCode());
        AuthStatus connected = pm.finish("fake-auth", "work", step.state());
        assertTrue(connected.isConnected());
        assertEquals("alice", connected.account());
        ProviderConfig onDisk = ConfigStore.open(file).load().providerConfig("fake-auth", "work");
        assertEquals("tok-1", onDisk.require("accessToken"));

        assertTrue(pm.refresh("fake-auth", "work").isConnected());
        assertEquals("tok-2", ConfigStore.open(file).load().providerConfig("fake-auth", "work").require("accessToken"));

        ProviderContext ctx = pm.contextFor("fake-sync", "work", CancellationToken.none());
        assertEquals("tok-2", ctx.config().require("accessToken"));
        ProviderConfig refreshed = ctx.refreshCredentials();
        assertEquals("tok-3", refreshed.require("accessToken"));
        assertEquals(2, ConfigStore.open(file).load().providerConfig("fake-auth", "work").number("refreshes", 0),
                "exactly one refresh per call");

        pm.disconnect("fake-auth", "work");
        ProviderConfig after = ConfigStore.open(file).load().providerConfig("fake-auth", "work");
        assertFalse(after.has("accessToken"));
        assertFalse(after.has("refreshToken"));
        assertEquals(AuthStatus.State.NOT_CONNECTED, pm.status("fake-auth", "work").state());
        AuthException noRefresh = assertThrows(AuthException.class, ctx::refreshCredentials);
        assertTrue(noRefresh.getMessage().contains("crosswatch connect fake-auth"), noRefresh.getMessage());
    }

    @Test
    void statusOfAnUnconfiguredProviderDoesNotThrow() {
        Path file = dir.resolve("missing/crosswatch.json");
        PlatformManager pm = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(file))
                .register(new FakeAuth()).build();
        AuthStatus s = pm.status("fake-auth", null);
        assertEquals(AuthStatus.State.NOT_CONNECTED, s.state());
        assertFalse(Files.exists(file), "reading status writes nothing");
        assertThrows(NoSuchProviderException.class, () -> pm.status("nope", null));

        PlatformManager failing = PlatformManager.builder().autoDiscovery(false).register(new FakeAuth() {
            @Override
            public AuthStatus status(ProviderContext context) {
                throw new IllegalStateException("service down");
            }
        }).build();
        assertEquals(AuthStatus.State.UNKNOWN, failing.status("fake-auth", null).state());
    }

    @Test
    void withoutAConfigStoreContextsKeepStateInMemory() {
        PlatformManager pm = PlatformManager.builder().autoDiscovery(false).register(new FakeAuth()).build();
        AuthStep step = pm.start("fake-auth", null, Map.of());
        assertTrue(pm.finish("fake-auth", null, step.state()).isConnected());
        assertTrue(pm.status("fake-auth", ProviderConfig.DEFAULT_INSTANCE).isConnected());
        assertFalse(pm.context("fake-auth", null, null).config().toString().contains("tok-1"), "redacted");
    }
}
