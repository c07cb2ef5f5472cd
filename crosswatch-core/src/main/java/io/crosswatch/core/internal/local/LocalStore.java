package io.crosswatch.core.internal.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.internal.config.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The local tracker's SQLite file: one row per item and feature (per play for history) holding
 * the item in the canonical item JSON, plus an index of identity keys ({@link ItemKeys}) so
 * any-id matching is a lookup, not a scan. WAL journal, versioned schema, every write call in one
 * transaction (a dry run is the same transaction rolled back, so its outcomes are exact).
 */
public final class LocalStore implements AutoCloseable {

    /** The schema this code writes; older files are migrated forward on open. */
    static final int SCHEMA_VERSION = 3;

    private static final System.Logger LOG = System.getLogger(LocalStore.class.getName());
    private static final String NAME = "local";

    private static final List<String> MIGRATION_1 = List.of(
            "CREATE TABLE items (row_id INTEGER PRIMARY KEY AUTOINCREMENT, feature TEXT NOT NULL,"
                    + " item TEXT NOT NULL, updated_at INTEGER NOT NULL)",
            "CREATE INDEX items_by_feature ON items(feature, row_id)",
            "CREATE TABLE item_keys (feature TEXT NOT NULL, key TEXT NOT NULL,"
                    + " row_id INTEGER NOT NULL REFERENCES items(row_id) ON DELETE CASCADE)",
            "CREATE INDEX item_keys_lookup ON item_keys(feature, key)",
            "CREATE INDEX item_keys_by_row ON item_keys(row_id)");

    /**
     * Version 3: a change counter per feature, bumped by every committed write that changed
     * something, and a random id of the file. Together they are the tracker's activity token, so
     * an unchanged feature is not read again (the engine reuses its baseline).
     */
    private static final List<String> MIGRATION_3 = List.of(
            "CREATE TABLE IF NOT EXISTS feature_versions (feature TEXT PRIMARY KEY, version INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS file_identity (id TEXT NOT NULL)",
            "INSERT INTO file_identity(id) SELECT lower(hex(randomblob(16))) WHERE NOT EXISTS (SELECT 1 FROM file_identity)");

    private final Path file;
    private final Clock clock;
    private final Connection db;
    /** Statements prepared once per store: a 100k-item import runs them hundreds of thousands of times. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** The text of the row being written; one generator writes every row (a first run of 100k writes 100k). */
    private final StringWriter rowText = new StringWriter(256);
    private JsonGenerator rowWriter;

    /** Items read from the file, and how many rows could not be decoded. */
    public record Snapshot(List<MediaItem> items, int corrupt) {
    }

    private LocalStore(Path file, Clock clock, Connection db) {
        this.file = file;
        this.clock = clock;
        this.db = db;
    }

