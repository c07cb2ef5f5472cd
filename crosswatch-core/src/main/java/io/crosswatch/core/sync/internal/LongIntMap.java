package io.crosswatch.core.sync.internal;

/**
 * An open-addressing hash map from {@code long} keys to {@code int} values, without boxing, for
 * the identity graph and the planner's entry indexes (millions of entries per run). The key
 * {@code 0} is reserved as the empty marker; callers never produce it.
 *
 * <p>Keys and values share one array ({@code key, value, key, value, …}), so a probe touches one
 * cache line instead of two: at a million items per side the table is far larger than the CPU
 * caches and the planner's time is mostly spent waiting for these misses.
 */
public final class LongIntMap {

    /** Interleaved slots: {@code table[2i]} is a key (0 = empty), {@code table[2i + 1]} its value. */
    private long[] table;
    private int size;
    private int mask;
    private int resizeAt;

    /** @param expected how many entries to size for */
    public LongIntMap(int expected) {
        // at most ~2/3 full once `expected` entries are in: linear probing stays short
        long want = Math.max(4, expected + (expected >> 1));
        int cap = Integer.highestOneBit((int) Math.min(1 << 29, want) - 1) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        table = new long[cap * 2];
        mask = cap - 1;
        resizeAt = (int) (cap * 0.7);
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29));
    }

    /**
     * Reads the home slots of {@code keys[from..to)} without changing anything. The loads are
     * independent of each other, so the CPU overlaps their cache misses; the lookups that follow
     * then hit the cache. A pure speed hint: the result only keeps the loads from being removed.
     *
     * @param keys keys that will be looked up next
     * @param from first index
     * @param to   end index (exclusive)
     * @return a value of no meaning
     */
    public long touch(long[] keys, int from, int to) {
        long[] t = table;
        int m = mask;
        long sink = 0;
        for (int i = from; i < to; i++) {
            sink += t[(mix(keys[i]) & m) << 1];
        }
        return sink;
    }

    /**
     * @param key     a non-zero key
     * @param missing returned when the key is absent
     * @return the value or {@code missing}
     */
    public int get(long key, int missing) {
        long[] t = table;
        int i = mix(key) & mask;
        while (true) {
            long k = t[i << 1];
            if (k == key) {
                return (int) t[(i << 1) + 1];
            }
            if (k == 0) {
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Puts the value unless the key is present.
     *
     * @param key   a non-zero key
     * @param value the value to store when absent
     * @return the value now stored under the key (the existing one if it was present)
     */
    public int putIfAbsent(long key, int value) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        long[] t = table;
        int i = mix(key) & mask;
        while (true) {
            long k = t[i << 1];
            if (k == key) {
                return (int) t[(i << 1) + 1];
            }
            if (k == 0) {
                t[i << 1] = key;
                t[(i << 1) + 1] = value;
                if (++size > resizeAt) {
                    grow();
                }
                return value;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Sets the value.
     *
     * @param key   a non-zero key
     * @param value the value
     */
    public void put(long key, int value) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        long[] t = table;
        int i = mix(key) & mask;
        while (true) {
            long k = t[i << 1];
            if (k == key || k == 0) {
                t[(i << 1) + 1] = value;
                if (k == 0) {
                    t[i << 1] = key;
                    if (++size > resizeAt) {
                        grow();
                    }
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** @return whether the key is present */
    public boolean containsKey(long key) {
        long[] t = table;
        int i = mix(key) & mask;
        while (true) {
            long k = t[i << 1];
            if (k == key) {
                return true;
            }
            if (k == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** @return the number of entries */
    public int size() {
        return size;
    }

    /** Calls {@code visitor} for every entry, in no particular order. */
    public void forEach(Visitor visitor) {
        long[] t = table;
        for (int i = 0; i < t.length; i += 2) {
            if (t[i] != 0) {
                visitor.visit(t[i], (int) t[i + 1]);
            }
        }
    }

    /** Receives entries. */
    @FunctionalInterface
    public interface Visitor {
        /** @param key the key @param value the value */
        void visit(long key, int value);
    }

    private void grow() {
        long[] old = table;
        allocate((mask + 1) * 2);
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                put(old[i], (int) old[i + 1]);
            }
        }
    }

    @Override
    public String toString() {
        return "LongIntMap[size=" + size + ", capacity=" + (mask + 1) + "]";
    }
}
