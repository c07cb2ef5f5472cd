package io.crosswatch.api.media;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The immutable map behind {@link MediaIds#values()}: namespaces and ids side by side in one
 * array, sorted by namespace.
 *
 * <p>Why not a {@code TreeMap}: a sync run holds millions of items, each with two or three ids.
 * A tree costs a map, a wrapper and one entry object per id (about 190 bytes for three ids) and
 * every read of the ids chases those pointers across the heap; here three ids cost one 40-byte
 * array. An item has a handful of ids, so a linear scan finds one faster than a tree or hash
 * lookup would. Every mutator, of the map and of its views, throws
 * {@link UnsupportedOperationException}, as {@code Collections.unmodifiableMap}'s did.
 */
final class IdMap extends AbstractMap<String, String> {

    static final IdMap EMPTY = new IdMap(new String[0]);

    /** {@code namespace0, id0, namespace1, id1, …}, namespaces sorted and distinct. */
    private final String[] slots;

    private IdMap(String[] slots) {
        this.slots = slots;
    }

    /**
     * @param slots namespace/id pairs, sorted by namespace, without duplicates; owned from now on
     * @param used  how many array entries are pairs (twice the number of ids)
     * @return the map
     */
    static IdMap of(String[] slots, int used) {
        if (used == 0) {
            return EMPTY;
        }
        return new IdMap(used == slots.length ? slots : Arrays.copyOf(slots, used));
    }

    @Override
    public int size() {
        return slots.length >> 1;
    }

    @Override
    public boolean isEmpty() {
        return slots.length == 0;
    }

    @Override
    public String get(Object namespace) {
        String[] s = slots;
        for (int i = 0; i < s.length; i += 2) {
            if (s[i].equals(namespace)) {
                return s[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object namespace) {
        return get(namespace) != null;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        String[] s = slots;
        for (int i = 0; i < s.length; i += 2) {
            action.accept(s[i], s[i + 1]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdMap other ? Arrays.equals(slots, other.slots) : super.equals(o);
    }

    @Override
    public int hashCode() {
        // the Map contract's sum of key ^ value hashes, without an entry object per id
        int h = 0;
        for (int i = 0; i < slots.length; i += 2) {
            h += slots[i].hashCode() ^ slots[i + 1].hashCode();
        }
        return h;
    }

    // Every mutator throws, even when it would change nothing, as Collections.unmodifiableMap's do.

    @Override
    public String put(String key, String value) {
        throw immutable();
    }

    @Override
    public String remove(Object key) {
        throw immutable();
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> m) {
        throw immutable();
    }

    @Override
    public void clear() {
        throw immutable();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super String, ? extends String> function) {
        throw immutable();
    }

    @Override
    public String putIfAbsent(String key, String value) {
        throw immutable();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw immutable();
    }

    @Override
    public boolean replace(String key, String oldValue, String newValue) {
        throw immutable();
    }

    @Override
    public String replace(String key, String value) {
        throw immutable();
    }

    @Override
    public String computeIfAbsent(String key, Function<? super String, ? extends String> mappingFunction) {
        throw immutable();
    }

    @Override
    public String computeIfPresent(String key, BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
        throw immutable();
    }

    @Override
    public String compute(String key, BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
        throw immutable();
    }

    @Override
    public String merge(String key, String value, BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
        throw immutable();
    }

    private static UnsupportedOperationException immutable() {
        return new UnsupportedOperationException("ids are immutable; use MediaIds.with or merge");
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(super.keySet());
    }

    @Override
    public Collection<String> values() {
        return Collections.unmodifiableCollection(super.values());
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return Collections.unmodifiableSet(entries());
    }

    private Set<Entry<String, String>> entries() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < slots.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= slots.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> e = new SimpleImmutableEntry<>(slots[next], slots[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return slots.length >> 1;
            }
        };
    }
}