    /**
     * Opens (creating if needed) a local tracker file.
     *
     * @param file  the SQLite file
     * @param clock stamps row updates
     * @return the open store
     * @throws ProviderException naming the file when it cannot be opened or is not a tracker file
     */
    public static LocalStore open(Path file, Clock clock) {
        Objects.requireNonNull(file, "file");
        Path abs = file.toAbsolutePath().normalize();
        try {
            OwnerOnlyFiles.prepareSqliteFile(abs, "local tracker", LOG);
        } catch (IOException e) {
            throw new ProviderException(NAME, 0, false, "cannot create the local tracker file " + abs + ": " + e.getMessage(), e);
        }
        Connection c = null;
        try {
            // the driver would otherwise prepare and run "SELECT last_insert_rowid()" after every
            // INSERT (a second statement per item); insert() asks for the row id itself
            Properties props = new Properties();
            props.setProperty("jdbc.get_generated_keys", "false");
            c = DriverManager.getConnection("jdbc:sqlite:" + abs, props);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
                // above SQLite's 2 MiB default, which is smaller than a 100k-item tracker's key index
                s.execute("PRAGMA cache_size=-32768");
            }
            migrate(c, abs);
            return new LocalStore(abs, clock, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ProviderException(NAME, 0, false, "cannot open the local tracker file " + abs
                    + " (is it a SQLite file?): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void migrate(Connection c, Path abs) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                c.rollback();
                throw new ProviderException(NAME, false, "the local tracker file " + abs + " has schema version "
                        + version + ", newer than this CrossWatch understands (" + SCHEMA_VERSION + "); upgrade CrossWatch");
            }
            if (version < 1) {
                for (String sql : MIGRATION_1) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version(version) VALUES (1)");
            }
            if (version < 2) {
                rekey(c);
                s.execute("INSERT INTO schema_version(version) VALUES (2)");
            }
            if (version < 3) {
                for (String sql : MIGRATION_3) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version(version) VALUES (3)");
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Version 2: titles are keyed by the engine's shared rule ({@code Ids.weakTitleKey}: no leading
     * article, accents or punctuation), so the keys of every stored row are rebuilt from the row.
     */
    private static void rekey(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             PreparedStatement del = c.prepareStatement("DELETE FROM item_keys WHERE row_id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO item_keys(feature, key, row_id) VALUES (?, ?, ?)");
             ResultSet rs = s.executeQuery("SELECT row_id, feature, item FROM items")) {
            while (rs.next()) {
                MediaItem item = decode(rs.getString(3));
                Feature feature;
                try {
                    feature = Feature.fromKey(rs.getString(2));
                } catch (IllegalArgumentException e) {
                    feature = null;
                }
                if (item == null || feature == null) {
                    continue; // an unreadable row keeps the keys it was stored with, so a re-add still replaces it
                }
                long row = rs.getLong(1);
                del.setLong(1, row);
                del.executeUpdate();
                for (String key : ItemKeys.stored(feature, item)) {
                    ins.setString(1, feature.key());
                    ins.setString(2, key);
                    ins.setLong(3, row);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /**
     * @param feature the feature
     * @return every stored item of the feature in insertion order, and the count of undecodable rows
     */
    public synchronized Snapshot read(Feature feature) {
        List<MediaItem> out = new ArrayList<>();
        int corrupt = 0;
        try (PreparedStatement ps = db.prepareStatement("SELECT row_id, item FROM items WHERE feature = ? ORDER BY row_id")) {
            ps.setString(1, feature.key());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MediaItem item = decode(rs.getString(2));
                    if (item == null) {
                        corrupt++;
                        LOG.log(System.Logger.Level.WARNING, "local tracker {0}: row {1} of {2} cannot be decoded; skipped",
                                file, rs.getLong(1), feature.key());
                    } else {
                        out.add(item);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("read " + feature.key(), e);
        }
        return new Snapshot(List.copyOf(out), corrupt);
    }

    /**
     * A token that changes whenever a committed write changes {@code feature} in this file: the
     * file's random id and the feature's change counter.
     *
     * @param feature the feature
     * @return the activity token
     */
    public synchronized String activityToken(Feature feature) {
        try (PreparedStatement ps = db.prepareStatement("SELECT (SELECT id FROM file_identity),"
                + " COALESCE((SELECT version FROM feature_versions WHERE feature = ?), 0)")) {
            ps.setString(1, feature.key());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + ":" + rs.getLong(2);
            }
        } catch (SQLException e) {
            throw failure("read the change counter of " + feature.key(), e);
        }
    }

    /**
     * @param feature the feature
     * @return how many rows the feature has
     */
    public synchronized int count(Feature feature) {
        try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM items WHERE feature = ?")) {
            ps.setString(1, feature.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw failure("count " + feature.key(), e);
        }
    }

    /**
     * Adds items; a re-add is {@code EXISTING}, a changed rating or resume point {@code UPDATED}.
     *
     * @param feature the feature
     * @param items   the items
     * @param dryRun  roll the transaction back: report, write nothing
     * @return one outcome per item
     */
    public synchronized WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        return inTransaction(feature, "add to " + feature.key(), dryRun, () -> {
            List<ItemOutcome> out = new ArrayList<>(items.size());
            for (MediaItem item : items) {
                out.add(addOne(feature, item));
            }
            return new WriteResult(out);
        });
    }

    /**
     * Removes items. A history item with a watched date removes that play; without one, every
     * play of the item.
     *
     * @param feature the feature
     * @param items   the items
     * @param dryRun  roll the transaction back: report, write nothing
     * @return {@code REMOVED} or {@code NOT_FOUND} per item
     */
    public synchronized WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        return inTransaction(feature, "remove from " + feature.key(), dryRun, () -> {
            List<ItemOutcome> out = new ArrayList<>(items.size());
            for (MediaItem item : items) {
                Match m = feature == Feature.HISTORY && item.watchedAt().isEmpty()
                        ? new Match(find(feature, ItemKeys.allPlays(item)), null) : match(feature, item);
                if (m.ambiguous() != null) {
                    out.add(new ItemOutcome(item, Outcome.FAILED, m.ambiguous()));
                    continue;
                }
                Set<Long> rows = m.rows();
                for (long row : rows) {
                    deleteRow(row);
                }
                out.add(new ItemOutcome(item, rows.isEmpty() ? Outcome.NOT_FOUND : Outcome.REMOVED, null));
            }
            return new WriteResult(out);
        });
    }

    /** The rows an item matches under the shared weak-match rule, or why its title match is ambiguous. */
    private record Match(Set<Long> rows, String ambiguous) {
    }

    /**
     * Finds the rows of an item. An id-less item whose title and year fit more than one stored row
     * with strong ids is ambiguous and matches nothing; an item with ids takes an id-less row of its
     * title and year only when no other row with ids has that title and year — the sync engine's
     * rule ({@code Ids.weakTitleKey}, exactly one candidate), so both agree on what is the same item.
     */
    private Match match(Feature feature, MediaItem item) throws SQLException {
        Set<Long> rows = find(feature, ItemKeys.lookup(feature, item));
        if (rows.isEmpty()) {
            return new Match(rows, null);
        }
        Set<Long> weakRows = find(feature, ItemKeys.weakOnly(feature, item));
        Set<Long> strongRows = find(feature, ItemKeys.anyTitle(feature, item));
        strongRows.removeAll(weakRows);
        if (!ItemKeys.hasStrong(item)) {
            if (strongRows.size() > 1) {
                return new Match(Set.of(), "ambiguous title match: " + strongRows.size() + " stored items with ids are titled '"
                        + item.title().orElse("") + "' (" + item.year().map(String::valueOf).orElse("no year")
                        + ") and this one has no id; add an id to match it");
            }
            return new Match(rows, null);
        }
        Set<Long> byId = new LinkedHashSet<>(rows);
        byId.removeAll(weakRows);
        strongRows.removeAll(byId);
        // another item with ids shares the title and year: the id-less rows could be either, so leave them alone
        return strongRows.isEmpty() ? new Match(rows, null) : new Match(byId, null);
    }

    private ItemOutcome addOne(Feature feature, MediaItem item) throws SQLException {
        Match m = match(feature, item);
        if (m.ambiguous() != null) {
            return new ItemOutcome(item, Outcome.FAILED, m.ambiguous());
        }
        Set<Long> rows = m.rows();
        if (rows.isEmpty()) {
            insert(feature, item);
            return new ItemOutcome(item, Outcome.ADDED, null);
        }
        long row = rows.iterator().next();
        MediaItem existing = load(row);
        if (existing == null) {
            // An undecodable row must not block the write: replace it with the new item.
            deleteRow(row);
            insert(feature, item);
            return new ItemOutcome(item, Outcome.UPDATED, "replaced an unreadable row");
        }
        boolean changed = feature == Feature.RATINGS && !existing.rating().equals(item.rating())
                || feature == Feature.PROGRESS && !existing.playback().equals(item.playback());
        if (!changed) {
            return new ItemOutcome(item, Outcome.EXISTING, null);
        }
        MediaItem merged = item.toBuilder().ids(item.ids().merge(existing.ids()))
                .showIds(item.showIds().merge(existing.showIds()))
                .title(item.title().orElse(existing.title().orElse(null)))
                .year(item.year().orElse(existing.year().orElse(null))).build();
        deleteRow(row);
        insert(feature, merged);
        return new ItemOutcome(item, Outcome.UPDATED, null);
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = db.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private Set<Long> find(Feature feature, Set<String> keys) throws SQLException {
        Set<Long> rows = new LinkedHashSet<>();
        PreparedStatement ps = statement("SELECT row_id FROM item_keys WHERE feature = ? AND key = ?");
        for (String key : keys) {
            ps.setString(1, feature.key());
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getLong(1));
                }
            }
        }
        return rows;
    }

    private MediaItem load(long row) throws SQLException {
        PreparedStatement ps = statement("SELECT item FROM items WHERE row_id = ?");
        ps.setLong(1, row);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? decode(rs.getString(1)) : null;
        }
    }

