package io.crosswatch.core.sync;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.state.SqliteStateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link CrashRecoveryTest}: syncs a pair against an SQLite state file and,
 * at the n-th write call, announces it on stdout and blocks until the parent kills it.
 * Arguments: {@code <db file> <setup|crash> <n>}.
 */
public final class CrashSyncMain {

    static final String PAIR = "crash";
    static final String APPLYING = "APPLYING";

    private CrashSyncMain() {
    }

    static PairSpec pair() {
        return PairSpec.builder(Endpoint.parse("a"), Endpoint.parse("b"), SyncMode.TWO_WAY).name(PAIR)
                .feature(Feature.WATCHLIST, FeatureOptions.ALL).build();
    }

    static InMemoryConnector connector(String name) {
        return new InMemoryConnector(name, ConnectorCapabilities.builder().batchSize(Feature.WATCHLIST, 1).build());
    }

    /** The setup run: both sides end with items 1..10 and a baseline. */
    static void setup(SqliteStateStore store) {
        InMemoryConnector a = connector("a").put(Feature.WATCHLIST, PlanFixtures.range(1, 11));
        InMemoryConnector b = connector("b");
        new GenericSyncModule().runSync(SyncContext.builder(pair()).source(a.manifest(), a).target(b.manifest(), b).state(store).build());
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        try (SqliteStateStore store = SqliteStateStore.open(db)) {
            if (args[1].equals("setup")) {
                setup(store);
                return;
            }
            int killAt = Integer.parseInt(args[2]);
            List<MediaItem> baseline = store.baseline(PAIR, Feature.WATCHLIST, Side.TARGET).orElseThrow().items();
            // the source gained 40 items and lost one: many single-item chunks to be killed in
            InMemoryConnector a = connector("a").put(Feature.WATCHLIST, PlanFixtures.range(2, 51));
            InMemoryConnector b = connector("b").put(Feature.WATCHLIST, new ArrayList<>(baseline));
            CountDownLatch never = new CountDownLatch(1);
            b.beforeWrite = () -> {
                if (b.writes + 1 == killAt) {
                    System.out.println(APPLYING);
                    System.out.flush();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            new GenericSyncModule().runSync(SyncContext.builder(pair()).source(a.manifest(), a).target(b.manifest(), b).state(store).build());
            System.out.println("FINISHED");
        }
    }
}
