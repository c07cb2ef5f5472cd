package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.sync.Connector;
import io.crosswatch.testkit.reference.MemoryAuthProvider;
import io.crosswatch.testkit.reference.MemoryConnector;
import io.crosswatch.testkit.reference.MemoryMetadataProvider;
import io.crosswatch.testkit.reference.TwinMemoryConnector;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class ProviderTestKitTest {

    @TempDir
    Path dir;

    @Test
    void loadsEveryFamilyOfANameThroughServiceLoader() {
        ProviderTestKit kit = ProviderTestKit.forName("memory").assertRegistered();
        assertInstanceOf(MemoryAuthProvider.class, kit.authProvider());
        assertInstanceOf(MemoryConnector.class, kit.connector());
        assertInstanceOf(MemoryMetadataProvider.class, kit.metadataProvider());
        assertNotSame(kit.connector(), kit.connector(), "each handle call loads a new instance, as core does per run");
        assertEquals(List.of(), kit.problems());
    }

    @Test
    void anUnknownNameFailsListingWhatIsRegistered() {
        ProviderTestKit kit = ProviderTestKit.forName("nope");
        assertTrue(kit.findConnector().isEmpty());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, kit::connector);
        assertTrue(e.getMessage().contains("no connector named 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("connectors: memory (" + MemoryConnector.class.getName() + ")"),
                e.getMessage());
        AssertionFailedError r = assertThrows(AssertionFailedError.class, kit::assertRegistered);
        assertTrue(r.getMessage().contains("no auth provider, connector or metadata provider is named 'nope'"),
                r.getMessage());
    }

    @Test
    void reportsDuplicatesUnlistedClassesAndLoadErrors() throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Connector.class.getName()),
                "# a comment\n" + TwinMemoryConnector.class.getName() + "\ncom.example.MissingConnector\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            ProviderTestKit kit = ProviderTestKit.forName("memory", loader);
            String problems = String.join("\n", kit.problems());
            assertTrue(problems.contains("2 connectors are named 'memory'"), problems);
            assertTrue(problems.contains(TwinMemoryConnector.class.getName() + " is not listed in META-INF/services/"
                    + Connector.class.getName()), problems);
            assertTrue(problems.contains("com.example.MissingConnector"), problems);
            AssertionFailedError e = assertThrows(AssertionFailedError.class, kit::connector);
            assertTrue(e.getMessage().contains("2 connectors are named 'memory'"), e.getMessage());
            assertTrue(kit.findAuthProvider().isPresent(), "the other families still load");
        }
    }

    @Test
    void aModuleLayerWithoutTheProviderFindsNothing() {
        // Surefire runs this module's tests on the class path, so the boot layer's named modules
        // hold no provider called memory; the class-path lookup above does.
        ProviderTestKit kit = ProviderTestKit.forName("memory", ModuleLayer.boot());
        assertTrue(kit.findConnector().isEmpty());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, kit::metadataProvider);
        assertTrue(e.getMessage().contains("module layer"), e.getMessage());
    }

    @Test
    void checksModuleInfoProvidesWhenTheJarHasOne() throws Exception {
        Path good = compileProvider("good", true);
        Path bad = compileProvider("bad", false);
        try (URLClassLoader g = new URLClassLoader(new URL[] {good.toUri().toURL()}, getClass().getClassLoader());
             URLClassLoader b = new URLClassLoader(new URL[] {bad.toUri().toURL()}, getClass().getClassLoader())) {
            assertEquals(List.of(), ProviderTestKit.forName("acme", g).problems());
            List<String> problems = ProviderTestKit.forName("acme", b).problems();
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).contains("does not declare 'provides " + Connector.class.getName()
                    + " with acme.AcmeConnector'"), problems.get(0));
        }
    }

    /** Compiles a tiny provider module with or without its provides line, and lists it in META-INF/services. */
    private Path compileProvider(String name, boolean provides) throws Exception {
        Path src = Files.createDirectories(dir.resolve(name + "-src/acme"));
        Path out = Files.createDirectories(dir.resolve(name + "-out"));
        Files.writeString(src.getParent().resolve("module-info.java"), "module acme { requires io.crosswatch.api; "
                + (provides ? "provides io.crosswatch.api.sync.Connector with acme.AcmeConnector; " : "") + "}");
        Files.writeString(src.resolve("AcmeConnector.java"), String.join("\n",
                "package acme;",
                "import io.crosswatch.api.*; import io.crosswatch.api.sync.*; import io.crosswatch.api.media.Feature;",
                "public class AcmeConnector implements Connector {",
                "  public ConnectorManifest manifest() {",
                "    return ConnectorManifest.builder(\"acme\", ApiVersion.CURRENT).features(Feature.WATCHLIST).build(); }",
                "  public ConnectorSession open(ProviderContext c) { throw new UnsupportedOperationException(); }",
                "}"));
        Path api = Path.of(Connector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new AssertionError("no javac in this JDK"));
        int rc = javac.run(System.out, System.err, "--module-path", api.toString(), "-d", out.toString(),
                src.getParent().resolve("module-info.java").toString(), src.resolve("AcmeConnector.java").toString());
        assertEquals(0, rc, "compiling the fixture module failed");
        Path services = Files.createDirectories(out.resolve("META-INF/services"));
        Files.writeString(services.resolve(Connector.class.getName()), "acme.AcmeConnector\n");
        return out;
    }

    @Test
    void forNameDefaultsToTheContextClassLoader() {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            t.setContextClassLoader(empty);
            // the platform loader cannot see the test class path, so nothing is found
            assertTrue(ProviderTestKit.forName("memory").findConnector().isEmpty());
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            t.setContextClassLoader(before);
        }
        assertTrue(ProviderTestKit.forName("memory").findConnector().isPresent());
    }
}