    private void insert(Feature feature, MediaItem item) throws SQLException {
        PreparedStatement ins = statement("INSERT INTO items(feature, item, updated_at) VALUES (?, ?, ?)");
        ins.setString(1, feature.key());
        ins.setString(2, encode(item));
        ins.setLong(3, clock.millis());
        ins.executeUpdate();
        long row;
        try (ResultSet rs = statement("SELECT last_insert_rowid()").executeQuery()) {
            rs.next();
            row = rs.getLong(1);
        }
        PreparedStatement ps = statement("INSERT INTO item_keys(feature, key, row_id) VALUES (?, ?, ?)");
        for (String key : ItemKeys.stored(feature, item)) {
            ps.setString(1, feature.key());
            ps.setString(2, key);
            ps.setLong(3, row);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** @return the row text of an item, the same as {@code ItemJsonCodec.toNode(item, null).toString()} */
    private String encode(MediaItem item) {
        try {
            if (rowWriter == null) {
                rowWriter = ItemJsonCodec.MAPPER.getFactory().createGenerator(rowText);
                // each row is a root value of its own: no separator between them
                rowWriter.setRootValueSeparator(null);
            }
            rowText.getBuffer().setLength(0);
            ItemJsonCodec.write(rowWriter, item);
            rowWriter.flush();
            return rowText.toString();
        } catch (IOException e) {
            // a generator that failed half-way is in an unknown state: the next row starts a new one
            rowWriter = null;
            throw new UncheckedIOException("could not write an item as JSON", e);
        } catch (RuntimeException e) {
            rowWriter = null;
            throw e;
        }
    }

    private void deleteRow(long row) throws SQLException {
        PreparedStatement ps = statement("DELETE FROM items WHERE row_id = ?");
        ps.setLong(1, row);
        ps.executeUpdate();
    }

    private static MediaItem decode(String json) {
        try {
            JsonNode node = ItemJsonCodec.MAPPER.readTree(json);
            ItemJsonCodec.Parsed p = ItemJsonCodec.fromNode(node, "$", (path, reason) -> { });
            return p == null ? null : p.item();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private interface Work {
        WriteResult run() throws SQLException;
    }

    private WriteResult inTransaction(Feature feature, String what, boolean dryRun, Work work) {
        try {
            db.setAutoCommit(false);
            try {
                WriteResult r = work.run();
                if (dryRun) {
                    db.rollback();
                } else {
                    if (r.count(Outcome.ADDED) + r.count(Outcome.UPDATED) + r.count(Outcome.REMOVED) > 0) {
                        PreparedStatement bump = statement("INSERT INTO feature_versions(feature, version) VALUES (?, 1)"
                                + " ON CONFLICT(feature) DO UPDATE SET version = version + 1");
                        bump.setString(1, feature.key());
                        bump.executeUpdate();
                    }
                    db.commit();
                }
                return r;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private ProviderException failure(String what, SQLException e) {
        boolean busy = e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY");
        return new ProviderException(NAME, 0, busy, "local tracker " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing after a failed open; the open failure is what the caller sees.
            }
        }
    }

    @Override
    public synchronized void close() {
        if (rowWriter != null) {
            try {
                rowWriter.close();
            } catch (IOException ignored) {
                // only hands buffers back to Jackson; the rows are written
            }
            rowWriter = null;
        }
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // The connection is closed next, which releases the statement anyway.
            }
        }
        statements.clear();
        closeQuietly(db);
    }
}
