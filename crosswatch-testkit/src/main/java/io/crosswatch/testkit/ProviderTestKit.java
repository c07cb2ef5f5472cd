package io.crosswatch.testkit;

import io.crosswatch.api.Api;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.sync.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * The fluent entry of the testkit: loads providers of one name through {@link ServiceLoader},
 * exactly as core discovers them, so a test exercises the provider's registration ({@code
 * provides} in {@code module-info.java} and {@code META-INF/services}) as well as its code.
 *
 * <pre>{@code
 * ProviderTestKit kit = ProviderTestKit.forName("acme").assertRegistered();
 * Connector connector = kit.connector();          // fails listing what was found when absent
 * Optional<AuthProvider> auth = kit.findAuthProvider();
 * }</pre>
 *
 * <p>Every handle call loads again and returns a <em>new</em> instance, as core does per run;
 * the SPIs require that the no-argument constructor does no work, so this is cheap.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ProviderTestKit {

    /** Stops a loader that keeps failing from looping for ever (recovery is best effort). */
    private static final int MAX_ERRORS = 50;

    private final String name;
    private final String where;
    private final Loader loader;

    /** How one SPI is looked up: by class loader or by module layer. */
    @FunctionalInterface
    private interface Loader {
        <S> ServiceLoader<S> load(Class<S> spi);
    }

    /** The three provider families, with how each names its providers. */
    private enum Family {
        AUTH("auth provider", AuthProvider.class, p -> ((AuthProvider) p).manifest().name()),
        CONNECTOR("connector", Connector.class, p -> ((Connector) p).manifest().name()),
        METADATA("metadata provider", MetadataProvider.class, p -> ((MetadataProvider) p).manifest().name());

        final String label;
        final Class<?> spi;
        final Function<Object, String> naming;

        Family(String label, Class<?> spi, Function<Object, String> naming) {
            this.label = label;
            this.spi = spi;
            this.naming = naming;
        }
    }

    /** What one scan of a family found. */
    private record Scan(Family family, Map<String, List<Object>> byName, List<String> errors) {
    }

    private ProviderTestKit(String name, String where, Loader loader) {
        this.name = Objects.requireNonNull(name, "name");
        this.where = where;
        this.loader = loader;
    }

    /**
     * Loads through the thread's context class loader (falling back to the testkit's), which
     * sees the class path and the boot layer's modules: what a test of a provider jar needs.
     *
     * @param name the provider name, as in its manifest
     * @return the kit
     */
    public static ProviderTestKit forName(String name) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return forName(name, cl != null ? cl : ProviderTestKit.class.getClassLoader());
    }

    /**
     * Loads from the modules of a layer and its parents, as core does for a plugins directory.
     *
     * @param name  the provider name
     * @param layer the module layer
     * @return the kit
     */
    public static ProviderTestKit forName(String name, ModuleLayer layer) {
        Objects.requireNonNull(layer, "layer");
        return new ProviderTestKit(name, "module layer " + layer, new Loader() {
            @Override
            public <S> ServiceLoader<S> load(Class<S> spi) {
                return ServiceLoader.load(layer, spi);
            }
        });
    }

    /**
     * Loads through a class loader: its class path ({@code META-INF/services}) and the modules
     * defined to it and its ancestors.
     *
     * @param name   the provider name
     * @param loader the class loader
     * @return the kit
     */
    public static ProviderTestKit forName(String name, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return new ProviderTestKit(name, "class loader " + loader, new Loader() {
            @Override
            public <S> ServiceLoader<S> load(Class<S> spi) {
                return ServiceLoader.load(spi, loader);
            }
        });
    }

    /** @return the provider name this kit looks for */
    public String name() {
        return name;
    }

    /** @return a new instance of the auth provider of this name, if one is registered */
    public Optional<AuthProvider> findAuthProvider() {
        return find(Family.AUTH).map(AuthProvider.class::cast);
    }

    /** @return a new instance of the connector of this name, if one is registered */
    public Optional<Connector> findConnector() {
        return find(Family.CONNECTOR).map(Connector.class::cast);
    }

    /** @return a new instance of the metadata provider of this name, if one is registered */
    public Optional<MetadataProvider> findMetadataProvider() {
        return find(Family.METADATA).map(MetadataProvider.class::cast);
    }

    /**
     * @return a new instance of the auth provider of this name
     * @throws AssertionFailedError listing what is registered when there is none
     */
    public AuthProvider authProvider() {
        return findAuthProvider().orElseThrow(() -> missing(Family.AUTH));
    }

    /**
     * @return a new instance of the connector of this name
     * @throws AssertionFailedError listing what is registered when there is none
     */
    public Connector connector() {
        return findConnector().orElseThrow(() -> missing(Family.CONNECTOR));
    }

    /**
     * @return a new instance of the metadata provider of this name
     * @throws AssertionFailedError listing what is registered when there is none
     */
    public MetadataProvider metadataProvider() {
        return findMetadataProvider().orElseThrow(() -> missing(Family.METADATA));
    }

    /**
     * Asserts that at least one family has a provider of this name, that no family has two,
     * that loading raised no error, and that each provider of this name is listed in its
     * jar's {@code META-INF/services} (for class-path users) and, when the jar has a {@code
     * module-info.class}, in its {@code provides} (for module-path users).
     *
     * @return this
     * @throws AssertionFailedError describing every problem found
     */
    public ProviderTestKit assertRegistered() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("provider '" + name + "' is not registered cleanly in " + where + ":\n  - "
                    + String.join("\n  - ", problems) + "\n" + describe());
        }
        return this;
    }

    /**
     * @return every problem {@link #assertRegistered()} would report; empty when registration is clean
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        boolean any = false;
        for (Family f : Family.values()) {
            Scan scan = scan(f);
            problems.addAll(scan.errors());
            List<Object> mine = scan.byName().getOrDefault(name, List.of());
            any |= !mine.isEmpty();
            if (mine.size() > 1) {
                problems.add(mine.size() + " " + f.label + "s are named '" + name + "': " + mine.stream()
                        .map(o -> o.getClass().getName()).collect(Collectors.joining(", "))
                        + "; names must be unique");
            }
            for (Object o : mine) {
                problems.addAll(Registration.check(f.spi, o.getClass()));
            }
        }
        if (!any) {
            problems.add("no auth provider, connector or metadata provider is named '" + name + "'");
        }
        return List.copyOf(problems);
    }

    /** @return what is registered, per family, for failure messages and debugging */
    public String describe() {
        StringBuilder sb = new StringBuilder("registered in ").append(where).append(':');
        for (Family f : Family.values()) {
            Scan scan = scan(f);
            sb.append("\n  ").append(f.label).append("s: ").append(scan.byName().isEmpty() ? "none"
                    : scan.byName().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue().stream().map(o -> o.getClass().getName())
                            .collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining(", ")));
            scan.errors().forEach(e -> sb.append("\n    load error: ").append(e));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ProviderTestKit[" + name + " in " + where + "]";
    }

    private Optional<Object> find(Family family) {
        List<Object> mine = scan(family).byName().getOrDefault(name, List.of());
        if (mine.size() > 1) {
            throw new AssertionFailedError(mine.size() + " " + family.label + "s are named '" + name + "'\n" + describe());
        }
        return mine.stream().findFirst();
    }

    private AssertionFailedError missing(Family family) {
        return new AssertionFailedError("no " + family.label + " named '" + name + "' is registered; check "
                + "'provides " + family.spi.getName() + " with …' in module-info.java and META-INF/services/"
                + family.spi.getName() + "\n" + describe());
    }

    private Scan scan(Family family) {
        Map<String, List<Object>> byName = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Iterator<?> it = loader.load(family.spi).iterator();
        while (errors.size() < MAX_ERRORS) {
            Object p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                errors.add(family.label + ": " + e.getMessage());
                continue;
            }
            try {
                String n = family.naming.apply(p);
                byName.computeIfAbsent(n, k -> new ArrayList<>()).add(p);
            } catch (RuntimeException e) {
                errors.add(family.label + " " + p.getClass().getName() + ": manifest() threw " + e);
            }
        }
        return new Scan(family, byName, errors);
    }

    /** Reads where a provider class came from and checks it is registered both ways. */
    private static final class Registration {

        private Registration() {
        }

        static List<String> check(Class<?> spi, Class<?> impl) {
            List<String> problems = new ArrayList<>();
            String resource = "META-INF/services/" + spi.getName();
            Module module = impl.getModule();
            Optional<ModuleDescriptor> descriptor;
            Optional<String> services;
            try {
                if (module.isNamed()) {
                    descriptor = Optional.ofNullable(module.getDescriptor());
                    try (InputStream in = module.getResourceAsStream(resource)) {
                        services = in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(),
                                StandardCharsets.UTF_8));
                    }
                } else {
                    Optional<Path> root = codeRoot(impl);
                    if (root.isEmpty()) {
                        return problems; // a class generated at run time: nothing to read
                    }
                    descriptor = readDescriptor(root.get());
                    services = readText(root.get(), resource);
                }
            } catch (IOException e) {
                problems.add("cannot read the registration of " + impl.getName() + ": " + e);
                return problems;
            }
            if (services.isEmpty() || !listed(services.get(), impl.getName())) {
                problems.add(impl.getName() + " is not listed in " + resource + " of its jar; class-path users will "
                        + "not find it");
            }
            if (descriptor.isPresent() && !descriptor.get().isAutomatic()) {
                boolean provided = descriptor.get().provides().stream().anyMatch(p -> p.service().equals(spi.getName())
                        && p.providers().contains(impl.getName()));
                if (!provided) {
                    problems.add("module " + descriptor.get().name() + " does not declare 'provides " + spi.getName()
                            + " with " + impl.getName() + "'; module-path users will not find it");
                }
            }
            return problems;
        }

        private static boolean listed(String services, String className) {
            return services.lines().map(l -> {
                int hash = l.indexOf('#');
                return (hash >= 0 ? l.substring(0, hash) : l).strip();
            }).anyMatch(className::equals);
        }

        private static Optional<Path> codeRoot(Class<?> impl) {
            CodeSource cs = impl.getProtectionDomain().getCodeSource();
            URL location = cs == null ? null : cs.getLocation();
            if (location == null || !"file".equals(location.getProtocol())) {
                return Optional.empty();
            }
            try {
                return Optional.of(Path.of(location.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private static Optional<ModuleDescriptor> readDescriptor(Path root) throws IOException {
            if (Files.isDirectory(root)) {
                Path mi = root.resolve("module-info.class");
                if (!Files.isRegularFile(mi)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(mi)) {
                    return Optional.of(ModuleDescriptor.read(in));
                }
            }
            try (JarFile jar = new JarFile(root.toFile(), false, JarFile.OPEN_READ, JarFile.runtimeVersion())) {
                var entry = jar.getJarEntry("module-info.class");
                if (entry == null) {
                    return Optional.empty();
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return Optional.of(ModuleDescriptor.read(in));
                }
            }
        }

        private static Optional<String> readText(Path root, String resource) throws IOException {
            if (Files.isDirectory(root)) {
                Path p = root.resolve(resource);
                return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                var entry = jar.getJarEntry(resource);
                if (entry == null) {
                    return Optional.empty();
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
