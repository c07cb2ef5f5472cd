package io.crosswatch.core.sync;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.core.UndoService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The child of {@link CrashLoopTest}: syncs two local tracker files two-way through an SQLite
 * state store, saving the config file (as a token refresh would) and printing {@value #CHUNK}
 * after every applied chunk, so the parent can kill it at a chosen point. Prints {@value #RUN} and
 * the run id first, and {@value #DONE} with the status when it finishes. Arguments: the working
 * directory, and {@code warmup} for {@link ChildJvm}'s class-data archive run.
 */
public final class CrashLoopMain {

    static final String CHUNK = "CHUNK";
    static final String DONE = "DONE";
    static final String RUN = "RUN ";
    static final String PAIR = "crashloop";

    private CrashLoopMain() {
    }

    static PairSpec pair() {
        return PairSpec.builder(Endpoint.parse("a"), Endpoint.parse("b"), SyncMode.TWO_WAY).name(PAIR)
                .feature(Feature.WATCHLIST, FeatureOptions.ALL).feature(Feature.HISTORY, FeatureOptions.ALL).build();
    }

    /** A local tracker as a connector session, with small batches so a run has many chunks. */
    static final class TrackerSession implements ConnectorSession {
        final LocalTracker tracker;
        final ConnectorManifest manifest;

        TrackerSession(String name, LocalTracker tracker) {
            this.tracker = tracker;
            this.manifest = ConnectorManifest.builder(name, ApiVersion.CURRENT).features(Feature.WATCHLIST, Feature.HISTORY)
                    .capabilities(ConnectorCapabilities.builder().keepsPlayEvents(true).batchSize(Feature.WATCHLIST, 3)
                            .batchSize(Feature.HISTORY, 3).build()).authProvider(null).build();
        }

        @Override
        public ReadResult read(ReadRequest request) {
            return ReadResult.complete(tracker.items(request.feature()));
        }

        @Override
        public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
            return tracker.add(feature, items, dryRun);
        }

        @Override
        public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
            return tracker.remove(feature, items, dryRun);
        }
    }

    private static MediaItem item(int tmdb) {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", String.valueOf(tmdb))).title("M" + tmdb).build();
    }

    /** Runs one sync of the pair in {@code dir}; {@code onChunk} runs after every applied chunk. */
    static SyncResult sync(Path dir, Runnable onChunk) {
        return sync(dir, UUID.randomUUID().toString(), onChunk);
    }

    /** Reverts a run of the pair in {@code dir}, as {@code crosswatch undo} would. */
    static SyncResult undo(Path dir, String runId, boolean dryRun) {
        try (SqliteStateStore state = SqliteStateStore.open(dir.resolve("state.db"));
             LocalTracker a = LocalTracker.open(dir.resolve("a.db"));
             LocalTracker b = LocalTracker.open(dir.resolve("b.db"))) {
            return new UndoService(state, Clock.systemUTC()).undo(PAIR, runId, new TrackerSession("a", a),
                    new TrackerSession("b", b), dryRun);
        }
    }

    static SyncResult sync(Path dir, String runId, Runnable onChunk) {
        ConfigStore config = ConfigStore.open(dir.resolve("config.json"));
        try (SqliteStateStore state = SqliteStateStore.open(dir.resolve("state.db"));
             LocalTracker a = LocalTracker.open(dir.resolve("a.db"));
             LocalTracker b = LocalTracker.open(dir.resolve("b.db"))) {
            TrackerSession sa = new TrackerSession("a", a);
            TrackerSession sb = new TrackerSession("b", b);
            int[] chunks = {0};
            return new GenericSyncModule().runSync(SyncContext.builder(pair()).runId(runId).source(sa.manifest, sa)
                    .target(sb.manifest, sb)
                    .state(state).force(true).progress(e -> {
                        if (e.stage().equals("apply")) {
                            // a provider would persist a refreshed token here: the config is rewritten mid-run
                            config.update("local", "default", Map.of("chunk", String.valueOf(++chunks[0])));
                            onChunk.run();
                        }
                    }).build());
        }
    }

    public static void main(String[] args) {
        if (args.length > 1 && args[1].equals("warmup")) {
            // ChildJvm's class-data archive run: one sync with writes on each side, then exit normally
            try (LocalTracker a = LocalTracker.open(Path.of(args[0]).resolve("a.db"));
                 LocalTracker b = LocalTracker.open(Path.of(args[0]).resolve("b.db"))) {
                a.add(Feature.WATCHLIST, List.of(item(1), item(2), item(3), item(4)), false);
                b.add(Feature.WATCHLIST, List.of(item(5)), false);
            }
            sync(Path.of(args[0]), () -> { });
            return;
        }
        String runId = UUID.randomUUID().toString();
        System.out.println(RUN + runId);
        System.out.flush();
        SyncResult r = sync(Path.of(args[0]), runId, () -> {
            System.out.println(CHUNK);
            System.out.flush();
        });
        System.out.println(DONE + " " + r.status());
    }
}
