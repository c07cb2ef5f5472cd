package io.crosswatch.core.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.core.MetadataCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMetadataCacheTest {

    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Metadata sample() {
        return Metadata.builder(MediaType.EPISODE).ids(MediaIds.of("tmdb", "63056", "imdb", "tt1480055"))
                .title("Der Winter naht").overview("Eddard Stark …").year(2011).locale("de-DE").source("tmdb,tvdb")
                .image(ImageKind.STILL, new Image("https://image.tmdb.org/t/p/original/a.jpg", 1920, 1080, null))
                .image(ImageKind.STILL, new Image("https://image.tmdb.org/t/p/original/b.jpg", 1280, 720, "de"))
                .image(ImageKind.POSTER, new Image("https://image.tmdb.org/t/p/original/c.jpg", 500, 750, "en"))
                .build();
    }

    @Test
    void roundTripsEveryFieldAndSurvivesReopen() throws Exception {
        Path file = dir.resolve("m.db");
        try (MetadataCache c = MetadataCache.sqlite(file)) {
            c.put("tmdb", "k1", new MetadataCache.Entry(Optional.of(sample()), NOW.plusSeconds(60)));
            c.put("tmdb", "k2", new MetadataCache.Entry(Optional.empty(), NOW.plusSeconds(60)));
        }
        try (MetadataCache c = MetadataCache.sqlite(file)) {
            Metadata back = c.get("tmdb", "k1", NOW).orElseThrow().value().orElseThrow();
            assertEquals(sample(), back);
            assertEquals(sample().source(), back.source());
            assertEquals(sample().images().get(ImageKind.STILL), back.images().get(ImageKind.STILL), "order kept");
            assertEquals(new MetadataCache.Entry(Optional.empty(), NOW.plusSeconds(60)), c.get("tmdb", "k2", NOW).orElseThrow());
            assertTrue(c.get("tvdb", "k1", NOW).isEmpty(), "keyed by providers too");
            assertTrue(c.get("tmdb", "k1", NOW.plusSeconds(60)).isEmpty(), "expired at its expiry");
            assertEquals(2, c.purgeExpired(NOW.plusSeconds(60)));
            assertTrue(c.get("tmdb", "k1", NOW).isEmpty(), "purged");
        }
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
        }
    }

    @Test
    void replacesAndClears() {
        try (MetadataCache c = MetadataCache.sqlite(dir.resolve("m.db"))) {
            c.put("tmdb", "k", new MetadataCache.Entry(Optional.empty(), NOW.plusSeconds(5)));
            c.put("tmdb", "k", new MetadataCache.Entry(Optional.of(sample()), NOW.plusSeconds(50)));
            assertEquals(NOW.plusSeconds(50), c.get("tmdb", "k", NOW).orElseThrow().expiresAt());
            c.clear();
            assertTrue(c.get("tmdb", "k", NOW).isEmpty());
        }
    }

    @Test
    void aCorruptRowReadsAsAbsent() throws Exception {
        Path file = dir.resolve("m.db");
        try (MetadataCache c = MetadataCache.sqlite(file)) {
            c.put("tmdb", "k", new MetadataCache.Entry(Optional.of(sample()), NOW.plusSeconds(60)));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE metadata_cache SET json = '{not json'");
        }
        try (MetadataCache c = MetadataCache.sqlite(file)) {
            assertTrue(c.get("tmdb", "k", NOW).isEmpty());
        }
    }
}
