package io.crosswatch.core.internal.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One feature's identity-key index ({@code item_keys}) held in memory for the length of one large
 * write: loaded with one scan, then kept in step with every row the write inserts or deletes.
 * A 100k-item add then costs one sequential read of the keys instead of several indexed
 * {@code SELECT}s per item, and answers exactly as the table would: the rows of a key come in the
 * order their keys were stored, which is the order of the table's lookup index.
 */
final class BulkKeyIndex {

    private final Map<String, List<Long>> rowsByKey;
    private final Set<Long> deleted = new HashSet<>();

    private BulkKeyIndex(Map<String, List<Long>> rowsByKey) {
        this.rowsByKey = rowsByKey;
    }

    /**
     * @param db      the open connection, inside the write's transaction
     * @param feature the feature key
     * @param expectedNewRows how many rows the write may add, to size the map
     * @return the feature's keys
     * @throws SQLException when the scan fails
     */
    static BulkKeyIndex load(Connection db, String feature, int expectedNewRows) throws SQLException {
        int stored;
        try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM item_keys WHERE feature = ?")) {
            ps.setString(1, feature);
            try (ResultSet rs = ps.executeQuery()) {
                stored = rs.next() ? rs.getInt(1) : 0;
            }
        }
        // sized once for the stored keys plus about five per new row: no rehashing while filling
        Map<String, List<Long>> rows = new HashMap<>(Math.max(16, (int) ((stored + expectedNewRows * 5L) * 4 / 3)));
        try (PreparedStatement ps = db.prepareStatement("SELECT key, row_id FROM item_keys WHERE feature = ? ORDER BY rowid")) {
            ps.setString(1, feature);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(rs.getLong(2));
                }
            }
        }
        return new BulkKeyIndex(rows);
    }

    /**
     * @param keys keys to look up
     * @param into where the rows are added
     * @return the live rows stored under any of them: per key in stored order, keys in the given order
     */
    Set<Long> find(Set<String> keys, Set<Long> into) {
        for (String key : keys) {
            List<Long> rows = rowsByKey.get(key);
            if (rows == null) {
                continue;
            }
            for (Long row : rows) {
                if (deleted.isEmpty() || !deleted.contains(row)) {
                    into.add(row);
                }
            }
        }
        return into;
    }

    /** Records the keys of a row just inserted. */
    void inserted(long row, Set<String> keys) {
        Long boxed = row;
        for (String key : keys) {
            rowsByKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(boxed);
        }
    }

    /** Records that a row was deleted (its keys went with it, by cascade). */
    void deleted(long row) {
        deleted.add(row);
    }
}
