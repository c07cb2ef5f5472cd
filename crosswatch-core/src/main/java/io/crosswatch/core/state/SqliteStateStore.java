package io.crosswatch.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.sync.GuardState;
import io.crosswatch.core.sync.PhantomRecord;
import io.crosswatch.core.sync.Tombstone;
import io.crosswatch.core.sync.UnresolvedItem;
import io.crosswatch.core.internal.config.OwnerOnlyFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The state store in one embedded SQLite file: WAL journal, a schema version table with
 * migrations, and every {@link #commit} in one transaction, so a crash mid-run leaves the
 * previous baseline intact. The file is created with mode 0600 where the file system is POSIX.
 * Baseline items are stored as one JSON array per (pair, feature, side) in
 * {@link MediaItemCodec}'s shape.
 *
 * <p>Also the {@link ScrobbleStore}: the scrobble queue and recorded plays live in the same file
 * (schema version 2), so the sync engine and the scrobbler share them.
 *
 * <p>Schema version 3 adds the write-ahead journal: {@link #beginRun} inserts the run row marked
 * unfinished, each {@link #journalChunk} is one transaction (carrying the outcomes of the chunk
 * before it), and the run's {@link #commit} marks the row finished and drops its chunks.
 *
 * <p>Thread-safe: one connection, guarded by this object's lock.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class SqliteStateStore implements SyncStateStore, ScrobbleStore {

    private static final System.Logger LOG = System.getLogger(SqliteStateStore.class.getName());
    private static final ObjectMapper JOURNAL_JSON = new ObjectMapper();

    /** Schema migrations, in order; index + 1 is the version they lead to. */
    private static final List<String[]> MIGRATIONS = List.<String[]>of(new String[] {
        "CREATE TABLE baselines (pair TEXT NOT NULL, feature TEXT NOT NULL, side TEXT NOT NULL, taken_at INTEGER NOT NULL,"
            + " checkpoint TEXT, activity TEXT, items TEXT NOT NULL, PRIMARY KEY (pair, feature, side))",
        "CREATE TABLE tombstones (pair TEXT NOT NULL, feature TEXT NOT NULL, key TEXT NOT NULL, item TEXT NOT NULL,"
            + " removed_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (pair, feature, key))",
        "CREATE TABLE unresolved (pair TEXT NOT NULL, feature TEXT NOT NULL, side TEXT NOT NULL, key TEXT NOT NULL,"
            + " item TEXT NOT NULL, reason TEXT NOT NULL, failures INTEGER NOT NULL, last_failure_at INTEGER NOT NULL,"
            + " retry_at INTEGER NOT NULL, PRIMARY KEY (pair, feature, side, key))",
        "CREATE TABLE phantoms (pair TEXT NOT NULL, feature TEXT NOT NULL, side TEXT NOT NULL, key TEXT NOT NULL,"
            + " item TEXT NOT NULL, attempts INTEGER NOT NULL, last_added_at INTEGER NOT NULL,"
            + " PRIMARY KEY (pair, feature, side, key))",
        "CREATE TABLE runs (run_id TEXT PRIMARY KEY, pair TEXT NOT NULL, started_at INTEGER NOT NULL,"
            + " finished_at INTEGER NOT NULL, status TEXT NOT NULL, dry_run INTEGER NOT NULL, report TEXT NOT NULL)",
        "CREATE INDEX runs_by_pair ON runs (pair, started_at)"
    }, new String[] {
        // version 2: the scrobble queue and the journal of plays scrobbles recorded (ScrobbleStore)
        "CREATE TABLE scrobble_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, action TEXT NOT NULL,"
            + " item TEXT NOT NULL, percent REAL NOT NULL, occurred_at INTEGER NOT NULL, attempts INTEGER NOT NULL,"
            + " next_attempt_at INTEGER NOT NULL)",
        "CREATE INDEX scrobble_queue_by_target ON scrobble_queue (target, id)",
        "CREATE TABLE recorded_plays (target TEXT NOT NULL, key TEXT NOT NULL, minute INTEGER NOT NULL, item TEXT NOT NULL,"
            + " recorded_at INTEGER NOT NULL, PRIMARY KEY (target, key, minute))"
    }, new String[] {
        // version 3: the write-ahead journal; a run row with finished = 0 was begun and never committed
        "ALTER TABLE runs ADD COLUMN finished INTEGER NOT NULL DEFAULT 1",
        "CREATE TABLE run_chunks (run_id TEXT NOT NULL, seq INTEGER NOT NULL, feature TEXT NOT NULL, side TEXT NOT NULL,"
            + " op TEXT NOT NULL, entries TEXT NOT NULL, outcomes TEXT, PRIMARY KEY (run_id, seq))"
    });

    private final Path file;
    private final Connection connection;
    /**
     * Baseline items as this connection last read or wrote them, per (pair, feature, side). A
     * no-op run hands back the items it read, so the commit can compare lists instead of encoding
     * 100k items to JSON again, and a later run in the same process (the orchestrator keeps its
     * store) need not decode them. Trusted only while {@code PRAGMA data_version} is unchanged,
     * i.e. no other connection committed since.
     */
    private final Map<String, List<MediaItem>> knownItems = new HashMap<>();
    private long knownVersion = -1;
    /** Outcomes {@link #recordOutcomes} was given, written with the next journal transaction. */
    private final List<PendingOutcomes> pendingOutcomes = new ArrayList<>();

    private record PendingOutcomes(String runId, int seq, String outcomes) {
    }

    private SqliteStateStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the database at {@code file} and migrates its schema.
     *
     * @param file the database file
     * @return the store
     * @throws IllegalStateException when the file cannot be created, opened or migrated, naming it
     */
    public static SqliteStateStore open(Path file) {
        Path abs = file.toAbsolutePath();
        try {
            OwnerOnlyFiles.prepareSqliteFile(abs, "state database", LOG);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the state database " + abs + ": " + e.getMessage(), e);
        }
        try {
            // the driver would otherwise prepare and run "SELECT last_insert_rowid()" after every
            // INSERT (200 000 phantom rows in a first run of 100k); enqueue() asks for its row id itself
            Properties props = new Properties();
            props.setProperty("jdbc.get_generated_keys", "false");
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs, props);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=5000");
                // above SQLite's 2 MiB default: a first run of 100k adds writes as many phantom rows
                // into a random-order primary key, and clears them again on the next run
                st.execute("PRAGMA cache_size=-32768");
            }
            SqliteStateStore store = new SqliteStateStore(abs, c);
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the state database " + abs + ": " + e.getMessage(), e);
        }
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    /** @return the schema version in the file */
    public synchronized int schemaVersion() {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure("read the schema version", e);
        }
    }

    private synchronized void migrate() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        int current = schemaVersion();
        if (current > MIGRATIONS.size()) {
            throw new IllegalStateException("the state database " + file + " has schema version " + current
                    + ", newer than this CrossWatch understands (" + MIGRATIONS.size() + "); upgrade CrossWatch");
        }
        if (current == MIGRATIONS.size()) {
            return;
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (int v = current; v < MIGRATIONS.size(); v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    st.execute(sql);
                }
            }
            st.execute("DELETE FROM schema_version");
            st.execute("INSERT INTO schema_version (version) VALUES (" + MIGRATIONS.size() + ")");
            connection.commit();
            LOG.log(Level.DEBUG, "migrated state database {0} from schema {1} to {2}", file, current, MIGRATIONS.size());
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public synchronized Optional<Baseline> baseline(String pair, Feature feature, Side side) {
        try {
            String slot = slot(pair, feature, side);
            List<MediaItem> known = knownStillValid() ? knownItems.get(slot) : null;
            try (PreparedStatement ps = connection.prepareStatement("SELECT taken_at, checkpoint, activity"
                    + (known == null ? ", items" : "") + " FROM baselines WHERE pair = ? AND feature = ? AND side = ?")) {
                ps.setString(1, pair);
                ps.setString(2, feature.name());
                ps.setString(3, side.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        knownItems.remove(slot);
                        return Optional.empty();
                    }
                    List<MediaItem> items = known != null ? known : MediaItemCodec.readList(rs.getString(4));
                    Baseline b = new Baseline(items, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3));
                    knownItems.put(slot, b.items());
                    return Optional.of(b);
                }
            }
        } catch (SQLException e) {
            throw failure("read the " + feature.key() + " baseline of " + pair, e);
        }
    }

    private static String slot(String pair, Feature feature, Side side) {
        return pair + '\u0000' + feature.name() + '\u0000' + side.name();
    }

    /**
     * @return whether {@link #knownItems} still mirrors the file: no other connection (another
     *         process, another store on the same file) has committed since this one last looked
     */
    private boolean knownStillValid() throws SQLException {
        long version;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            version = rs.next() ? rs.getLong(1) : -1;
        }
        if (version != knownVersion || version == -1) {
            knownItems.clear();
            knownVersion = version;
            return false;
        }
        return true;
    }

    @Override
    public synchronized GuardState guards(String pair, Instant now) {
        List<Tombstone> ts = new ArrayList<>();
        List<UnresolvedItem> us = new ArrayList<>();
        List<PhantomRecord> ps = new ArrayList<>();
        try {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT feature, item, removed_at, expires_at FROM tombstones WHERE pair = ? AND expires_at > ?")) {
                st.setString(1, pair);
                st.setLong(2, now.toEpochMilli());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ts.add(new Tombstone(Feature.valueOf(rs.getString(1)), MediaItemCodec.readItem(rs.getString(2)),
                                Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
            }
            try (PreparedStatement st = connection.prepareStatement("SELECT feature, side, item, reason, failures,"
                    + " last_failure_at, retry_at FROM unresolved WHERE pair = ?")) {
                st.setString(1, pair);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        us.add(new UnresolvedItem(Feature.valueOf(rs.getString(1)), Side.valueOf(rs.getString(2)),
                                MediaItemCodec.readItem(rs.getString(3)), rs.getString(4), rs.getInt(5),
                                Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7))));
                    }
                }
            }
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT feature, side, item, attempts, last_added_at FROM phantoms WHERE pair = ?")) {
                st.setString(1, pair);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ps.add(new PhantomRecord(Feature.valueOf(rs.getString(1)), Side.valueOf(rs.getString(2)),
                                MediaItemCodec.readItem(rs.getString(3)), rs.getInt(4), Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("read the guard state of " + pair, e);
        }
        return new GuardState(ts, us, ps);
    }

    @Override
    public synchronized void commit(StateCommit c) {
        String pair = c.pair();
        // one generator for every tombstone, unresolved and phantom item (200 000 phantoms in a first run of 100k)
        try (ItemJsonWriter json = new ItemJsonWriter()) {
            connection.setAutoCommit(false);
            try {
                // A write first: from here on this connection holds the write lock on the newest
                // snapshot, so the data_version check below cannot miss another writer's commit.
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM tombstones WHERE pair = ? AND expires_at <= ?")) {
                    ps.setString(1, pair);
                    ps.setLong(2, c.now().toEpochMilli());
                    ps.executeUpdate();
                }
                boolean knownValid = knownStillValid();
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO baselines"
                        + " (pair, feature, side, taken_at, checkpoint, activity, items) VALUES (?, ?, ?, ?, ?, ?, ?)");
                     PreparedStatement touch = connection.prepareStatement("UPDATE baselines SET taken_at = ?,"
                        + " checkpoint = ?, activity = ? WHERE pair = ? AND feature = ? AND side = ?")) {
                    for (var e : c.baselines().entrySet()) {
                        Baseline b = e.getValue();
                        String feature = e.getKey().feature().name();
                        String side = e.getKey().side().name();
                        List<MediaItem> known = knownValid ? knownItems.get(slot(pair, e.getKey().feature(), e.getKey().side())) : null;
                        if (known != null && (known == b.items() || known.equals(b.items()))) {
                            // the items in the file are these already: stamp the row, do not re-encode them
                            touch.setLong(1, b.takenAt().toEpochMilli());
                            touch.setString(2, b.checkpoint());
                            touch.setString(3, b.activity());
                            touch.setString(4, pair);
                            touch.setString(5, feature);
                            touch.setString(6, side);
                            if (touch.executeUpdate() == 1) {
                                continue;
                            }
                        }
                        ps.setString(1, pair);
                        ps.setString(2, feature);
                        ps.setString(3, side);
                        ps.setLong(4, b.takenAt().toEpochMilli());
                        ps.setString(5, b.checkpoint());
                        ps.setString(6, b.activity());
                        ps.setString(7, MediaItemCodec.write(b.items()));
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO tombstones"
                        + " (pair, feature, key, item, removed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Tombstone t : c.tombstones()) {
                        ps.setString(1, pair);
                        ps.setString(2, t.feature().name());
                        ps.setString(3, t.key());
                        ps.setString(4, json.write(t.item()));
                        ps.setLong(5, t.removedAt().toEpochMilli());
                        ps.setLong(6, t.expiresAt().toEpochMilli());
                        ps.executeUpdate();
                    }
                }
                clear("unresolved", pair, c.clearUnresolved());
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO unresolved (pair, feature, side,"
                        + " key, item, reason, failures, last_failure_at, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (UnresolvedItem u : c.unresolved()) {
                        ps.setString(1, pair);
                        ps.setString(2, u.feature().name());
                        ps.setString(3, u.side().name());
                        ps.setString(4, u.key());
                        ps.setString(5, json.write(u.item()));
                        ps.setString(6, u.reason());
                        ps.setInt(7, u.failures());
                        ps.setLong(8, u.lastFailureAt().toEpochMilli());
                        ps.setLong(9, u.retryAt().toEpochMilli());
                        ps.executeUpdate();
                    }
                }
                clear("phantoms", pair, c.clearPhantoms());
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO phantoms (pair, feature, side,"
                        + " key, item, attempts, last_added_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (PhantomRecord p : c.phantoms()) {
                        ps.setString(1, pair);
                        ps.setString(2, p.feature().name());
                        ps.setString(3, p.side().name());
                        ps.setString(4, p.key());
                        ps.setString(5, json.write(p.item()));
                        ps.setInt(6, p.attempts());
                        ps.setLong(7, p.lastAddedAt().toEpochMilli());
                        ps.executeUpdate();
                    }
                }
                if (c.run().isPresent()) {
                    RunRecord r = c.run().get();
                    insertRun(r);
                    if (!r.interrupted()) {
                        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM run_chunks WHERE run_id = ?")) {
                            ps.setString(1, r.runId());
                            ps.executeUpdate();
                        }
                    }
                }
                writePendingOutcomes();
                connection.commit();
                pendingOutcomes.clear();
                c.baselines().forEach((k, b) -> knownItems.put(slot(pair, k.feature(), k.side()), b.items()));
            } catch (SQLException | RuntimeException e) {
                knownItems.clear();
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("commit the state of " + pair, e);
        }
    }

    private void insertRun(RunRecord r) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO runs (run_id, pair,"
                + " started_at, finished_at, status, dry_run, report, finished) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.runId());
            ps.setString(2, r.pair());
            ps.setLong(3, r.startedAt().toEpochMilli());
            ps.setLong(4, r.finishedAt().toEpochMilli());
            ps.setString(5, r.status().name());
            ps.setInt(6, r.dryRun() ? 1 : 0);
            ps.setString(7, r.report());
            ps.setInt(8, r.interrupted() ? 0 : 1);
            ps.executeUpdate();
        }
    }

    /** Writes the buffered outcomes inside the caller's transaction; cleared only once it commits. */
    private void writePendingOutcomes() throws SQLException {
        if (pendingOutcomes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE run_chunks SET outcomes = ? WHERE run_id = ? AND seq = ?")) {
            for (PendingOutcomes p : pendingOutcomes) {
                ps.setString(1, p.outcomes());
                ps.setString(2, p.runId());
                ps.setInt(3, p.seq());
                ps.executeUpdate();
            }
        }
    }

    /** Runs {@code work} and the buffered outcomes in one transaction. */
    private void inTransaction(String what, SqlWork work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                writePendingOutcomes();
                connection.commit();
                pendingOutcomes.clear();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    @Override
    public synchronized void beginRun(RunRecord run) {
        inTransaction("record the start of run " + run.runId(), () -> insertRun(run));
    }

    @Override
    public synchronized void journalChunk(JournalChunk chunk) {
        String entries = encodeEntries(chunk.entries());
        inTransaction("journal chunk " + chunk.seq() + " of run " + chunk.runId(), () -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO run_chunks (run_id, seq, feature,"
                    + " side, op, entries, outcomes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, chunk.runId());
                ps.setInt(2, chunk.seq());
                ps.setString(3, chunk.feature().name());
                ps.setString(4, chunk.side().name());
                ps.setString(5, chunk.op().name());
                ps.setString(6, entries);
                ps.setString(7, encodeOutcomes(chunk.outcomes()));
                ps.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void recordOutcomes(String runId, int seq, List<JournalChunk.Outcome> outcomes) {
        // buffered: written by the next journal transaction (one transaction per chunk, not two)
        pendingOutcomes.add(new PendingOutcomes(runId, seq, encodeOutcomes(outcomes)));
    }

    @Override
    public synchronized List<JournalChunk> journalChunks(String runId) {
        if (!pendingOutcomes.isEmpty()) {
            inTransaction("record chunk outcomes of run " + runId, () -> { });
        }
        List<JournalChunk> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq, feature, side, op, entries, outcomes"
                + " FROM run_chunks WHERE run_id = ? ORDER BY seq")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JournalChunk(runId, rs.getInt(1), Feature.valueOf(rs.getString(2)), Side.valueOf(rs.getString(3)),
                            JournalChunk.Op.valueOf(rs.getString(4)), decodeEntries(rs.getString(5), rs.getString(6))));
                }
            }
        } catch (SQLException e) {
            throw failure("read the journal of run " + runId, e);
        }
        return out;
    }

    /** Entries as a JSON array of {@code {"item":…,"previous":…}}, items in {@link MediaItemCodec}'s shape. */
    private static String encodeEntries(List<JournalChunk.Entry> entries) {
        StringBuilder sb = new StringBuilder("[");
        try (ItemJsonWriter json = new ItemJsonWriter()) {
            for (JournalChunk.Entry e : entries) {
                sb.append(sb.length() > 1 ? "," : "").append("{\"item\":").append(json.write(e.item()));
                if (e.previous() != null) {
                    sb.append(",\"previous\":").append(json.write(e.previous()));
                }
                sb.append('}');
            }
        }
        return sb.append(']').toString();
    }

    private static List<JournalChunk.Entry> decodeEntries(String json, String outcomes) {
        JsonNode array;
        try {
            array = JOURNAL_JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a journaled chunk is not JSON: " + e.getMessage(), e);
        }
        List<JournalChunk.Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array) {
            JsonNode prev = n.get("previous");
            out.add(new JournalChunk.Entry(MediaItemCodec.readItem(n.get("item").toString()),
                    prev == null || prev.isNull() ? null : MediaItemCodec.readItem(prev.toString()), decodeOutcome(outcomes, i++)));
        }
        return out;
    }

    /** One letter per item: {@code A}pplied, {@code F}ailed, {@code U}nknown. */
    private static String encodeOutcomes(List<JournalChunk.Outcome> outcomes) {
        StringBuilder sb = new StringBuilder(outcomes.size());
        outcomes.forEach(o -> sb.append(o.name().charAt(0)));
        return sb.toString();
    }

    private static JournalChunk.Outcome decodeOutcome(String outcomes, int i) {
        if (outcomes == null || i >= outcomes.length()) {
            return JournalChunk.Outcome.UNKNOWN;
        }
        return switch (outcomes.charAt(i)) {
            case 'A' -> JournalChunk.Outcome.APPLIED;
            case 'F' -> JournalChunk.Outcome.FAILED;
            default -> JournalChunk.Outcome.UNKNOWN;
        };
    }

    private void clear(String table, String pair, List<StateCommit.RecordKey> keys) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE pair = ? AND feature = ? AND side = ? AND key = ?")) {
            for (StateCommit.RecordKey k : keys) {
                ps.setString(1, pair);
                ps.setString(2, k.feature().name());
                ps.setString(3, k.side().name());
                ps.setString(4, k.key());
                ps.executeUpdate();
            }
        }
    }

    @Override
    public synchronized List<RunRecord> runs(String pair, int limit) {
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT run_id, pair, started_at, finished_at, status, dry_run,"
                + " report, finished FROM runs WHERE pair = ? ORDER BY started_at DESC, rowid DESC LIMIT ?")) {
            ps.setString(1, pair);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunRecord(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), SyncStatus.valueOf(rs.getString(5)), rs.getInt(6) != 0,
                            rs.getString(7), rs.getInt(8) == 0));
                }
            }
        } catch (SQLException e) {
            throw failure("read the run history of " + pair, e);
        }
        return out;
    }

    @Override
    public synchronized QueuedScrobble enqueue(QueuedScrobble q) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO scrobble_queue (target, action, item, percent,"
                + " occurred_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
             Statement rowId = connection.createStatement()) {
            ps.setString(1, q.target());
            ps.setString(2, q.action().name());
            ps.setString(3, MediaItemCodec.write(q.item()));
            ps.setDouble(4, q.percent());
            ps.setLong(5, q.occurredAt().toEpochMilli());
            ps.setInt(6, q.attempts());
            ps.setLong(7, q.nextAttemptAt().toEpochMilli());
            ps.executeUpdate();
            // the connection does not fetch generated keys; this synchronized method's insert is the last one
            try (ResultSet keys = rowId.executeQuery("SELECT last_insert_rowid()")) {
                keys.next();
                return new QueuedScrobble(keys.getLong(1), q.target(), q.action(), q.item(), q.percent(), q.occurredAt(),
                        q.attempts(), q.nextAttemptAt());
            }
        } catch (SQLException e) {
            throw failure("queue a scrobble for " + q.target(), e);
        }
    }

    @Override
    public synchronized List<QueuedScrobble> queued(String target) {
        List<QueuedScrobble> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, action, item, percent, occurred_at, attempts,"
                + " next_attempt_at FROM scrobble_queue WHERE target = ? ORDER BY id")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueuedScrobble(rs.getLong(1), target, QueuedScrobble.Action.valueOf(rs.getString(2)),
                            MediaItemCodec.readItem(rs.getString(3)), rs.getDouble(4), Instant.ofEpochMilli(rs.getLong(5)),
                            rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
        } catch (SQLException e) {
            throw failure("read the scrobble queue of " + target, e);
        }
        return out;
    }

    @Override
    public synchronized List<String> queuedTargets() {
        List<String> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT target FROM scrobble_queue ORDER BY target")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw failure("read the scrobble queue", e);
        }
        return out;
    }

    @Override
    public synchronized void dequeue(long id) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM scrobble_queue WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("remove scrobble " + id + " from the queue", e);
        }
    }

    @Override
    public synchronized void requeue(QueuedScrobble q) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE scrobble_queue SET attempts = ?, next_attempt_at = ? WHERE id = ?")) {
            ps.setInt(1, q.attempts());
            ps.setLong(2, q.nextAttemptAt().toEpochMilli());
            ps.setLong(3, q.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("reschedule scrobble " + q.id(), e);
        }
    }

    @Override
    public synchronized void recordPlay(RecordedPlay p) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO recorded_plays (target, key, minute,"
                + " item, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, p.target());
            ps.setString(2, p.key());
            ps.setLong(3, p.minute());
            ps.setString(4, MediaItemCodec.write(p.item()));
            ps.setLong(5, p.recordedAt().toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("record a scrobbled play on " + p.target(), e);
        }
    }

    @Override
    public synchronized List<RecordedPlay> recordedPlays(String target) {
        List<RecordedPlay> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT key, item, recorded_at FROM recorded_plays WHERE target = ? ORDER BY minute, key")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecordedPlay(target, rs.getString(1), MediaItemCodec.readItem(rs.getString(2)),
                            Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
        } catch (SQLException e) {
            throw failure("read the scrobbled plays of " + target, e);
        }
        return out;
    }

    @Override
    public synchronized int forgetPlays(Instant before) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM recorded_plays WHERE recorded_at < ?")) {
            ps.setLong(1, before.toEpochMilli());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("forget old scrobbled plays", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("could not " + what + " in the state database " + file + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            if (!pendingOutcomes.isEmpty()) {
                try {
                    inTransaction("record chunk outcomes", () -> { });
                } catch (IllegalStateException e) {
                    LOG.log(Level.WARNING, "{0}; those items will read as outcome unknown", e.getMessage());
                }
            }
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing the state database {0} failed: {1}", file, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SqliteStateStore[" + file + "]";
    }
}
