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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class GenericSyncModulePropertiesTest {

    private static List<MediaItem> movies(Set<@IntRange(min = 1, max = 30) Integer> ids) {
        List<MediaItem> l = new ArrayList<>();
        ids.forEach(i -> l.add(PlanFixtures.movie(i)));
        return l;
    }

    @Property(tries = 60)
    void dryRunWritesNothingNotEvenState(@ForAll @Size(max = 15) Set<@IntRange(min = 1, max = 30) Integer> a,
                                         @ForAll @Size(max = 15) Set<@IntRange(min = 1, max = 30) Integer> b,
                                         @ForAll @Size(max = 15) Set<@IntRange(min = 1, max = 30) Integer> laterA,
                                         @ForAll SyncMode mode) {
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
        assertEquals(beforeA, ca.items(Feature.WATCHLIST));
        assertEquals(beforeB, cb.items(Feature.WATCHLIST));
        assertEquals(writes, ca.writes + cb.writes);
        assertEquals(commits, store.commitCount());
    }
}
