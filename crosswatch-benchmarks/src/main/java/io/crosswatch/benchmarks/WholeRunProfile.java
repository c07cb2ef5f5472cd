package io.crosswatch.benchmarks;

import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.core.state.SqliteStateStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A plain main for profiling a whole run outside JMH (attach JFR with
 * {@code -XX:StartFlightRecording=filename=run.jfr}): fills two trackers, runs the first sync and
 * then {@code reruns} no-op syncs, printing each run's wall time and phase times.
 *
 * <p>{@code java -cp crosswatch-benchmarks/target/benchmarks.jar io.crosswatch.benchmarks.WholeRunProfile 100000 5}
 */
public final class WholeRunProfile {

    private WholeRunProfile() {
    }

    /**
     * @param args size (default 100000) and number of no-op reruns (default 5)
     */
    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reruns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long t0 = System.nanoTime();
        WholeRunFixture.Templates templates = WholeRunFixture.templates(size);
        System.out.printf("fill %d items per tracker: %d ms%n", size, (System.nanoTime() - t0) / 1_000_000);
        WholeRunFixture.Files3 files = WholeRunFixture.fresh(templates);
        try (SqliteStateStore state = SqliteStateStore.open(files.state())) {
            timed("first run", files, state, size);
            for (int i = 0; i < reruns; i++) {
                timed("no-op rerun " + (i + 1), files, state, 0);
            }
        } finally {
            WholeRunFixture.delete(files.dir());
            WholeRunFixture.delete(templates.dir());
        }
    }

    private static void timed(String what, WholeRunFixture.Files3 files, SqliteStateStore state, int expected) {
        // CPU time of this thread (SQLite's native work included) is far less noisy than wall time
        // on a shared machine; the run does all its work on the calling thread.
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu = mx.getCurrentThreadCpuTime();
        // bytes this thread allocated: load-independent, unlike wall or even CPU time
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        long bytes = alloc.getCurrentThreadAllocatedBytes();
        java.time.LocalTime from = java.time.LocalTime.now();
        long t = System.nanoTime();
        SyncResult r = WholeRunFixture.run(files, state);
        long ms = (System.nanoTime() - t) / 1_000_000;
        long cpuMs = (mx.getCurrentThreadCpuTime() - cpu) / 1_000_000;
        long mb = (alloc.getCurrentThreadAllocatedBytes() - bytes) / 1_000_000;
        WholeRunFixture.check(r, expected);
        // the local clock times let a JFR recording be cut to one run
        System.out.printf("%-14s %6d ms wall %6d ms cpu %6d MB allocated  phases %s  (%s to %s)%n", what, ms, cpuMs, mb,
                r.phases(), from, java.time.LocalTime.now());
    }
}
