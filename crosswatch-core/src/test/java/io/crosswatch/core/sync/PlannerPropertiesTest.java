package io.crosswatch.core.sync;

import static io.crosswatch.core.sync.PlanFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.testing.SeededCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Planner properties over seeded random inventories. Each case names its seed; rerun one with
 * {@code -Dcrosswatch.seed=<seed>}.
 */
class PlannerPropertiesTest {

    private static final PlanOptions NO_VOLUME_GUARDS = PlanOptions.from(Map.of(PlanOptions.SUSPECT_READ, "false"));
    private static final ConnectorCapabilities EVENTS = ConnectorCapabilities.builder().keepsPlayEvents(true).build();

    /** An inventory encoded as ints: movie id * 1000 + play minute (history) or just the id (watchlist). */
    private static List<MediaItem> items(Feature feature, Set<Integer> codes) {
        List<MediaItem> l = new ArrayList<>();
        for (int c : codes) {
            MediaItem m = PlanFixtures.movie(c / 1000 + 1);
            l.add(feature == Feature.HISTORY ? m.toBuilder().watchedAt(T0.plusSeconds(120L * (c % 1000))).build() : m);
        }
        return l;
    }

    private static int code(Feature feature, MediaItem item) {
        int id = Integer.parseInt(item.ids().tmdb().orElseThrow()) - 1;
        long minutes = feature == Feature.HISTORY ? (item.watchedAt().orElseThrow().getEpochSecond() - T0.getEpochSecond()) / 120 : 0;
        return id * 1000 + (int) minutes;
    }

    /** Up to 20 codes over 13 movies with up to 4 plays each. */
    private static Set<Integer> inventory(SplittableRandom r) {
        return SeededCases.set(r, 20, () -> SeededCases.between(r, 0, 12) * 1000 + SeededCases.between(r, 0, 3));
    }

    private static Feature feature(SplittableRandom r) {
        return SeededCases.oneOf(r, Feature.WATCHLIST, Feature.HISTORY);
    }

    private static SyncMode mode(SplittableRandom r) {
        return SeededCases.oneOf(r, SyncMode.values());
    }

    static LongStream twoWaySeeds() {
        return SeededCases.seeds("planner.twoWayConverges", 150);
    }

    static LongStream replanSeeds() {
        return SeededCases.seeds("planner.replanningAfterApplyingChangesNothing", 150);
    }

    static LongStream brokenReadSeeds() {
        return SeededCases.seeds("planner.aFailedOrPartialReadNeverYieldsARemoval", 150);
    }

    static LongStream determinismSeeds() {
        return SeededCases.seeds("planner.planningIsDeterministic", 100);
    }

    /** For membership features the play part of a code means nothing: fold it away. */
    private static TreeSet<Integer> norm(Feature feature, Set<Integer> codes) {
        TreeSet<Integer> out = new TreeSet<>();
        if (codes != null) {
            codes.forEach(c -> out.add(feature == Feature.HISTORY ? c : c / 1000 * 1000));
        }
        return out;
    }

    /** Runs one plan and applies it to the two sets; returns the plan. */
    private static FeaturePlan runOnce(SyncMode mode, Feature feature, TreeSet<Integer> a, Set<Integer> baseA, TreeSet<Integer> b,
                                       Set<Integer> baseB) {
        ConnectorCapabilities caps = feature == Feature.HISTORY ? EVENTS : ConnectorCapabilities.defaults();
        SideSnapshot sa = SideSnapshot.builder("a").items(items(feature, a)).baseline(baseA == null ? null : items(feature, baseA))
                .capabilities(caps).build();
        SideSnapshot sb = SideSnapshot.builder("b").items(items(feature, b)).baseline(baseB == null ? null : items(feature, baseB))
                .capabilities(caps).build();
        FeaturePlan p = Planner.plan(PlanInput.builder(mode, T0).options(NO_VOLUME_GUARDS).force(true)
                .feature(feature, FeatureInput.of(sa, sb)).build()).feature(feature).orElseThrow();
        apply(feature, p, Side.SOURCE, a);
        apply(feature, p, Side.TARGET, b);
        return p;
    }

