package io.crosswatch.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.testing.SeededCases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of whole runs of the generic module over seeded random inventories. Each case names
 * its seed; rerun one with {@code -Dcrosswatch.seed=<seed>}.
 */
class GenericSyncModulePropertiesTest {

    /** Up to 15 movies with tmdb ids 1..30. */
    private static Set<Integer> inventory(SplittableRandom r) {
        return SeededCases.set(r, 15, () -> SeededCases.between(r, 1, 30));
    }

    static LongStream dryRunSeeds() {
        return SeededCases.seeds("module.dryRunWritesNothingNotEvenState", 60);
    }

    private static List<MediaItem> movies(Set<Integer> ids) {
        List<MediaItem> l = new ArrayList<>();
        ids.forEach(i -> l.add(PlanFixtures.movie(i)));
        return l;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dryRunSeeds")
    void dryRunWritesNothingNotEvenState(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Integer> a = inventory(r);
        Set<Integer> b = inventory(r);
        Set<Integer> laterA = inventory(r);
        SyncMode mode = SeededCases.oneOf(r, SyncMode.values());
        InMemoryStateStore store = new InMemoryStateStore();
        InMemoryConnector ca = new InMemoryConnector("a", ConnectorCapabilities.defaults()).put(Feature.WATCHLIST, movies(a));
        InMemoryConnector cb = new InMemoryConnector("b", ConnectorCapabilities.defaults()).put(Feature.WATCHLIST, movies(b));
        PairSpec pair = PairSpec.builder(Endpoint.parse("a"), Endpoint.parse("b"), mode).feature(Feature.WATCHLIST, FeatureOptions.ALL)
                .build();
        Clock clock = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);
        GenericSyncModule module = new GenericSyncModule();
        // a real run first, so the dry run has baselines and guard memory to (not) touch
        module.runSync(SyncContext.builder(pair).source(ca.manifest(), ca).target(cb.manifest(), cb).state(store).clock(clock).build());
        ca.data.get(Feature.WATCHLIST).clear();
        ca.put(Feature.WATCHLIST, movies(laterA));
        List<MediaItem> beforeA = List.copyOf(ca.items(Feature.WATCHLIST));
        List<MediaItem> beforeB = List.copyOf(cb.items(Feature.WATCHLIST));
        int commits = store.commitCount();
        int writes = ca.writes + cb.writes;
        module.runSync(SyncContext.builder(pair).source(ca.manifest(), ca).target(cb.manifest(), cb).state(store).clock(clock)
                .dryRun(true).force(true).build());
        assertEquals(beforeA, ca.items(Feature.WATCHLIST), () -> "seed " + seed);
        assertEquals(beforeB, cb.items(Feature.WATCHLIST), () -> "seed " + seed);
        assertEquals(writes, ca.writes + cb.writes, () -> "seed " + seed);
        assertEquals(commits, store.commitCount(), () -> "seed " + seed);
    }
}
