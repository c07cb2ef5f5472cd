package io.crosswatch.core.internal.orchestrator;

import io.crosswatch.core.RunInProgressException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a file next to the config, held for a whole run. The operating system
 * drops it when the process dies, so a crashed run never blocks the next one. The file itself
 * is left in place: deleting it would let two processes lock different files of one name.
 *
 * <p>While held the file names the holder ({@code pid … since …}); it is emptied before the lock
 * is released, so {@link #isHeld} can tell a free lock by its size without taking it (taking it,
 * even briefly, would refuse a run starting at that moment).
 *
 * <p>Locks this JVM holds are also kept in {@link #HELD_HERE}, and both {@link #acquire} and
 * {@link #isHeld} answer from it before opening the file: on Linux (POSIX {@code fcntl} locks)
 * closing <em>any</em> channel on a file drops every lock the process holds on it, so a second
 * channel opened just to look would silently release the running sync's lock.
 */
public final class RunLock implements AutoCloseable {

    /** Absolute, normalized paths of the lock files this JVM holds. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    private static Path key(Path lockFile) {
        return lockFile.toAbsolutePath().normalize();
    }

    /**
     * @param config a config file
     * @return the lock file its runs hold: {@code <config>.lock} next to it
     */
    public static Path pathFor(Path config) {
        return config.resolveSibling(config.getFileName() + ".lock");
    }

    /**
     * @param lockFile the lock file
     * @param what     what is being locked, for the message (the config path)
     * @param now      the time written into the file for humans
     * @return the held lock
     * @throws RunInProgressException at once when another run holds it
     */
    public static RunLock acquire(Path lockFile, String what, Instant now) {
        Path key = key(lockFile);
        if (!HELD_HERE.add(key)) {
            throw new RunInProgressException("another sync is running for " + what + " (lock " + lockFile + ")");
        }
        FileChannel ch = null;
        boolean acquired = false;
        try {
            Path dir = lockFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by another run in this JVM
            }
            if (l == null) {
                ch.close();
                throw new RunInProgressException("another sync is running for " + what + " (lock " + lockFile + ")");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + now + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            acquired = true;
            return new RunLock(key, ch, l);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new UncheckedIOException("cannot create the run lock " + lockFile, e);
        } finally {
            if (!acquired) {
                HELD_HERE.remove(key);
            }
        }
    }

    /**
     * Whether some run (in this process or another) holds the lock. An empty or missing file is
     * free: one stat, no lock taken. A file with content is confirmed with a non-blocking {@code
     * tryLock}; when that succeeds the content was left by a run that died, and it is cleared so
     * the next check is cheap again.
     *
     * @param lockFile the lock file
     * @return whether a run holds it; {@code true} when the file cannot be read (holding back is the safe side)
     */
    public static boolean isHeld(Path lockFile) {
        if (HELD_HERE.contains(key(lockFile))) {
            return true; // a run in this JVM: never open a second channel on its file
        }
        try {
            if (Files.size(lockFile) == 0) {
                return false;
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return true; // a run in this JVM
            }
            if (l == null) {
                return true;
            }
            try {
                ch.truncate(0);
            } finally {
                l.release();
            }
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0); // a free lock is an empty file (see isHeld)
        } catch (IOException ignored) {
            // isHeld then confirms with tryLock and clears it
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        } finally {
            HELD_HERE.remove(key);
        }
    }
}
