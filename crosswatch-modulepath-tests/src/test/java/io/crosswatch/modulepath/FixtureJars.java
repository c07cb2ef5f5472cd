package io.crosswatch.modulepath;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds fixture jars at test time: compiles small provider sources with the system Java
 * compiler against the API module and packages them with {@link JarOutputStream}, so the tests
 * need no pre-built artifacts.
 */
final class FixtureJars {

    private FixtureJars() {
    }

    /** @return where {@code type}'s classes were loaded from (a jar or a classes directory) */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The class-path entries that form the application's modules: every entry that is a module
     * (explicit or automatic), except test tooling, the first-party provider modules and the
     * example plugin ({@link #examplePluginJar}), so the tests see only their own fixtures.
     */
    static List<Path> applicationModules() {
        return modules(false);
    }

    /** The first-party provider modules on the class path (their classes directories or jars). */
    static List<Path> firstPartyProviderModules() {
        return modules(true);
    }

    private static List<Path> modules(boolean providers) {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p) || p.endsWith("test-classes")) {
                continue;
            }
            String name;
            try {
                Set<ModuleReference> refs = ModuleFinder.of(p).findAll();
                if (refs.size() != 1) {
                    continue;
                }
                name = refs.iterator().next().descriptor().name();
            } catch (FindException e) {
                continue;
            }
            if (name.startsWith("org.junit") || name.startsWith("org.opentest4j") || name.startsWith("org.apiguardian")
                    || name.startsWith("org.jspecify") || name.startsWith("surefire") || name.startsWith("org.apache.maven")) {
                continue;
            }
            if (name.startsWith("example.")) {
                continue; // the example plugin goes into plugins directories, never onto the module path
            }
            if (name.startsWith("io.crosswatch.providers") != providers) {
                continue;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The example plugin module ({@code examples/hello-provider}) as a jar: the packaged jar when
     * the build got that far, else (a {@code test}-phase build resolves classes directories) its
     * classes packaged into {@code dir}.
     *
     * @param moduleName the plugin's module name, such as {@code example.hello}
     * @param dir        where to package a classes directory
     * @return the jar
     */
    static Path examplePluginJar(String moduleName, Path dir) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p) || p.endsWith("test-classes")) {
                continue;
            }
            Set<ModuleReference> refs;
            try {
                refs = ModuleFinder.of(p).findAll();
            } catch (FindException e) {
                continue;
            }
            if (refs.size() == 1 && refs.iterator().next().descriptor().name().equals(moduleName)) {
                return Files.isDirectory(p) ? jar(p, dir.resolve(moduleName + ".jar"), Map.of()) : p;
            }
        }
        throw new IllegalStateException("module " + moduleName + " is not on the test class path; is the example a "
                + "test dependency?");
    }

    /**
     * Compiles sources into {@code out}.
     *
     * @param out        the classes directory
     * @param sources    relative path → source text (include {@code module-info.java} for a module)
     * @param modulePath modules to compile against; ignored for class-path compiles
     * @param classPath  entries for a class-path compile, empty for a module compile
     */
    static Path compile(Path out, Map<String, String> sources, List<Path> modulePath, List<Path> classPath)
            throws IOException {
        Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-nowarn"));
        if (!modulePath.isEmpty()) {
            args.addAll(List.of("--module-path", join(modulePath)));
        }
        if (!classPath.isEmpty()) {
            args.addAll(List.of("-classpath", join(classPath)));
        }
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests need a JDK (javax.tools.JavaCompiler), not a JRE");
        }
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, log, log, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("compiling fixture " + out.getFileName() + " failed:\n" + log);
        }
        return out;
    }

    /**
     * Packages a classes directory (plus extra text entries such as {@code META-INF/services}
     * files) into a jar.
     */
    static Path jar(Path classes, Path jarFile, Map<String, String> extraEntries) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Files.createDirectories(jarFile.getParent());
        try (OutputStream os = Files.newOutputStream(jarFile); JarOutputStream jar = new JarOutputStream(os, mf);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(p));
                jar.closeEntry();
            }
            for (Map.Entry<String, String> e : extraEntries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return jarFile;
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
