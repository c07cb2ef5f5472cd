package io.crosswatch.benchmarks;

import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.core.state.SqliteStateStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole run — open both sessions, read, plan, apply, persist — between two local trackers of
 * {@code size} items each (watchlist, ratings and history; see {@link WholeRunFixture}) through
 * {@code GenericSyncModule} with a {@link SqliteStateStore}, all in temporary directories.
 *
 * <ul>
 *   <li>{@link #firstRun}: two-way, no baseline, every item copied both ways (each tracker ends
 *       with 2 × size items). Fresh copies of the trackers and a new state file per invocation;
 *       single-shot.</li>
 *   <li>{@link #noopRerun}: the same pair after its first run; nothing to write. Average time.</li>
 * </ul>
 *
 * <p>Run with {@code java -jar crosswatch-benchmarks/target/benchmarks.jar WholeRunBenchmark}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class WholeRunBenchmark {

    /** Fresh trackers and state for every first run. */
    @State(Scope.Benchmark)
    public static class FirstRun {
        /** Items per tracker before the run. */
        @Param({"10000", "100000"})
        public int size;

        WholeRunFixture.Templates templates;
        WholeRunFixture.Files3 files;
        SqliteStateStore state;

        /** Fills the template trackers once. */
        @Setup(Level.Trial)
        public void fill() {
            templates = WholeRunFixture.templates(size);
        }

        /** Copies the templates and opens a new state file. */
        @Setup(Level.Invocation)
        public void fresh() {
            files = WholeRunFixture.fresh(templates);
            state = SqliteStateStore.open(files.state());
        }

        /** Closes and deletes this invocation's files. */
        @TearDown(Level.Invocation)
        public void discard() {
            state.close();
            WholeRunFixture.delete(files.dir());
        }

        /** Deletes the templates. */
        @TearDown(Level.Trial)
        public void done() {
            WholeRunFixture.delete(templates.dir());
        }
    }

    /** One pair after its first run, rerun again and again. */
    @State(Scope.Benchmark)
    public static class Rerun {
        /** Items per tracker before the first run (each holds 2 × size after it). */
        @Param({"10000", "100000"})
        public int size;

        WholeRunFixture.Files3 files;
        SqliteStateStore state;
        private WholeRunFixture.Templates templates;

        /** Fills the trackers and runs the first sync, checked. */
        @Setup(Level.Trial)
        public void firstRun() {
            templates = WholeRunFixture.templates(size);
            files = WholeRunFixture.fresh(templates);
            state = SqliteStateStore.open(files.state());
            WholeRunFixture.check(WholeRunFixture.run(files, state), size);
            WholeRunFixture.check(WholeRunFixture.run(files, state), 0);
        }

        /** Closes and deletes everything. */
        @TearDown(Level.Trial)
        public void done() {
            state.close();
            WholeRunFixture.delete(files.dir());
            WholeRunFixture.delete(templates.dir());
        }
    }

    /**
     * @param s fresh trackers and state
     * @return the result (checked: every item copied both ways)
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public SyncResult firstRun(FirstRun s) {
        SyncResult r = WholeRunFixture.run(s.files, s.state);
        WholeRunFixture.check(r, s.size);
        return r;
    }

    /**
     * @param s the synced pair
     * @return the result (checked: nothing written)
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 5)
    public SyncResult noopRerun(Rerun s) {
        SyncResult r = WholeRunFixture.run(s.files, s.state);
        WholeRunFixture.check(r, 0);
        return r;
    }
}
