package io.crosswatch.benchmarks;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.sync.FeatureInput;
import io.crosswatch.core.sync.Plan;
import io.crosswatch.core.sync.PlanInput;
import io.crosswatch.core.sync.Planner;
import io.crosswatch.core.sync.SideSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Plans two synthetic watchlists of {@code size} items each (plus their previous baselines) in
 * every mode: identity graph, indexes, adds and removals. The target is planning 1M vs 1M well
 * under a second. Run with
 * {@code java -cp … org.openjdk.jmh.Main PlannerBenchmark -p size=10000,100000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
// The 1M inputs alone (4M MediaItems: two sides, two baselines) hold about 1.13 GB of heap and
// the planner needs under 0.25 GiB beyond them; the headroom keeps the collector from dominating.
@Fork(value = 1, jvmArgsAppend = {"-Xmx2560m"})
public class PlannerBenchmark {

    /** Items per side. */
    @Param({"10000", "100000", "1000000"})
    public int size;

    /** The pair's mode. */
    @Param({"ONE_WAY_ADD", "ONE_WAY_PROPAGATE", "ONE_WAY_MIRROR", "TWO_WAY"})
    public SyncMode mode;

    private PlanInput input;

    /** Builds the inventories once per trial. */
    @Setup
    public void setUp() {
        // source: every title but each 50th; its baseline also had those (deleted since) and lacked
        // each 97th (new since). target: the same titles seen through other ids, minus each 33rd.
        List<MediaItem> source = SyntheticInventory.of(size, 1, false, 50, 0);
        List<MediaItem> sourceBase = SyntheticInventory.of(size, 1, false, 97, 0);
        List<MediaItem> target = SyntheticInventory.of(size, 2, true, 33, 0);
        List<MediaItem> targetBase = SyntheticInventory.of(size, 2, true, 0, 0);
        input = PlanInput.builder(mode, Instant.parse("2024-06-01T12:00:00Z")).force(true)
                .feature(Feature.WATCHLIST, FeatureInput.of(
                        SideSnapshot.builder("source").items(source).baseline(sourceBase).build(),
                        SideSnapshot.builder("target").items(target).baseline(targetBase).build()))
                .build();
    }

    /** @return the plan, consumed by JMH */
    @Benchmark
    public Plan plan() {
        return Planner.plan(input);
    }
}
