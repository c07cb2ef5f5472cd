package io.crosswatch.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots a real {@link ModuleLayer} holding the API, core (with its dependencies) and fixture
 * provider modules compiled at test time, and drives core's {@code PlatformManager} inside it.
 *
 * <p>Core and the API are loaded into the layer as named modules, so their classes differ from
 * the class-path copies this test is compiled against: the test talks to them by reflection
 * through exported packages only, exactly as a module-path application would. That makes the
 * test prove the real JPMS wiring: core's {@code uses} clauses, the fixtures' {@code provides},
 * automatic modules and the child layer built from a plugins directory.
 */
class ModuleLayerDiscoveryTest {

    @TempDir
    static Path work;

    private static List<Path> appModules;
    private static Path providersJar;
    private static Path brokenJar;
    private static Path extraPluginJar;
    private static Path plainPluginJar;
    private static Path needsMissingJar;

    @BeforeAll
    static void buildFixtures() throws IOException {
        appModules = FixtureJars.applicationModules();
        Path api = appModules.stream().filter(p -> p.equals(FixtureJars.locationOf(io.crosswatch.api.ApiVersion.class)))
                .findFirst().orElseThrow(() -> new IllegalStateException("the API module is not on the class path"));
        List<Path> apiOnly = List.of(api);
        providersJar = FixtureJars.jar(FixtureJars.compile(work.resolve("c/providers"), FixtureSources.providers(),
                apiOnly, List.of()), work.resolve("app/fixture-providers.jar"), Map.of());
        brokenJar = FixtureJars.jar(FixtureJars.compile(work.resolve("c/broken"), FixtureSources.broken(), apiOnly,
                List.of()), work.resolve("app/fixture-broken.jar"), Map.of());
        extraPluginJar = FixtureJars.jar(FixtureJars.compile(work.resolve("c/extra"), FixtureSources.extraPlugin(),
                apiOnly, List.of()), work.resolve("jars/extra-plugin.jar"), Map.of());
        plainPluginJar = FixtureJars.jar(FixtureJars.compile(work.resolve("c/plain"), FixtureSources.plainPlugin(),
                List.of(), apiOnly), work.resolve("jars/plainplugin.jar"),
                Map.of("META-INF/services/io.crosswatch.api.metadata.MetadataProvider", "plain.PlainMetadata\n"));
        Path stub = FixtureJars.compile(work.resolve("c/stub"), FixtureSources.missingStub(), List.of(), List.of());
        needsMissingJar = FixtureJars.jar(FixtureJars.compile(work.resolve("c/needs"), FixtureSources.needsMissing(),
                List.of(api, stub), List.of()), work.resolve("jars/needs-missing.jar"), Map.of());
    }

