package io.crosswatch.core.internal.platform;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.metadata.MetadataManifest;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.core.DiscoveredProvider;
import io.crosswatch.core.DiscoveryProblem;
import io.crosswatch.api.scrobble.ScrobbleSource;
import io.crosswatch.api.scrobble.ScrobbleTarget;
import io.crosswatch.core.ProviderFamily;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.Spliterator;

/**
 * Collects providers of the four families from every source, rejecting duplicates by name and
 * unsupported API versions, and records every problem without stopping. Not thread-safe; used
 * while a {@code PlatformManager} is built.
 */
public final class ProviderCatalog {

    private static final System.Logger LOG = System.getLogger("io.crosswatch.core.PlatformManager");
    /** A broken META-INF/services file could fail on every entry; stop after this many in a row. */
    private static final int MAX_CONSECUTIVE_ERRORS = 100;

    /** An accepted provider and how it was described. */
    public record Entry(Object instance, DiscoveredProvider info) {
    }

    private final Map<ProviderFamily, Map<String, Entry>> byFamily = new EnumMap<>(ProviderFamily.class);
    private final List<DiscoveredProvider> discovered = new ArrayList<>();
    private final List<DiscoveryProblem> problems = new ArrayList<>();
    private final Set<Class<?>> seen = new HashSet<>();

    /** Creates an empty catalog. */
    public ProviderCatalog() {
        for (ProviderFamily f : ProviderFamily.values()) {
            byFamily.put(f, new LinkedHashMap<>());
        }
    }

    /**
     * @param family the family
     * @return the SPI interface of {@code family}
     */
    public static Class<?> spi(ProviderFamily family) {
        return switch (family) {
            case AUTH -> AuthProvider.class;
            case CONNECTOR -> Connector.class;
            case SYNC_MODULE -> SyncModule.class;
            case METADATA -> MetadataProvider.class;
            case SCROBBLE_SOURCE -> ScrobbleSource.class;
            case SCROBBLE_TARGET -> ScrobbleTarget.class;
        };
    }

    /**
     * Adds a provider an application registered in code.
     *
     * @param provider an implementation of one or more SPIs
     * @throws IllegalArgumentException when it implements none
     */
    public void register(Object provider) {
        boolean any = false;
        for (ProviderFamily f : ProviderFamily.values()) {
            if (spi(f).isInstance(provider)) {
                any = true;
                offer(f, provider, "registered");
            }
        }
        if (!any) {
            throw new IllegalArgumentException(provider.getClass().getName()
                    + " implements none of AuthProvider, Connector, SyncModule, MetadataProvider");
        }
        seen.add(provider.getClass());
    }

    /**
     * Loads every provider of every family a service loader finds, skipping classes already
     * loaded through another source and reporting each failure.
     *
     * @param via     a description of the source for reports, e.g. {@code module layer}
     * @param factory makes the loader for one SPI
     */
    public void discover(String via, LoaderFactory factory) {
        discover(via, factory, type -> true);
    }

    /**
     * Like {@link #discover(String, LoaderFactory)}, but only for provider classes {@code accept}
     * admits: a plugin layer's service loader also sees its parent layers, and a plugin class
     * loader its parent's class path, whose providers must not sneak in when automatic
     * discovery is off.
     *
     * @param via     a description of the source for reports
     * @param factory makes the loader for one SPI
     * @param accept  which provider classes belong to this source
     */
    public void discover(String via, LoaderFactory factory, java.util.function.Predicate<Class<?>> accept) {
        Set<Class<?>> before = new HashSet<>(seen);
        for (ProviderFamily f : ProviderFamily.values()) {
            ServiceLoader<?> loader;
            try {
                loader = factory.loader(spi(f));
            } catch (ServiceConfigurationError | RuntimeException e) {
                problem(f, via, "service lookup failed: " + summary(e));
                continue;
            }
            discover(f, loader, via, before, accept);
        }
    }

    /** Makes a {@link ServiceLoader} for one SPI. */
    @FunctionalInterface
    public interface LoaderFactory {
        /**
         * @param spi the service interface
         * @return its loader
         */
        ServiceLoader<?> loader(Class<?> spi);
    }

    private void discover(ProviderFamily family, ServiceLoader<?> loader, String via, Set<Class<?>> before,
                          java.util.function.Predicate<Class<?>> accept) {
        Spliterator<? extends ServiceLoader.Provider<?>> it = loader.stream().spliterator();
        int errors = 0;
        while (true) {
            try {
                if (!it.tryAdvance(p -> load(family, p, before, accept))) {
                    return;
                }
                errors = 0;
            } catch (ServiceConfigurationError | LinkageError e) {
                problem(family, via, "a provider could not be loaded: " + summary(e));
                if (++errors >= MAX_CONSECUTIVE_ERRORS) {
                    return;
                }
            }
        }
    }

