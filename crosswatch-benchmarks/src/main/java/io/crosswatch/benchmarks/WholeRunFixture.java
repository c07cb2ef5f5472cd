package io.crosswatch.benchmarks;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.local.LocalTrackerConnector;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two local tracker files of {@code size} items each and a SQLite state file, for the whole-run
 * benchmark. Each side holds 40 % of its items in the watchlist, 30 % as ratings and 30 % as
 * history plays, drawn from {@link SyntheticInventory}'s id mix (movies with imdb only, tmdb only
 * or both, episodes keyed under their show). The two sides hold different titles, and the target
 * knows its titles through the "other service" id subset, so a two-way first run copies every
 * item in both directions.
 *
 * <p>The trackers are filled once into template files ({@link #templates}); each fresh run
 * copies them, which is much faster than importing 2 × 100k items again.
 */
final class WholeRunFixture {

    /** Target titles are numbered from here, so they never collide with the source's. */
    private static final int TARGET_SHIFT = 5_000_000;
    private static final Instant PLAYED = Instant.parse("2020-01-01T00:00:00Z");
    private static final List<Feature> FEATURES = List.of(Feature.WATCHLIST, Feature.RATINGS, Feature.HISTORY);

    private WholeRunFixture() {
    }

    /** The two template tracker files, filled and closed. */
    record Templates(Path dir, Path source, Path target, int size) {
    }

    /** One run's files: copies of the templates plus a state database. */
    record Files3(Path dir, Path source, Path target, Path state) {
    }

    /**
     * @param size items per side
     * @return the filled template files in a new temporary directory
     */
    static Templates templates(int size) {
        try {
            Path dir = Files.createTempDirectory("cw-wholerun-tpl-");
            Path source = dir.resolve("source.db");
            Path target = dir.resolve("target.db");
            fill(source, size, false, 0);
            fill(target, size, true, TARGET_SHIFT);
            return new Templates(dir, source, target, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how many items of {@code size} go into each feature (watchlist, ratings, history) */
    static int[] split(int size) {
        int watchlist = size * 4 / 10;
        int ratings = size * 3 / 10;
        return new int[] {watchlist, ratings, size - watchlist - ratings};
    }

    private static void fill(Path file, int size, boolean alt, int shift) {
        int[] n = split(size);
        try (LocalTracker t = LocalTracker.open(file, Clock.systemUTC())) {
            t.importItems(Feature.WATCHLIST, SyntheticInventory.of(n[0], 1, alt, 0, shift));
            // each feature draws other titles, so one title is rarely in two features
            List<MediaItem> ratings = new ArrayList<>(n[1]);
            int k = 0;
            for (MediaItem m : SyntheticInventory.of(n[1], 2, alt, 0, shift + 1_000_000)) {
                ratings.add(m.toBuilder().rating(1 + k++ % 10).build());
            }
            t.importItems(Feature.RATINGS, ratings);
            List<MediaItem> plays = new ArrayList<>(n[2]);
            k = 0;
            for (MediaItem m : SyntheticInventory.of(n[2], 3, alt, 0, shift + 2_000_000)) {
                plays.add(m.toBuilder().watchedAt(PLAYED.plusSeconds(3600L * k++)).build());
            }
            t.importItems(Feature.HISTORY, plays);
        }
    }

    /**
     * @param t the templates
     * @return copies of the template trackers and a path for a new state database, in a new directory
     */
    static Files3 fresh(Templates t) {
        try {
            Path dir = Files.createTempDirectory("cw-wholerun-");
            Path source = dir.resolve("source.db");
            Path target = dir.resolve("target.db");
            Files.copy(t.source(), source, StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(t.target(), target, StandardCopyOption.COPY_ATTRIBUTES);
            return new Files3(dir, source, target, dir.resolve("state.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the two-way pair of watchlist, ratings and history */
    static PairSpec pair() {
        PairSpec.Builder b = PairSpec.builder(Endpoint.parse("local:a"), Endpoint.parse("local:b"), SyncMode.TWO_WAY);
        FEATURES.forEach(f -> b.feature(f, FeatureOptions.ALL));
        return b.build();
    }

    /**
     * One whole run as the orchestrator does it: open both tracker sessions, read, plan, apply,
     * persist, close.
     *
     * @param files the files
     * @param state the open state store
     * @return the result
     */
    static SyncResult run(Files3 files, SqliteStateStore state) {
        LocalTrackerConnector local = new LocalTrackerConnector();
        try (ConnectorSession s = local.open(context(files.source()));
             ConnectorSession t = local.open(context(files.target()))) {
            SyncContext ctx = SyncContext.builder(pair()).source(local.manifest(), s).target(local.manifest(), t)
                    .state(state).clock(Clock.systemUTC()).build();
            return new GenericSyncModule().runSync(ctx);
        }
    }

    /**
     * Fails loudly when a run did not do what the benchmark claims to measure.
     *
     * @param r        the result
     * @param expected items each direction should have added
     */
    static void check(SyncResult r, int expected) {
        if (r.status() != SyncStatus.SUCCESS) {
            throw new IllegalStateException("the run did not succeed: " + r);
        }
        int toTarget = r.totalToTarget().added();
        int toSource = r.totalToSource().added();
        if (toTarget != expected || toSource != expected || r.totalToTarget().removed() + r.totalToSource().removed() != 0) {
            throw new IllegalStateException("expected " + expected + " add(s) each way and no removal, got " + toTarget
                    + " to target and " + toSource + " to source: " + r);
        }
    }

    private static ProviderContext context(Path file) {
        ProviderStore store = ProviderStore.inMemory(ProviderConfig.of("local", "default", Map.of("path", file.toString())));
        return new ProviderContext() {
            @Override
            public ProviderConfig config() {
                return store.current();
            }

            @Override
            public ProviderStore store() {
                return store;
            }
        };
    }

    /** Deletes a directory tree; the benchmark's temp files must not pile up. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