    /** A layer with the application modules plus {@code extra} fixture jars; parent loader sees no class path. */
    private static ModuleLayer layer(Path... extra) {
        List<Path> all = new ArrayList<>(appModules);
        all.addAll(List.of(extra));
        ModuleFinder finder = ModuleFinder.of(all.toArray(Path[]::new));
        Set<String> roots = new java.util.LinkedHashSet<>(List.of("io.crosswatch.core"));
        for (Path p : extra) {
            roots.add(ModuleFinder.of(p).findAll().iterator().next().descriptor().name());
        }
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), roots);
        return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    }

    /** {@code PlatformManager.builder()...build()} inside {@code layer}, with an optional plugins directory. */
    private static Object platform(ModuleLayer layer, Path pluginsDir) throws Exception {
        return platform(layer, pluginsDir, true);
    }

    private static Object platform(ModuleLayer layer, Path pluginsDir, boolean autoDiscovery) throws Exception {
        Class<?> pm = layer.findLoader("io.crosswatch.core").loadClass("io.crosswatch.core.PlatformManager");
        assertEquals("io.crosswatch.core", pm.getModule().getName(), "core runs as a named module");
        Object builder = pm.getMethod("builder").invoke(null);
        if (pluginsDir != null) {
            builder = invoke(builder, "pluginsDir", new Class<?>[] {Path.class}, pluginsDir);
        }
        builder = invoke(builder, "autoDiscovery", new Class<?>[] {boolean.class}, autoDiscovery);
        return invoke(builder, "build", new Class<?>[0]);
    }

    private static Object invoke(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method m = target.getClass().getMethod(name, types);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** {@code family:name@location} of every discovered provider. */
    private static List<String> discovered(Object platform) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object d : (List<?>) invoke(platform, "discovered", new Class<?>[0])) {
            out.add(invoke(d, "family", new Class<?>[0]) + ":" + invoke(d, "name", new Class<?>[0]) + "@"
                    + invoke(d, "location", new Class<?>[0]));
        }
        return out;
    }

    /** Sorted {@code family:name} of the fixtures' providers; core's built-in ones are left out. */
    private static List<String> names(Object platform) throws Exception {
        return discovered(platform).stream().filter(s -> !s.contains("@module io.crosswatch.core"))
                .map(s -> s.substring(0, s.indexOf('@'))).sorted().toList();
    }

    private static List<String> problems(Object platform) throws Exception {
        return ((List<?>) invoke(platform, "problems", new Class<?>[0])).stream().map(String::valueOf).toList();
    }

    @Test
    void findsProvidersOfEveryFamilyInAModuleLayer() throws Exception {
        ModuleLayer layer = layer(providersJar);
        Object pm = platform(layer, null);
        assertEquals(List.of("AUTH:fixture-auth", "CONNECTOR:fixture-sync", "METADATA:fixture-meta",
                "SYNC_MODULE:fixture-module"), names(pm));
        assertTrue(discovered(pm).stream().filter(d -> !d.contains("@module io.crosswatch.core"))
                .allMatch(d -> d.contains("@module fixture.providers (") && d.contains("fixture-providers.jar")),
                discovered(pm).toString());
        assertEquals(List.of(), problems(pm));

        Class<?> authSpi = layer.findLoader("io.crosswatch.api").loadClass("io.crosswatch.api.auth.AuthProvider");
        assertEquals("io.crosswatch.api", authSpi.getModule().getName());
        Object auth = ((Optional<?>) invoke(pm, "authProvider", new Class<?>[] {String.class}, "fixture-auth")).orElseThrow();
        assertTrue(authSpi.isInstance(auth));
        assertEquals("fixture.providers", auth.getClass().getModule().getName());
        Object manifest = authSpi.getMethod("manifest").invoke(auth);
        assertEquals("fixture-auth", manifest.getClass().getMethod("name").invoke(manifest));
    }

    @Test
    void brokenProvidersAreReportedAndTheOthersStillLoad() throws Exception {
        Object pm = platform(layer(providersJar, brokenJar), null);
        List<String> names = names(pm);
        assertEquals(List.of("AUTH:fixture-auth", "CONNECTOR:fixture-sync", "METADATA:fixture-meta",
                "SYNC_MODULE:fixture-module"), names, "the broken module adds nothing");
        List<String> problems = problems(pm);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("broken.ThrowingConnector")
                && p.contains("module fixture.broken") && p.contains("fixture-broken.jar")
                && p.contains("fixture constructor failure")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("duplicate auth provider name 'fixture-auth'")
                && p.contains("broken.DuplicateAuth") && p.contains("fixture.FixtureAuth")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("broken.FutureAuth") && p.contains("API version 99")
                && p.contains("refused")), problems.toString());
    }

    @Test
    void aJarDroppedIntoThePluginsDirectoryIsDiscovered() throws Exception {
        ModuleLayer layer = layer(providersJar);
        Path plugins = Files.createDirectories(work.resolve("plugins-drop"));
        Object before = platform(layer, plugins);
        assertFalse(names(before).contains("METADATA:extra-meta"));

        Files.copy(extraPluginJar, plugins.resolve("extra-plugin.jar"));
        Object after = platform(layer, plugins);
        List<String> found = discovered(after);
        assertTrue(found.stream().anyMatch(d -> d.startsWith("METADATA:extra-meta@module plugin.extra (")
                && d.contains("extra-plugin.jar")), found.toString());
        List<String> problems = problems(after);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("duplicate metadata provider name 'fixture-meta'")
                && problems.get(0).contains("extra.TakenMetadata") && problems.get(0).contains("fixture.FixtureMetadata")
                && problems.get(0).contains("module fixture.providers"), problems.get(0));

        Object pluginsOnly = platform(layer, plugins, false);
        assertEquals(List.of("METADATA:extra-meta", "METADATA:fixture-meta"), names(pluginsOnly),
                "with discovery off only the plugin layer's own providers load, not its parent's");
        assertTrue(discovered(pluginsOnly).stream().allMatch(d -> d.contains("module plugin.extra")));
        assertEquals(List.of(), problems(pluginsOnly));
    }

    @Test
    void unloadableJarsAreReportedByNameAndTheRestLoad() throws Exception {
        ModuleLayer layer = layer(providersJar);
        Path plugins = Files.createDirectories(work.resolve("plugins-mixed"));
        Files.copy(extraPluginJar, plugins.resolve("extra-plugin.jar"));
        Files.copy(plainPluginJar, plugins.resolve("plainplugin.jar"));
        Files.copy(needsMissingJar, plugins.resolve("needs-missing.jar"));
        Files.writeString(plugins.resolve("garbage.jar"), "this is not a zip file");
        Files.writeString(plugins.resolve("readme.txt"), "ignored: not a jar");

        Object pm = platform(layer, plugins);
        List<String> found = discovered(pm);
        assertTrue(found.stream().anyMatch(d -> d.startsWith("METADATA:extra-meta@module plugin.extra")), found.toString());
        assertTrue(found.stream().anyMatch(d -> d.startsWith("METADATA:plain-meta@module plainplugin (")
                && d.contains("plainplugin.jar")), "a plain jar loads as an automatic module: " + found);
        assertFalse(found.stream().anyMatch(d -> d.contains("needs-meta")), found.toString());

        List<String> problems = problems(pm);
        assertTrue(problems.stream().anyMatch(p -> p.contains("needs-missing.jar") && p.contains("plugin.needsmissing")
                && p.contains("does.not.exist")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("garbage.jar") && p.contains("cannot be read as a module")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("duplicate metadata provider name 'fixture-meta'")),
                problems.toString());
        assertEquals(3, problems.size(), problems.toString());
        try (Stream<Path> s = Files.list(plugins)) {
            assertEquals(5, s.count(), "discovery never deletes or moves plugin files");
        }
    }

    @Test
    void firstPartyProviderModulesLoadWithoutProblems() throws Exception {
        List<Path> providerModules = FixtureJars.firstPartyProviderModules();
        assertEquals(3, providerModules.size(), "auth, sync and metadata provider modules: " + providerModules);
        Object pm = platform(layer(providerModules.toArray(Path[]::new)), null);
        assertEquals(List.of(), problems(pm), "first-party providers must load cleanly on the module path");
        for (String d : discovered(pm)) {
            assertTrue(d.contains("@module io.crosswatch.providers.") || d.contains("@module io.crosswatch.core"), d);
        }
        // the scrobble families are found on the module path too
        assertTrue(discovered(pm).stream().anyMatch(d -> d.startsWith("SCROBBLE_SOURCE:plex@")), discovered(pm).toString());
        assertTrue(discovered(pm).stream().anyMatch(d -> d.startsWith("SCROBBLE_TARGET:trakt@")), discovered(pm).toString());
    }
}
