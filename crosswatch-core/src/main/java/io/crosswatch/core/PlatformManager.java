package io.crosswatch.core;

import io.crosswatch.api.Api;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.NoSuchProviderException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.scrobble.ScrobbleSource;
import io.crosswatch.api.scrobble.ScrobbleTarget;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.internal.platform.ManagedContext;
import io.crosswatch.core.internal.platform.PluginLoader;
import io.crosswatch.core.internal.platform.ProviderCatalog;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discovers providers of the four families and drives their account flows.
 *
 * <p>Sources, in order (the first provider of a name wins; a later one of the same name is
 * rejected and reported in {@link #problems()}):
 * <ol>
 *   <li>providers {@linkplain Builder#register registered} in code;</li>
 *   <li>with {@linkplain Builder#autoDiscovery automatic discovery} (the default): the module
 *       layer ({@link Builder#layer}, else the layer core itself lives in, else the boot layer)
 *       and the class path ({@link Builder#classLoader});</li>
 *   <li>the jars of the {@linkplain Builder#pluginsDir plugins directory}, each loaded as a
 *       module of a child layer (class-path mode: a child class loader).</li>
 * </ol>
 * A provider whose constructor or manifest throws, or that was built against an unsupported
 * API version, is reported and skipped; the others still load.
 *
 * <p>Provider contexts read and persist configuration through the {@link ConfigStore} (an
 * in-memory store per instance when none is given), so what a provider saves is written
 * atomically before the provider call returns. Thread-safe after {@link Builder#build()}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class PlatformManager {

    private static final System.Logger LOG = System.getLogger(PlatformManager.class.getName());

    private final ConfigStore configStore;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ProviderCatalog catalog;
    private final Map<String, ProviderStore> memoryStores = new ConcurrentHashMap<>();
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();

    private PlatformManager(Builder b, ProviderCatalog catalog) {
        this.configStore = b.configStore;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.catalog = catalog;
    }

    /** @return a builder with automatic discovery on, the system clock and real sleeping */
    public static Builder builder() {
        return new Builder();
    }

    // ---- providers -------------------------------------------------------------------------

    /** @return the auth providers, in discovery order */
    public List<AuthProvider> authProviders() {
        return list(ProviderFamily.AUTH, AuthProvider.class);
    }

    /** @return the connectors, in discovery order */
    public List<Connector> connectors() {
        return list(ProviderFamily.CONNECTOR, Connector.class);
    }

    /** @return the metadata providers, in discovery order */
    public List<MetadataProvider> metadataProviders() {
        return list(ProviderFamily.METADATA, MetadataProvider.class);
    }

    /** @return the scrobble sources (media-server playback events), in discovery order */
    public List<ScrobbleSource> scrobbleSources() {
        return list(ProviderFamily.SCROBBLE_SOURCE, ScrobbleSource.class);
    }

    /** @return the scrobble targets (trackers that take live playback), in discovery order */
    public List<ScrobbleTarget> scrobbleTargets() {
        return list(ProviderFamily.SCROBBLE_TARGET, ScrobbleTarget.class);
    }

    /** @return the scrobble source of that name */
    public Optional<ScrobbleSource> scrobbleSource(String name) {
        return find(ProviderFamily.SCROBBLE_SOURCE, name, ScrobbleSource.class);
    }

    /** @return the scrobble target of that name */
    public Optional<ScrobbleTarget> scrobbleTarget(String name) {
        return find(ProviderFamily.SCROBBLE_TARGET, name, ScrobbleTarget.class);
    }

    /** @return the sync modules, in discovery order */
    public List<SyncModule> syncModules() {
        return list(ProviderFamily.SYNC_MODULE, SyncModule.class);
    }

    /** @return the auth provider named {@code name} */
    public Optional<AuthProvider> authProvider(String name) {
        return find(ProviderFamily.AUTH, name, AuthProvider.class);
    }

    /** @return the connector named {@code name} */
    public Optional<Connector> connector(String name) {
        return find(ProviderFamily.CONNECTOR, name, Connector.class);
    }

    /** @return the metadata provider named {@code name} */
    public Optional<MetadataProvider> metadataProvider(String name) {
        return find(ProviderFamily.METADATA, name, MetadataProvider.class);
    }

    /** @return the sync module named {@code name} */
    public Optional<SyncModule> syncModule(String name) {
        return find(ProviderFamily.SYNC_MODULE, name, SyncModule.class);
    }

    /** @return every accepted provider with its name, version and location, in discovery order */
    public List<DiscoveredProvider> discovered() {
        return catalog.discovered();
    }

    /** @return what could not be loaded and why (duplicates, broken jars, throwing constructors, versions) */
    public List<DiscoveryProblem> problems() {
        return catalog.problems();
    }

    /** @return the config store, when one was given */
    public Optional<ConfigStore> configStore() {
        return Optional.ofNullable(configStore);
    }

    /** @return the injected clock */
    public Clock clock() {
        return clock;
    }

    /** @return the injected sleeper */
    public Sleeper sleeper() {
        return sleeper;
    }

    // ---- auth flows ------------------------------------------------------------------------

    /**
     * The live status of an account. Never throws for a missing or empty configuration, nor for
     * a provider that fails to check (that gives {@link AuthStatus.State#UNKNOWN}).
     *
     * @param provider the auth provider name
     * @param instance the instance, {@code null} for the default
     * @return the status
     * @throws NoSuchProviderException when no such auth provider is installed
     */
    public AuthStatus status(String provider, String instance) {
        AuthProvider auth = requireAuth(provider);
        try {
            return auth.status(context(provider, instance, CancellationToken.none()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status check of {0} failed: {1}", provider, e.getMessage());
            return new AuthStatus(AuthStatus.State.UNKNOWN, null, null, e.getMessage());
        }
    }

    /**
     * Starts connecting an account.
     *
     * @param provider the auth provider name
     * @param instance the instance, {@code null} for the default
     * @param payload  user input (username, password, token …)
     * @return what to show the user
     */
    public AuthStep start(String provider, String instance, Map<String, String> payload) {
        return requireAuth(provider).start(context(provider, instance, CancellationToken.none()), payload);
    }

    /**
     * Completes a started flow; the provider persists the credentials through the config store.
     *
     * @param provider     the auth provider name
     * @param instance     the instance, {@code null} for the default
     * @param payload      the step's state plus user input
     * @param cancellation stops polling
     * @return the status after connecting
     */
    public AuthStatus finish(String provider, String instance, Map<String, String> payload,
                             CancellationToken cancellation) {
        return requireAuth(provider).finish(context(provider, instance, cancellation), payload);
    }

    /**
     * {@link #finish(String, String, Map, CancellationToken)} without cancellation.
     *
     * @param provider the auth provider name
     * @param instance the instance
     * @param payload  the step's state plus user input
     * @return the status after connecting
     */
    public AuthStatus finish(String provider, String instance, Map<String, String> payload) {
        return finish(provider, instance, payload, CancellationToken.none());
    }

    /**
     * Refreshes an account's tokens; the provider persists them through the config store.
     *
     * @param provider the auth provider name
     * @param instance the instance, {@code null} for the default
     * @return the status after refreshing
     */
    public AuthStatus refresh(String provider, String instance) {
        return requireAuth(provider).refresh(context(provider, instance, CancellationToken.none()));
    }

    /**
     * Disconnects an account: the provider revokes where it can and clears its secrets.
     *
     * @param provider the auth provider name
     * @param instance the instance, {@code null} for the default
     */
    public void disconnect(String provider, String instance) {
        requireAuth(provider).disconnect(context(provider, instance, CancellationToken.none()));
    }

    // ---- contexts --------------------------------------------------------------------------

    /**
     * A context over one provider instance's configuration block, with no refresh hook. Used
     * for auth and metadata providers.
     *
     * @param provider     the block's provider name
     * @param instance     the instance, {@code null} for the default
     * @param cancellation the surrounding operation's token, {@code null} for none
     * @return the context
     */
    public ProviderContext context(String provider, String instance, CancellationToken cancellation) {
        return new ManagedContext(store(provider, instance), clock, sleeper, cancellation, null);
    }

    /**
     * The context a connector works with. Its configuration is the block of the connector's
     * auth provider (its manifest's {@code authProvider}, else its own name), and {@link
     * ProviderContext#refreshCredentials()} calls that auth provider's {@code refresh} once and
     * returns the refreshed configuration; the HTTP toolkit calls it after a {@code 401}.
     *
     * @param connectorName the connector name
     * @param instance      the instance, {@code null} for the default
     * @param cancellation  the run's token, {@code null} for none
     * @return the context
     * @throws NoSuchProviderException when the connector is not installed
     */
    public ProviderContext contextFor(String connectorName, String instance, CancellationToken cancellation) {
        Connector connector = connector(connectorName)
                .orElseThrow(() -> new NoSuchProviderException("sync", connectorName));
        String block = connector.manifest().authProvider().orElse(connectorName);
        String inst = instance(instance);
        ProviderStore store = store(block, inst);
        Optional<AuthProvider> auth = connector.manifest().authProvider().flatMap(this::authProvider);
        return new ManagedContext(store, clock, sleeper, cancellation,
                auth.isEmpty() ? null : () -> refreshFor(auth.get(), block, inst, cancellation));
    }

    private ProviderConfig refreshFor(AuthProvider auth, String block, String instance, CancellationToken token) {
        // One refresh at a time per account: a refresh token that works once must not be spent twice.
        synchronized (refreshLocks.computeIfAbsent(block + ":" + instance, k -> new Object())) {
            AuthStatus status = auth.refresh(new ManagedContext(store(block, instance), clock, sleeper, token, null));
            if (!status.isConnected()) {
                throw new AuthException(block, "refreshing the credentials failed (" + status.state()
                        + (status.message() == null ? "" : ": " + status.message()) + "); run 'crosswatch connect "
                        + block + "'");
            }
            return store(block, instance).current();
        }
    }

    private ProviderStore store(String provider, String instance) {
        String inst = instance(instance);
        if (configStore != null) {
            return configStore.providerStore(provider, inst);
        }
        return memoryStores.computeIfAbsent(provider + ":" + inst,
                k -> ProviderStore.inMemory(ProviderConfig.of(provider, inst, Map.of())));
    }

    private static String instance(String instance) {
        return instance == null || instance.isBlank() ? ProviderConfig.DEFAULT_INSTANCE : instance;
    }

    private AuthProvider requireAuth(String provider) {
        return authProvider(provider).orElseThrow(() -> new NoSuchProviderException("auth", provider));
    }

    private <T> List<T> list(ProviderFamily family, Class<T> type) {
        List<T> out = new ArrayList<>();
        catalog.entries(family).values().forEach(e -> out.add(type.cast(e.instance())));
        return List.copyOf(out);
    }

    private <T> Optional<T> find(ProviderFamily family, String name, Class<T> type) {
        ProviderCatalog.Entry e = catalog.entries(family).get(name);
        return e == null ? Optional.empty() : Optional.of(type.cast(e.instance()));
    }

    @Override
    public String toString() {
        return "PlatformManager[" + catalog.discovered().size() + " providers, " + catalog.problems().size()
                + " problems" + (configStore == null ? "" : ", " + configStore.path()) + "]";
    }

    /** Builds a {@link PlatformManager}. */
    public static final class Builder {
        private ConfigStore configStore;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Path pluginsDir;
        private boolean autoDiscovery = true;
        private ModuleLayer layer;
        private ClassLoader classLoader;
        private final List<Object> registered = new ArrayList<>();

        private Builder() {
        }

        /** @return this; provider contexts persist through {@code store} */
        public Builder configStore(ConfigStore store) {
            this.configStore = store;
            return this;
        }

        /** @return this */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return this */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** @return this; jars in {@code dir} are loaded as plugins (also when automatic discovery is off) */
        public Builder pluginsDir(Path dir) {
            this.pluginsDir = dir;
            return this;
        }

        /** @return this; {@code false} loads only registered providers and plugins */
        public Builder autoDiscovery(boolean value) {
            this.autoDiscovery = value;
            return this;
        }

        /** @return this; the module layer to discover in (its parents included) */
        public Builder layer(ModuleLayer value) {
            this.layer = value;
            return this;
        }

        /** @return this; the class loader whose class path is searched */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = value;
            return this;
        }

        /**
         * Registers a provider instance; it is added to every family whose SPI it implements
         * ({@code AuthProvider}, {@code Connector}, {@code SyncModule}, {@code MetadataProvider},
         * {@code ScrobbleSource}, {@code ScrobbleTarget}).
         *
         * @param provider the provider
         * @return this
         * @throws IllegalArgumentException when it implements none of them
         */
        public Builder register(Object provider) {
            Objects.requireNonNull(provider, "provider");
            boolean any = false;
            for (ProviderFamily f : ProviderFamily.values()) {
                any |= ProviderCatalog.spi(f).isInstance(provider);
            }
            if (!any) {
                throw new IllegalArgumentException(provider.getClass().getName()
                        + " implements none of AuthProvider, Connector, SyncModule, MetadataProvider, ScrobbleSource,"
                        + " ScrobbleTarget");
            }
            registered.add(provider);
            return this;
        }

        /** @return the manager, with discovery done */
        public PlatformManager build() {
            ProviderCatalog catalog = new ProviderCatalog();
            registered.forEach(catalog::register);
            Module own = PlatformManager.class.getModule();
            ModuleLayer layerToUse = layer != null ? layer
                    : own.isNamed() && own.getLayer() != null ? own.getLayer() : ModuleLayer.boot();
            ClassLoader loader = classLoader != null ? classLoader : PlatformManager.class.getClassLoader();
            if (autoDiscovery) {
                catalog.discover("module layer", spi -> ServiceLoader.load(layerToUse, spi));
                catalog.discover("class path", spi -> ServiceLoader.load(spi, loader));
            }
            if (pluginsDir != null) {
                PluginLoader.Loaded plugins = PluginLoader.load(pluginsDir, layerToUse, loader, catalog);
                plugins.layer().ifPresent(l -> catalog.discover("plugins " + pluginsDir, spi -> ServiceLoader.load(l, spi),
                        type -> type.getModule().getLayer() == l));
                plugins.loader().ifPresent(l -> catalog.discover("plugins " + pluginsDir, spi -> ServiceLoader.load(spi, l),
                        type -> type.getClassLoader() == l));
            }
            return new PlatformManager(this, catalog);
        }
    }
}
