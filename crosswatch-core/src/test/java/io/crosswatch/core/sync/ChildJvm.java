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
import java.util.List;
import java.util.Optional;

/**
 * Starts the short-lived JVMs the crash tests kill, as cheaply as a fresh JVM can be: C1 only,
 * serial GC, a small heap, the JDK's class-data archive, and only the class path a child needs
 * (the project's class directories, Jackson and sqlite-jdbc; no WireMock, Jetty or JUnit jars to
 * search). The largest single saving is sqlite-jdbc's native library: by default every JVM copies
 * it out of the jar into a new temporary file (about a megabyte, plus a random UUID and an
 * {@code uname} process); here it is copied once per test JVM and handed to each child with
 * {@code org.sqlite.lib.path}.
 */
final class ChildJvm {

    private static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Xms16m", "-Xmx96m", "-Xss512k", "-XX:-UsePerfData");
    private static Optional<Path> sqliteLibrary;

    private ChildJvm() {
    }

    /**
     * @param main the class whose {@code main} the child runs
     * @param args its arguments
     * @return the started child, stdout and stderr merged
     */
    static Process start(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        library().ifPresent(lib -> {
            cmd.add("-Dorg.sqlite.lib.path=" + lib.getParent());
            cmd.add("-Dorg.sqlite.lib.name=" + lib.getFileName());
        });
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(main.getName());
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** The parent's class path without the test-only jars a child never loads from. */
    static String classPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (Files.isDirectory(p) || name.startsWith("jackson-") || name.startsWith("sqlite-jdbc")) {
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
                    lib.toFile().deleteOnExit();
                    dir.toFile().deleteOnExit();
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
