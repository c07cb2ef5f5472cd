package io.crosswatch.core.internal.platform;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the jars of a plugins directory. When the API runs as a named module, every jar
 * becomes a module of one child {@link ModuleLayer} (a jar without {@code module-info} is an
 * automatic module); a jar that cannot be read or resolved is reported by name and left out,
 * and the rest still load. When the API runs on the class path, the jars go on a child class
 * loader instead, since class-path code cannot be read by named modules.
 */
public final class PluginLoader {

    /** What was loaded: a layer (module mode) or a class loader (class-path mode). */
    public record Loaded(Optional<ModuleLayer> layer, Optional<ClassLoader> loader) {
    }

    private PluginLoader() {
    }

    /**
     * @param dir          the plugins directory; a missing directory loads nothing
     * @param parent       the layer holding the API module, or a layer without it on the class path
     * @param parentLoader the loader plugin code delegates to
     * @param catalog      where problems are reported
     * @return what was loaded
     */
    public static Loaded load(Path dir, ModuleLayer parent, ClassLoader parentLoader, ProviderCatalog catalog) {
        List<Path> jars = jars(dir, catalog);
        if (jars.isEmpty()) {
            return new Loaded(Optional.empty(), Optional.empty());
        }
        if (parent.findModule("io.crosswatch.api").isEmpty()) {
            return new Loaded(Optional.empty(), Optional.of(classPathLoader(jars, parentLoader)));
        }
        return new Loaded(moduleLayer(jars, parent, parentLoader, catalog), Optional.empty());
    }

    private static List<Path> jars(Path dir, ProviderCatalog catalog) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            catalog.problem(null, dir.toString(), "cannot list the plugins directory: " + ProviderCatalog.summary(e));
            return List.of();
        }
    }

    private static ClassLoader classPathLoader(List<Path> jars, ClassLoader parentLoader) {
        URL[] urls = jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
        return new URLClassLoader("crosswatch-plugins", urls, parentLoader);
    }

    private static Optional<ModuleLayer> moduleLayer(List<Path> jars, ModuleLayer parent, ClassLoader parentLoader,
                                                     ProviderCatalog catalog) {
        Map<String, Path> byModule = new LinkedHashMap<>();
        for (Path jar : jars) {
            ModuleReference ref;
            try {
                Set<ModuleReference> refs = ModuleFinder.of(jar).findAll();
                if (refs.size() != 1) {
                    catalog.problem(null, jar.toString(), "is not a module jar; skipped");
                    continue;
                }
                ref = refs.iterator().next();
            } catch (FindException | SecurityException e) {
                catalog.problem(null, jar.toString(), "cannot be read as a module, skipped: " + ProviderCatalog.summary(e));
                continue;
            }
            String name = ref.descriptor().name();
            if (parent.findModule(name).isPresent()) {
                catalog.problem(null, jar.toString(), "holds module '" + name
                        + "', which the application already has; skipped");
            } else if (byModule.containsKey(name)) {
                catalog.problem(null, jar.toString(), "holds module '" + name + "', also in " + byModule.get(name)
                        + "; skipped");
            } else {
                byModule.put(name, jar);
            }
        }
        while (!byModule.isEmpty()) {
            ModuleFinder finder = ModuleFinder.of(byModule.values().toArray(Path[]::new));
            try {
                Configuration cf = parent.configuration().resolve(finder, ModuleFinder.of(), byModule.keySet());
                return Optional.of(parent.defineModulesWithOneLoader(cf, parentLoader));
            } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException e) {
                List<String> bad = new ArrayList<>();
                for (String name : byModule.keySet()) {
                    try {
                        Configuration one = parent.configuration().resolve(finder, ModuleFinder.of(), Set.of(name));
                        parent.defineModulesWithOneLoader(one, parentLoader);
                    } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException e1) {
                        bad.add(name);
                        catalog.problem(null, byModule.get(name).toString(), "module '" + name
                                + "' cannot be resolved, skipped: " + ProviderCatalog.summary(e1));
                    }
                }
                if (bad.isEmpty()) {
                    // Each loads alone but not together (a package split across two plugins).
                    catalog.problem(null, String.valueOf(byModule.values()), "these plugins cannot be loaded together, "
                            + "all skipped: " + ProviderCatalog.summary(e));
                    return Optional.empty();
                }
                bad.forEach(byModule::remove);
            }
        }
        return Optional.empty();
    }
}
