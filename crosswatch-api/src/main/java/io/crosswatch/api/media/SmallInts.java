package io.crosswatch.api.media;

import java.util.Optional;

/**
 * Shared boxes for the small numbers items carry: years, season and episode numbers, ratings.
 *
 * <p>{@code Integer.valueOf} caches only -128…127, so every item of a million-title library
 * would carry its own 16-byte {@code Integer} for a year. And {@code Optional.ofNullable}
 * allocates on each call of an accessor such as {@link MediaItem#season()}: the JIT cannot
 * remove that allocation because the result may also be the shared empty {@code Optional}, and
 * the sync engine asks millions of times per run.
 */
final class SmallInts {

    private static final int LAST = 2200;
    private static final Integer[] BOXES = new Integer[LAST + 1];
    private static final Optional<Integer>[] OPTIONALS = newOptionals();

    private SmallInts() {
    }

    @SuppressWarnings("unchecked")
    private static Optional<Integer>[] newOptionals() {
        Optional<Integer>[] out = new Optional[LAST + 1];
        for (int i = 0; i <= LAST; i++) {
            BOXES[i] = i;
            out[i] = Optional.of(BOXES[i]);
        }
        return out;
    }

    /** @return the shared box of {@code value} when it is in 0…2200, else {@code value} itself */
    static Integer box(Integer value) {
        if (value == null) {
            return null;
        }
        int v = value;
        return v >= 0 && v <= LAST ? BOXES[v] : value;
    }

    /** @return {@code value} as an {@code Optional}, shared for values in 0…2200 */
    static Optional<Integer> optional(Integer value) {
        if (value == null) {
            return Optional.empty();
        }
        int v = value;
        return v >= 0 && v <= LAST ? OPTIONALS[v] : Optional.of(value);
    }
}