    private static void apply(Feature feature, FeaturePlan p, Side side, Set<Integer> set) {
        p.removes(side).forEach(c -> set.remove(code(feature, c.item())));
        p.adds(side).forEach(c -> set.add(code(feature, c.item())));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("twoWaySeeds")
    void twoWayConverges(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Integer> a = inventory(r);
        Set<Integer> b = inventory(r);
        Set<Integer> base = inventory(r);
        boolean withBaseline = r.nextBoolean();
        Feature feature = feature(r);
        TreeSet<Integer> sa = norm(feature, a);
        TreeSet<Integer> sb = norm(feature, b);
        Set<Integer> nb = withBaseline ? norm(feature, base) : null;
        runOnce(SyncMode.TWO_WAY, feature, sa, nb, sb, nb);
        assertEquals(sa, sb, () -> "seed " + seed + ": a=" + a + " b=" + b + " base=" + nb + " " + feature);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("replanSeeds")
    void replanningAfterApplyingChangesNothing(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Integer> a = inventory(r);
        Set<Integer> b = inventory(r);
        Set<Integer> base = inventory(r);
        Feature feature = feature(r);
        SyncMode mode = mode(r);
        TreeSet<Integer> sa = norm(feature, a);
        TreeSet<Integer> sb = norm(feature, b);
        runOnce(mode, feature, sa, norm(feature, base), sb, norm(feature, base));
        int runs = mode == SyncMode.ONE_WAY_MIRROR ? 2 : 1; // a mirror removes new extras one run later, by design
        for (int i = 1; i < runs; i++) {
            runOnce(mode, feature, sa, new TreeSet<>(sa), sb, new TreeSet<>(sb));
        }
        TreeSet<Integer> beforeA = new TreeSet<>(sa);
        TreeSet<Integer> beforeB = new TreeSet<>(sb);
        FeaturePlan again = runOnce(mode, feature, sa, new TreeSet<>(sa), sb, new TreeSet<>(sb));
        assertFalse(again.hasWrites(), () -> "seed " + seed + ": second plan writes: " + again);
        assertEquals(beforeA, sa, () -> "seed " + seed);
        assertEquals(beforeB, sb, () -> "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("brokenReadSeeds")
    void aFailedOrPartialReadNeverYieldsARemoval(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Integer> a = inventory(r);
        Set<Integer> b = inventory(r);
        Set<Integer> base = inventory(r);
        SyncMode mode = mode(r);
        boolean failed = r.nextBoolean();
        boolean sourceBroken = r.nextBoolean();
        Feature feature = feature(r);
        Completeness broken = failed ? Completeness.FAILED : Completeness.PARTIAL;
        SideSnapshot sa = SideSnapshot.builder("a").items(failed && sourceBroken ? List.of() : items(feature, a))
                .completeness(sourceBroken ? broken : Completeness.COMPLETE).baseline(items(feature, base)).build();
        SideSnapshot sb = SideSnapshot.builder("b").items(failed && !sourceBroken ? List.of() : items(feature, b))
                .completeness(sourceBroken ? Completeness.COMPLETE : broken).baseline(items(feature, base)).build();
        FeaturePlan p = Planner.plan(PlanInput.builder(mode, T0).force(true).feature(feature, FeatureInput.of(sa, sb)).build())
                .feature(feature).orElseThrow();
        assertTrue(p.removes().isEmpty(), () -> "seed " + seed + ": removes " + p.removes());
        assertFalse(p.advanceBaseline(sourceBroken ? Side.SOURCE : Side.TARGET), () -> "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("determinismSeeds")
    void planningIsDeterministic(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Integer> a = inventory(r);
        Set<Integer> b = inventory(r);
        SyncMode mode = mode(r);
        FeaturePlan p1 = runOnce(mode, Feature.WATCHLIST, new TreeSet<>(a), a, new TreeSet<>(b), b);
        FeaturePlan p2 = runOnce(mode, Feature.WATCHLIST, new TreeSet<>(a), a, new TreeSet<>(b), b);
        assertEquals(p1.toReport(), p2.toReport(), () -> "seed " + seed);
    }
}
