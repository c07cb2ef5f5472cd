package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.internal.local.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The local tracker file opened directly, without a sync run: what {@code crosswatch import}
 * writes into and what {@link LocalTrackerConnector}'s sessions read and write.
 *
 * <p>One SQLite file (WAL journal, versioned schema, created {@code 0600} where POSIX) keeps
 * every feature. Items are matched by any shared strong id (imdb, tmdb, tvdb, trakt), else
 * weakly by title and year; history keeps every play, and a play of the same item within the same
 * minute is the same play. Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (LocalTracker tracker = LocalTracker.open(Path.of("local-tracker.db"))) {
 *     tracker.importItems(Feature.RATINGS, Importers.read(csv).items(Feature.RATINGS));
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class LocalTracker implements AutoCloseable {

    private final LocalStore store;

    private LocalTracker(LocalStore store) {
        this.store = store;
    }

    /**
     * Opens a tracker file, creating it (and its directories) when missing.
     *
     * @param file the SQLite file
     * @return the open tracker
     * @throws io.crosswatch.api.ProviderException naming the file when it cannot be opened
     */
    public static LocalTracker open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /**
     * @param file  the SQLite file
     * @param clock stamps row updates
     * @return the open tracker
     */
    public static LocalTracker open(Path file, Clock clock) {
        return new LocalTracker(LocalStore.open(file, clock));
    }

    /** @return the absolute path of the file */
    public Path file() {
        return store.file();
    }

    /**
     * Writes items into a feature: new items are {@code ADDED}, re-imports {@code EXISTING},
     * changed ratings and resume points {@code UPDATED}.
     *
     * @param feature the feature
     * @param items   the items
     * @return one outcome per item
     */
    public WriteResult importItems(Feature feature, List<MediaItem> items) {
        return store.add(feature, items, false);
    }

    /**
     * @param feature the feature
     * @param items   the items
     * @param dryRun  when {@code true}, report what would happen and write nothing
     * @return one outcome per item ({@code ADDED}, {@code UPDATED} or {@code EXISTING})
     */
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        return store.add(feature, items, dryRun);
    }

    /**
     * @param feature the feature
     * @param items   the items; a history item without a watched date removes all its plays
     * @param dryRun  when {@code true}, report what would happen and write nothing
     * @return {@code REMOVED} or {@code NOT_FOUND} per item
     */
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        return store.remove(feature, items, dryRun);
    }

    /**
     * @param feature the feature
     * @return every stored item of the feature, in the order added (rows that cannot be decoded are
     *         skipped and logged)
     */
    public List<MediaItem> items(Feature feature) {
        return store.read(feature).items();
    }

    /**
     * @param feature the feature
     * @return how many rows (history: plays) it holds
     */
    public int count(Feature feature) {
        return store.count(feature);
    }

    LocalStore store() {
        return store;
    }

    /** Closes the file. Never throws. */
    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "LocalTracker[" + store.file() + "]";
    }
}
