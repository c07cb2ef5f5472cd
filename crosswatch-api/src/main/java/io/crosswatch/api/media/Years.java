package io.crosswatch.api.media;

/**
 * Shared boxes for release years. {@code Integer.valueOf} caches only -128…127, so without this
 * every item of a million-title library would carry its own 16-byte {@code Integer} for a year
 * that a few hundred values cover.
 */
final class Years {

    private static final int FIRST = 1870;
    private static final int LAST = 2200;
    private static final Integer[] BOXES = new Integer[LAST - FIRST + 1];

    static {
        for (int y = FIRST; y <= LAST; y++) {
            BOXES[y - FIRST] = y;
        }
    }

    private Years() {
    }

    /** @return the shared box of {@code year} when it is in the valid range, else a new one */
    static Integer box(Integer year) {
        int y = year;
        return y >= FIRST && y <= LAST ? BOXES[y - FIRST] : year;
    }
}
