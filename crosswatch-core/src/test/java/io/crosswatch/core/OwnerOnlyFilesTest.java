package io.crosswatch.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.internal.metadata.SqliteMetadataCache;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.state.SqliteStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file CrossWatch creates that can hold a secret or a user's library — the config with
 * provider tokens, the state database, the local tracker database, the metadata disk cache — is
 * mode 0600 (POSIX), and so are SQLite's side files ({@code -wal}, {@code -shm}, {@code -journal})
 * while the database is open, whatever the process umask allows.
 */
class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "no POSIX permissions on this file system");
    }

    @Test
    void configWithProviderTokensIsOwnerOnly() throws IOException {
        ConfigStore config = ConfigStore.open(dir.resolve("conf/config.json"));
        config.providerStore("trakt", "default").update(Map.of("accessToken", "tok-owner-only-1"));
        config.providerStore("plex", "home").update(Map.of("token", "tok-owner-only-2"));
        assertOwnerOnly(dir.resolve("conf"), "config.json");
    }

    @Test
    void stateDatabaseAndItsSideFilesAreOwnerOnly() throws IOException {
        try (SqliteStateStore store = SqliteStateStore.open(dir.resolve("state/state.db"))) {
            assertOwnerOnly(dir.resolve("state"), "state.db");
        }
    }

    @Test
    void localTrackerDatabaseAndItsSideFilesAreOwnerOnly() throws IOException {
        try (LocalTracker tracker = LocalTracker.open(dir.resolve("local/tracker.db"))) {
            tracker.add(Feature.WATCHLIST, List.of(MediaItem.builder(MediaType.MOVIE).id("tmdb", 603).title("The Matrix")
                    .year(1999).build()), false);
            assertOwnerOnly(dir.resolve("local"), "tracker.db");
        }
    }

    @Test
    void metadataCacheAndItsSideFilesAreOwnerOnly() throws IOException {
        SqliteMetadataCache cache = SqliteMetadataCache.open(dir.resolve("cache/metadata.db"));
        try {
            cache.put("tmdb", "movie:603", new MetadataCache.Entry(java.util.Optional.empty(), Instant.parse("2030-01-01T00:00:00Z")));
            assertOwnerOnly(dir.resolve("cache"), "metadata.db");
        } finally {
            cache.close();
        }
    }

    @Test
    void looseExistingDatabasesAndSideFilesAreTightened() throws Exception {
        for (String name : List.of("metadata.db", "tracker.db", "state.db")) {
            Path file = dir.resolve(name);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            // a side file left behind looser (an older version, a copy): empty, so SQLite ignores its content
            Files.createFile(dir.resolve(name + "-journal"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        }
        SqliteMetadataCache.open(dir.resolve("metadata.db")).close();
        LocalTracker.open(dir.resolve("tracker.db")).close();
        SqliteStateStore.open(dir.resolve("state.db")).close();
        assertOwnerOnly(dir, "state.db");
    }

    /** Every file in {@code parent} (the database and whatever side files exist now) is 0600. */
    private static void assertOwnerOnly(Path parent, String main) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.list(parent)) {
            for (Path f : files.toList()) {
                modes.put(f.getFileName().toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            }
        }
        assertTrue(modes.containsKey(main), main + " was not created: " + modes);
        if (main.endsWith(".db") && !parent.getFileName().toString().startsWith("junit")) {
            // an open WAL database has its side files now: the check covers them, not just the main file
            assertTrue(modes.containsKey(main + "-wal") && modes.containsKey(main + "-shm"), "no side files: " + modes);
        }
        modes.forEach((name, mode) -> assertEquals("rw-------", mode, name + " is " + mode + " in " + modes));
    }
}