    private void load(ProviderFamily family, ServiceLoader.Provider<?> p, Set<Class<?>> before,
                      java.util.function.Predicate<Class<?>> accept) {
        Class<?> type = p.type();
        if (before.contains(type) || !accept.test(type)) {
            return; // the same class reached through another source (layer and class path)
        }
        Object instance;
        try {
            instance = p.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            problem(family, type.getName() + " from " + ProviderLocations.describe(type),
                    "could not be created, skipped: " + summary(e));
            seen.add(type); // report it once, not again from the next source
            return;
        }
        offer(family, instance, ProviderLocations.describe(type));
        seen.add(type);
    }

    private void offer(ProviderFamily family, Object instance, String location) {
        String impl = instance.getClass().getName();
        String name;
        String version;
        int api;
        try {
            switch (family) {
                case AUTH -> {
                    AuthManifest m = ((AuthProvider) instance).manifest();
                    name = m.name();
                    version = m.version().orElse(null);
                    api = m.apiVersion();
                }
                case CONNECTOR -> {
                    ConnectorManifest m = ((Connector) instance).manifest();
                    name = m.name();
                    version = m.version().orElse(null);
                    api = m.apiVersion();
                }
                case SYNC_MODULE -> {
                    SyncModule m = (SyncModule) instance;
                    name = m.name();
                    version = null;
                    api = m.apiVersion();
                }
                case METADATA -> {
                    MetadataManifest m = ((MetadataProvider) instance).manifest();
                    name = m.name();
                    version = null;
                    api = m.apiVersion();
                }
                case SCROBBLE_SOURCE -> {
                    ScrobbleSource m = (ScrobbleSource) instance;
                    name = m.name();
                    version = null;
                    api = m.apiVersion();
                }
                case SCROBBLE_TARGET -> {
                    ScrobbleTarget m = (ScrobbleTarget) instance;
                    name = m.name();
                    version = null;
                    api = m.apiVersion();
                }
                default -> throw new IllegalStateException(family.name());
            }
        } catch (RuntimeException | LinkageError e) {
            problem(family, impl + " from " + location, "its manifest failed, skipped: " + summary(e));
            return;
        }
        if (name == null || name.isBlank()) {
            problem(family, impl + " from " + location, "declares no name, skipped");
            return;
        }
        if (!ApiVersion.isSupported(api)) {
            problem(family, impl + " from " + location, "'" + name + "' was built against API version " + api
                    + ", but this CrossWatch supports " + ApiVersion.OLDEST_SUPPORTED + " to " + ApiVersion.CURRENT
                    + "; refused. Install a version of the provider built for this CrossWatch.");
            return;
        }
        Map<String, Entry> entries = byFamily.get(family);
        Entry existing = entries.get(name);
        if (existing != null) {
            problem(family, impl + " from " + location, "duplicate " + family.label() + " name '" + name
                    + "': already provided by " + existing.info().implementation() + " from "
                    + existing.info().location() + "; this one is rejected. Remove one of the two.");
            return;
        }
        if (version == null) {
            version = packagedVersion(instance.getClass());
        }
        DiscoveredProvider info = new DiscoveredProvider(family, name, version, api, impl, location);
        entries.put(name, new Entry(instance, info));
        discovered.add(info);
        LOG.log(Level.DEBUG, "discovered {0}", info);
    }

    /**
     * Records a problem and logs it.
     *
     * @param family  the family, may be {@code null}
     * @param source  what failed
     * @param message why
     */
    public void problem(ProviderFamily family, String source, String message) {
        DiscoveryProblem p = new DiscoveryProblem(family, source, message);
        problems.add(p);
        LOG.log(Level.WARNING, "provider discovery problem: {0}", p);
    }

    /** @return the accepted providers of {@code family} by name, in discovery order */
    public Map<String, Entry> entries(ProviderFamily family) {
        return Collections.unmodifiableMap(byFamily.get(family));
    }

    /** @return every accepted provider, in discovery order */
    public List<DiscoveredProvider> discovered() {
        return List.copyOf(discovered);
    }

    /** @return every problem, in order */
    public List<DiscoveryProblem> problems() {
        return List.copyOf(problems);
    }

    /**
     * @param e a failure
     * @return the root cause's class and message, one line
     */
    public static String summary(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = e == root ? "" : e.getMessage() + " — caused by ";
        return outer + root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /**
     * The version the provider's jar was built as, when its manifest does not say: the module
     * version on the module path, else the jar manifest's Implementation-Version.
     */
    private static String packagedVersion(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed() && module.getDescriptor() != null) {
            java.util.Optional<String> v = module.getDescriptor().rawVersion();
            if (v.isPresent()) {
                return v.get();
            }
        }
        Package p = type.getPackage();
        return p == null ? null : p.getImplementationVersion();
    }
}
