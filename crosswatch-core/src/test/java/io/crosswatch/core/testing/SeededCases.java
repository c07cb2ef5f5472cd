package io.crosswatch.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.stream.LongStream;

/**
 * Seeds and small generators for property tests written as plain JUnit parameterized tests.
 *
 * <p>A test lists its seeds with {@code @ParameterizedTest(name = "seed {0}") @MethodSource} over
 * {@link #seeds(String, int)}, builds {@code new SplittableRandom(seed)} and draws its inputs from
 * it. A failure names its seed; rerun exactly that case with {@code -Dcrosswatch.seed=<seed>}.
 * The seed list is derived from the property's name, so properties do not share inputs and the
 * list never changes between runs.
 */
public final class SeededCases {

    /** System property that replaces every seed list with this one seed. */
    public static final String SEED_PROPERTY = "crosswatch.seed";

    private SeededCases() {
    }

    /**
     * @param property a stable name of the property (its seeds derive from it)
     * @param count how many cases to run
     * @return the seeds, or only {@code -Dcrosswatch.seed} when that is set
     */
    public static LongStream seeds(String property, int count) {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            return LongStream.of(Long.parseLong(fixed.trim()));
        }
        SplittableRandom root = new SplittableRandom(property.hashCode() * 0x9E3779B97F4A7C15L);
        return LongStream.generate(root::nextLong).limit(count);
    }

    /**
     * A set of up to {@code maxSize} ints each drawn by {@code element}. One draw in eight is empty
     * and one in eight is as large as possible, so the empty and the full edge cases always come up.
     */
    public static Set<Integer> set(SplittableRandom r, int maxSize, IntSupplier element) {
        int pick = r.nextInt(8);
        int size = pick == 0 ? 0 : pick == 1 ? maxSize : r.nextInt(maxSize + 1);
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            out.add(element.getAsInt());
        }
        return out;
    }

    /** @return an int in {@code [min, max]} */
    public static int between(SplittableRandom r, int min, int max) {
        return r.nextInt(min, max + 1);
    }

    /** @return one of the values, uniformly */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /** @return a list of {@code size} booleans */
    public static List<Boolean> booleans(SplittableRandom r, int size) {
        List<Boolean> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(r.nextBoolean());
        }
        return out;
    }
}
