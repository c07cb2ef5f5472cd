package io.crosswatch.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.DiscoveredProvider;
import io.crosswatch.core.MetadataManager;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.ProviderFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When CrossWatch itself runs on the class path, plugin jars go on a child class loader and are
 * found through their {@code META-INF/services} entries.
 */
class ClassPathPluginsTest {

    @TempDir
    Path work;

    @Test
    void pluginJarsLoadOnAChildClassLoader() throws Exception {
        Path api = FixtureJars.locationOf(io.crosswatch.api.ApiVersion.class);
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        FixtureJars.jar(FixtureJars.compile(work.resolve("c/plain"), FixtureSources.plainPlugin(), List.of(), List.of(api)),
                plugins.resolve("plainplugin.jar"),
                Map.of("META-INF/services/io.crosswatch.api.metadata.MetadataProvider", "plain.PlainMetadata\n"));

        PlatformManager pm = PlatformManager.builder().autoDiscovery(false).pluginsDir(plugins).build();
        assertFalse(PlatformManager.class.getModule().isNamed(), "this test runs core on the class path");
        List<DiscoveredProvider> found = pm.discovered();
        assertEquals(1, found.size(), found.toString());
        assertEquals(ProviderFamily.METADATA, found.get(0).family());
        assertEquals("plain-meta", found.get(0).name());
        assertTrue(found.get(0).location().contains("plainplugin.jar"), found.get(0).location());
        assertEquals(List.of(), pm.problems());

        MetadataProvider plain = pm.metadataProvider("plain-meta").orElseThrow();
        assertEquals("plain.PlainMetadata", plain.getClass().getName());
        String title = MetadataManager.builder().platform(pm).build()
                .fetch(MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "603"), null)).orElseThrow()
                .title().orElseThrow();
        assertEquals("from plain-meta", title);
    }
}
