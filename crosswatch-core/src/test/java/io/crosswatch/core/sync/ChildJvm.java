package io.crosswatch.core.sync;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Starts the short-lived JVMs the crash tests kill, as cheaply as a fresh JVM can be: C1 only,
 * serial GC, a small heap, the JDK's class-data archive, and only the class path a child needs
 * (the project's classes and crosswatch-core's runtime dependencies; no WireMock, Jetty or JUnit
 * jars to search). The largest single saving is sqlite-jdbc's native library: by default every JVM copies
 * it out of the jar into a new temporary file (about a megabyte, plus a random UUID and an
 * {@code uname} process); here it is copied once per test JVM and handed to each child with
 * {@code org.sqlite.lib.path}. The next largest is loading and verifying some 2 000 classes: the
 * first child of a test JVM packs the class directories into one jar (a class-data archive needs
 * jars) and dumps an application class-data archive ({@code -XX:ArchiveClassesAtExit}, JDK 13+)
 * from one warm-up sync; every later child maps it ({@code -XX:SharedArchiveFile}), roughly
 * halving its CPU time. When the archive cannot be made, children start without it.
 */
final class ChildJvm {

    private static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Xms16m", "-Xmx96m", "-Xss512k", "-XX:-UsePerfData");
    private static Optional<Path> sqliteLibrary;
    /** The class path and archive children use, made once per test JVM. */
    private static Start start;

    /** How children start: their class path and, when one could be made, the class-data archive. */
    private record Start(String classPath, Optional<Path> archive) {
    }

    private ChildJvm() {
    }

    /**
     * @param main the class whose {@code main} the child runs
     * @param args its arguments
     * @return the started child, stdout and stderr merged
     */
    static Process start(Class<?> main, String... args) throws IOException {
        Start s = prepare();
        List<String> cmd = command(s.classPath());
        s.archive().ifPresent(a -> cmd.add("-XX:SharedArchiveFile=" + a));
        cmd.add(main.getName());
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static List<String> command(String classPath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        library().ifPresent(lib -> {
            cmd.add("-Dorg.sqlite.lib.path=" + lib.getParent());
            cmd.add("-Dorg.sqlite.lib.name=" + lib.getFileName());
        });
        cmd.add("-cp");
        cmd.add(classPath);
        return cmd;
    }

    private static synchronized Start prepare() {
        if (start == null) {
            start = new Start(classPath(), Optional.empty());
            try {
                start = withArchive();
            } catch (IOException | RuntimeException e) {
                // no archive: children still run, only slower
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return start;
    }

    /** Packs the class directories into a jar and dumps a class-data archive from one warm-up child. */
    private static Start withArchive() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("crosswatch-child-cds");
        Path jar = dir.resolve("classes.jar");
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        Set<String> seen = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : classPath().split(File.pathSeparator)) {
                Path root = Path.of(entry);
                if (!Files.isDirectory(root)) {
                    entries.add(entry);
                    continue;
                }
                List<Path> files;
                try (Stream<Path> walk = Files.walk(root)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                    // the first directory wins, as on the class path; module descriptors mean nothing there
                    if (name.equals("module-info.class") || !seen.add(name)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
        String classPath = String.join(File.pathSeparator, entries);
        Path archive = dir.resolve("children.jsa");
        Path work = Files.createDirectories(dir.resolve("warmup"));
        List<String> cmd = command(classPath);
        cmd.add("-XX:ArchiveClassesAtExit=" + archive);
        cmd.add(CrashLoopMain.class.getName());
        cmd.add(work.toString());
        cmd.add("warmup");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
        // deleted in reverse order of registration: the directory last
        dir.toFile().deleteOnExit();
        jar.toFile().deleteOnExit();
        archive.toFile().deleteOnExit();
        return new Start(classPath, p.exitValue() == 0 && Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty());
    }

    /**
     * The jars of crosswatch-core's runtime dependencies (its pom's compile scope) and of the
     * project's own modules, which a child may load from; the test-only jars (WireMock, Jetty,
     * JUnit, Guava, …) are left out.
     */
    private static final List<String> RUNTIME_JARS = List.of("crosswatch-", "jackson-", "sqlite-jdbc-", "okhttp-", "okio-",
            "kotlin-stdlib-", "annotations-");

    /** The parent's class path without the test-only jars a child never loads from. */
    static String classPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (Files.isDirectory(p) || RUNTIME_JARS.stream().anyMatch(name::startsWith)) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    /**
     * @return sqlite-jdbc's native library for this platform, copied out of the jar once, or empty
     *         when it cannot be found (the child then extracts it itself, only slower)
     */
    private static synchronized Optional<Path> library() {
        if (sqliteLibrary != null) {
            return sqliteLibrary;
        }
        sqliteLibrary = Optional.empty();
        try {
            String folder = (String) Class.forName("org.sqlite.util.OSInfo").getMethod("getNativeLibFolderPathForCurrentOS")
                    .invoke(null);
            String name = System.mapLibraryName("sqlitejdbc");
            try (InputStream in = Class.forName("org.sqlite.JDBC").getResourceAsStream("/org/sqlite/native/" + folder + "/" + name)) {
                if (in != null) {
                    Path dir = Files.createTempDirectory("crosswatch-sqlite-native");
                    Path lib = dir.resolve(name);
                    Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
                    dir.toFile().deleteOnExit();
                    lib.toFile().deleteOnExit();
                    sqliteLibrary = Optional.of(lib);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // an sqlite-jdbc without OSInfo: the children extract the library themselves
        }
        return sqliteLibrary;
    }
}
