package io.crosswatch.benchmarks;

import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.sync.Plan;
import java.lang.management.ManagementFactory;

/**
 * A plain main for profiling the planner outside JMH (attach JFR with
 * {@code -XX:StartFlightRecording=filename=plan.jfr,settings=profile}): builds the
 * {@link PlannerBenchmark}'s inputs once and plans them {@code runs} times, printing wall time,
 * the process's CPU time (GC and JIT included), the collectors' time and the bytes this thread allocated per run.
 * Add {@code -XX:ActiveProcessorCount=1} to plan on one core.
 *
 * <p>{@code java -Xmx1g -cp crosswatch-benchmarks/target/benchmarks.jar io.crosswatch.benchmarks.PlannerProfile 1000000 TWO_WAY 10}
 */
public final class PlannerProfile {

    private PlannerProfile() {
    }

    /**
     * @param args size (default 1000000), mode (default TWO_WAY) and number of runs (default 10)
     */
    public static void main(String[] args) {
        PlannerBenchmark b = new PlannerBenchmark();
        b.size = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        b.mode = args.length > 1 ? SyncMode.valueOf(args[1]) : SyncMode.TWO_WAY;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        b.setUp();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("inputs: %d MB live heap after setup%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long gc = gcMillis();
            long cpu = os.getProcessCpuTime();
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long t = System.nanoTime();
            Plan plan = b.plan();
            long wall = System.nanoTime() - t;
            long cpuNs = os.getProcessCpuTime() - cpu;
            long alloc = threads.getCurrentThreadAllocatedBytes() - bytes;
            System.out.printf("run %2d: %6d ms wall %6d ms cpu %5d ms gc %6d MB allocated (this thread)  adds %d removes %d%n",
                    i + 1, wall / 1_000_000, cpuNs / 1_000_000, gcMillis() - gc, alloc >> 20,
                    plan.features().values().iterator().next().adds().size(),
                    plan.features().values().iterator().next().removes().size());
        }
    }

    /** @return the collectors' accumulated pause time, to tell the planner's own time from theirs */
    private static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
