package io.crosswatch.core.internal.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a crash never leaves it half written: the bytes go to a temp file in
 * the same directory (created with mode 0600 where POSIX permissions exist, before any content
 * is written), are forced to disk, and the temp file is renamed over the target atomically;
 * finally the directory is forced so the rename itself survives a power loss.
 */
public final class AtomicFiles {

    /** Called between the fsync of the temp file and the rename; tests use it to simulate a crash. */
    @FunctionalInterface
    public interface Hook {
        /** Does nothing. */
        Hook NONE = (temp, target) -> { };

        /**
         * @param temp   the fully written temp file
         * @param target the file about to be replaced
         * @throws IOException to abort the write
         */
        void beforeRename(Path temp, Path target) throws IOException;
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /** @return whether the file system of {@code dir} supports POSIX permissions */
    public static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Replaces {@code target} with {@code content} atomically.
     *
     * @param target  the file to write
     * @param content its new content
     * @param hook    called before the rename
     * @throws IOException when anything fails; {@code target} is then unchanged
     */
    public static void write(Path target, byte[] content, Hook hook) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        boolean posix = posix(dir);
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp", attrs);
        boolean moved = false;
        try {
            if (posix) {
                // The umask may have narrowed the creation mode further; make it exactly 0600.
                Files.setPosixFilePermissions(temp, OWNER_ONLY);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            hook.beforeRename(temp, abs);
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void forceDirectory(Path dir) {
        // Not every platform can open a directory for fsync (Windows cannot); the rename is
        // still atomic there, only its durability across power loss is weaker.
        if (!"/".equals(FileSystems.getDefault().getSeparator()) || dir.getFileSystem() != FileSystems.getDefault()) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort; see above
        }
    }
}
