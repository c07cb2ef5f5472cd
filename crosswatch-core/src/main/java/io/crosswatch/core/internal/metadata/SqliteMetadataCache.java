package io.crosswatch.core.internal.metadata;

import io.crosswatch.api.ProviderException;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.core.MetadataCache;
import io.crosswatch.core.internal.config.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link MetadataCache} in one SQLite table: {@code (providers, request) → (json, expires_at)}.
 * A {@code NULL} json is a cached "unknown item". One connection, used under this object's
 * lock; the file is created owner-only because it lives next to the config.
 */
public final class SqliteMetadataCache implements MetadataCache {

    private static final String WHO = "metadata-cache";
    private static final System.Logger LOG = System.getLogger(SqliteMetadataCache.class.getName());

    private final Path file;
    private final Connection db;
    private final PreparedStatement select;
    private final PreparedStatement upsert;

    private SqliteMetadataCache(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        this.select = db.prepareStatement("SELECT json, expires_at FROM metadata_cache WHERE providers = ? AND request = ?");
        this.upsert = db.prepareStatement("INSERT INTO metadata_cache (providers, request, json, expires_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (providers, request) DO UPDATE SET json = excluded.json, "
                + "expires_at = excluded.expires_at");
    }

    /**
     * @param file the SQLite file, created when absent
     * @return the open cache
     */
    public static SqliteMetadataCache open(Path file) {
        Path abs = file.toAbsolutePath();
        try {
            OwnerOnlyFiles.prepareSqliteFile(abs, "metadata cache", LOG);
        } catch (IOException e) {
            throw new ProviderException(WHO, 0, false, "cannot create the metadata cache file " + abs + ": " + e.getMessage(), e);
        }
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + abs);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS metadata_cache (providers TEXT NOT NULL, request TEXT NOT NULL, "
                        + "json TEXT, expires_at INTEGER NOT NULL, PRIMARY KEY (providers, request))");
                s.execute("CREATE INDEX IF NOT EXISTS metadata_cache_expiry ON metadata_cache (expires_at)");
            }
            return new SqliteMetadataCache(abs, c);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the open failed already; that is the error to report
                }
            }
            throw new ProviderException(WHO, 0, false, "cannot open the metadata cache file " + abs
                    + " (is it a SQLite file?): " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Entry> get(String providers, String request, Instant now) {
        try {
            select.setString(1, providers);
            select.setString(2, request);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant expires = Instant.ofEpochMilli(rs.getLong(2));
                if (!now.isBefore(expires)) {
                    return Optional.empty();
                }
                String json = rs.getString(1);
                Optional<Metadata> value = json == null ? Optional.empty() : Optional.of(MetadataJson.read(json));
                return Optional.of(new Entry(value, expires));
            }
        } catch (SQLException | RuntimeException e) {
            // A broken row or file costs one refetch, never the lookup itself.
            LOG.log(System.Logger.Level.WARNING, "metadata cache {0}: cannot read an entry ({1})", file, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public synchronized void put(String providers, String request, Entry entry) {
        try {
            upsert.setString(1, providers);
            upsert.setString(2, request);
            upsert.setString(3, entry.value().map(MetadataJson::write).orElse(null));
            upsert.setLong(4, entry.expiresAt().toEpochMilli());
            upsert.executeUpdate();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "metadata cache {0}: cannot write an entry ({1})", file, e.getMessage());
        }
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM metadata_cache WHERE expires_at <= ?")) {
            p.setLong(1, now.toEpochMilli());
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new ProviderException(WHO, 0, false, "cannot purge the metadata cache " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void clear() {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM metadata_cache");
        } catch (SQLException e) {
            throw new ProviderException(WHO, 0, false, "cannot clear the metadata cache " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            select.close();
            upsert.close();
            db.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "metadata cache {0}: close failed ({1})", file, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SqliteMetadataCache[" + file + "]";
    }
}
