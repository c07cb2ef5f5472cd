package io.crosswatch.core;

import io.crosswatch.api.Api;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.core.internal.metadata.SqliteMetadataCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A persistent cache of metadata answers (texts, ids and image URLs, never image bytes), so a
 * restarted {@link MetadataManager} does not fetch everything again. Entries are keyed by the
 * providers that answered and the normalized request, and carry their expiry; "no provider
 * knows this item" is cached too. Implementations are thread-safe.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface MetadataCache extends AutoCloseable {

    /**
     * One cached answer.
     *
     * @param value     the metadata, empty for a cached "unknown item"
     * @param expiresAt when it stops being used
     */
    record Entry(Optional<Metadata> value, Instant expiresAt) {
        /** Validates. */
        public Entry {
            java.util.Objects.requireNonNull(value, "value");
            java.util.Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * @param providers which providers the answer came from (a manager's provider order)
     * @param request   the normalized request key
     * @param now       the current time; an entry that expired at or before it is not returned
     * @return the entry, when present and fresh
     */
    Optional<Entry> get(String providers, String request, Instant now);

    /**
     * Stores (or replaces) an answer.
     *
     * @param providers which providers the answer came from
     * @param request   the normalized request key
     * @param entry     the answer and its expiry
     */
    void put(String providers, String request, Entry entry);

    /**
     * Deletes the entries that expired at or before {@code now}.
     *
     * @param now the current time
     * @return how many were deleted
     */
    int purgeExpired(Instant now);

    /** Deletes every entry. */
    void clear();

    /** Releases the file. Never throws. */
    @Override
    void close();

    /**
     * Opens (creating when absent) a cache in a small SQLite file, readable only by the owner.
     *
     * @param file the file, such as {@code ~/.crosswatch/metadata-cache.db}
     * @return the cache
     * @throws io.crosswatch.api.CrossWatchException when the file cannot be opened
     */
    static MetadataCache sqlite(Path file) {
        return SqliteMetadataCache.open(file);
    }
}
