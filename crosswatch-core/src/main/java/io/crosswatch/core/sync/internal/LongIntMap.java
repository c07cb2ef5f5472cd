package io.crosswatch.core.sync.internal;

/**
 * An open-addressing hash map from {@code long} keys to {@code int} values, without boxing, for
 * the identity graph and the planner's entry indexes (millions of entries per run). The key
 * {@code 0} is reserved as the empty marker; callers never produce it.
 */
public final class LongIntMap {

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;
    private int resizeAt;

    /** @param expected how many entries to size for */
    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        keys = new long[cap];
        values = new int[cap];
        mask = cap - 1;
        resizeAt = (int) (cap * 0.6);
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29));
    }

    /**
     * @param key     a non-zero key
     * @param missing returned when the key is absent
     * @return the value or {@code missing}
     */
    public int get(long key, int missing) {
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
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
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == 0) {
                keys[i] = key;
                values[i] = value;
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
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key || k == 0) {
                values[i] = value;
                if (k == 0) {
                    keys[i] = key;
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
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
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
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                visitor.visit(keys[i], values[i]);
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
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "LongIntMap[size=" + size + ", capacity=" + keys.length + "]";
    }
}
