package io.crosswatch.core.internal.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Creates database files readable by their owner only (0600 where POSIX permissions exist) and
 * tightens ones found looser. SQLite gives its side files ({@code -wal}, {@code -shm},
 * {@code -journal}) the mode of the database file when it creates them, so a 0600 database
 * keeps them 0600; side files left behind looser (by an older version, a copy, another tool)
 * are tightened here too, since they hold the same rows.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates the parent directories and, when absent, the SQLite file with mode 0600; tightens
     * the file and its side files to 0600 when they exist with a looser mode, logging a warning.
     *
     * @param file   the database file (absolute)
     * @param what   what the file is, for the warning ("state database")
     * @param logger where the warning goes
     * @throws IOException when the file cannot be created or its mode changed
     */
    public static void prepareSqliteFile(Path file, String what, System.Logger logger) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // an existing file is checked below
        }
        if (!posix) {
            return;
        }
        tighten(file, what, logger);
        for (String suffix : SQLITE_SIDE_FILES) {
            Path side = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(side)) {
                tighten(side, what, logger);
            }
        }
    }

    private static void tighten(Path file, String what, System.Logger logger) throws IOException {
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            logger.log(System.Logger.Level.WARNING, "{0} {1} is readable by others; tightening to 0600", what, file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
