package io.crosswatch.core.sync.internal;

import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.core.sync.Ids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * One run's identity graph: a union-find over id tokens. Every item added is linked to all of
 * its tokens, so items sharing any token (a Plex item with only an imdb id and a Trakt item with
 * tmdb and imdb) end in the same cluster. Built once per run in O(n) (amortised near-constant
 * union/find with path halving) and then shared by every feature and by the deletion detector.
 */
public final class IdentityGraph {

    private final LongIntMap packedNodes;
    private final Map<String, Integer> stringNodes = new HashMap<>();
    private final Tokens buffer = new Tokens();
    private int[] parent;
    private int nodes;
    private int[] itemNode;
    private boolean[] itemWeak;
    private int items;
    private boolean frozen;
    private int clusters;
    private final Map<Integer, String> ambiguity = new HashMap<>();
    private final Map<Integer, String> ambiguousClusters = new HashMap<>();

    /** @param expectedItems a sizing hint */
    public IdentityGraph(int expectedItems) {
        int n = Math.max(16, expectedItems);
        // A run's lists mostly name the same titles (each side now and at its baseline), so there are
        // far fewer distinct tokens than items times ids; a table sized for every item would only
        // spread the probes over more memory. The map and the parent array grow when needed.
        packedNodes = new LongIntMap(n / 2);
        parent = new int[n];
        itemNode = new int[n];
        itemWeak = new boolean[n];
    }

    /**
     * Adds an item and links its tokens.
     *
     * @param item the item
     * @return its index, for {@link #cluster(int)}
     */
    public int add(MediaItem item) {
        requireOpen();
        Tokens t = buffer.of(item);
        int first = -1;
        long[] packed = t.packed();
        for (int i = 0; i < t.packedCount(); i++) {
            int node = packedNodes.putIfAbsent(packed[i], nodes);
            if (node == nodes) {
                newNode();
            }
            first = first < 0 ? node : union(first, node);
        }
        List<String> strings = t.strings();
        for (int i = 0; i < strings.size(); i++) {
            Integer existing = stringNodes.putIfAbsent(strings.get(i), nodes);
            int node = existing == null ? nodes : existing;
            if (existing == null) {
                newNode();
            }
            first = first < 0 ? node : union(first, node);
        }
        return record(first, t.weak());
    }

    private long[] packedScratch;
    /** The node each packed token already had when its block was prefetched, or -1. */
    private int[] nodeScratch;
    private byte[] countScratch;

    /**
     * Sizes the token buffers of {@link #addAll} for the longest list to come, so they are
     * allocated once per run instead of each time a list is longer than the ones before it.
     *
     * @param longestList the length of the longest list that will be added
     */
    public void reserveForLists(int longestList) {
        if (longestList >= PARALLEL_THRESHOLD) {
            ensureScratch(Math.min(longestList, SEGMENT));
        }
    }

    /** Makes the token buffers hold at least {@code items} items' tokens; they only ever grow. */
    private void ensureScratch(int items) {
        if (countScratch == null || countScratch.length < items) {
            packedScratch = new long[items * INLINE];
            nodeScratch = new int[items * INLINE];
            countScratch = new byte[items];
        }
    }

    /** Lists at least this long have their tokens computed in parallel before linking. */
    static final int PARALLEL_THRESHOLD = 20_000;
    private static final int INLINE = 4;
    private static final int CHUNK = 4096;
    /** Items tokenized ahead of linking at a time: 16 chunks, enough to keep every core busy. */
    static final int SEGMENT = 16 * CHUNK;

    /**
     * Adds items in order. For long lists the tokens are computed in parallel first (pure work per
     * item); linking them into the graph stays sequential, so the result equals adding one by one.
     *
     * @param list items to add
     * @return the index of the first one
     */
    public int addAll(List<MediaItem> list) {
        return addAll(list, null);
    }

    /**
     * Adds a list whose items mostly repeat, in the same order, a list added before: a side's
     * previous baseline next to its current read. Connectors return an inventory in a stable order
     * and an unchanged inventory is passed as the very same list, so most baseline items equal the
     * next current item in identity. Such an item joins that item's cluster without its tokens
     * being derived or looked up, which at a million items per side saves half the hash lookups
     * of a run. Equal identity (type, ids, show ids, numbers) means equal tokens, so the clusters
     * are exactly those {@link #addAll(List)} gives; the other items are added by it.
     *
     * @param list       items to add, such as a baseline
     * @param along      the list they mostly repeat, added earlier
     * @param alongStart the index {@link #addAll(List)} returned for {@code along}
     * @return the index of the first item of {@code list}
     */
    public int addAllAlong(List<MediaItem> list, List<MediaItem> along, int alongStart) {
        return addAll(list, new Walk(along, alongStart));
    }

    private int addAll(List<MediaItem> list, Walk walk) {
        int start = this.items;
        int n = list.size();
        if (n < PARALLEL_THRESHOLD) {
            for (MediaItem item : list) {
                int same = walk == null ? -1 : walk.next(item);
                if (same >= 0) {
                    addSame(same);
                } else {
                    add(item);
                }
            }
            return start;
        }
        // one pair of token buffers serves every list of the run (a run adds four or more lists); a
        // long list is tokenized and linked one segment at a time, so they stay a few MB, not 33 MB
        int want = Math.min(n, SEGMENT);
        ensureScratch(want);
        if (walk != null && (sameScratch == null || sameScratch.length < want)) {
            sameScratch = new int[want];
        }
        long[] packed = packedScratch;
        byte[] count = countScratch;
        int[] same = sameScratch;
        for (int segment = 0; segment < n; segment += SEGMENT) {
            int base = segment;
            int len = Math.min(SEGMENT, n - segment);
            if (walk != null) {
                // sequential: each match moves the walk on
                for (int i = 0; i < len; i++) {
                    same[i] = walk.next(list.get(base + i));
                }
            }
            java.util.stream.IntStream.range(0, (len + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
                Tokens t = new Tokens();
                int to = Math.min(len, (c + 1) * CHUNK);
                for (int i = c * CHUNK; i < to; i++) {
                    if (walk != null && same[i] >= 0) {
                        count[i] = 0; // joins the cluster of an equal item: no tokens needed
                        continue;
                    }
                    t.of(list.get(base + i));
                    if (!t.strings().isEmpty() || t.packedCount() > INLINE || t.packedCount() == 0) {
                        count[i] = -1; // strings, weak keys or many ids: the sequential path handles it
                        continue;
                    }
                    System.arraycopy(t.packed(), 0, packed, i * INLINE, t.packedCount());
                    count[i] = (byte) t.packedCount();
                }
            });
            for (int from = 0; from < len; from += BLOCK) {
                int to = Math.min(len, from + BLOCK);
                prefetch(packed, count, from, to);
                for (int i = from; i < to; i++) {
                    if (count[i] < 0) {
                        add(list.get(base + i));
                    } else if (count[i] == 0) {
                        addSame(same[i]);
                    } else {
                        addPacked(packed, i * INLINE, count[i]);
                    }
                }
            }
        }
        return start;
    }

    /** Which earlier item each item of the current segment repeats, or -1; see {@link Walk}. */
    private int[] sameScratch;

    /** Adds an item whose identity equals that of the item at {@code other}: it joins the same cluster. */
    private void addSame(int other) {
        requireOpen();
        record(itemNode[other], false);
    }

    /** How many items joined an equal item's cluster through {@link #addAllAlong}, for tests. */
    int joinedAlong() {
        return joinedAlong;
    }

    private int joinedAlong;

    /**
     * A cursor over the list another list mostly repeats. Each item is compared with the next few
     * unmatched items there (a few, to step over items added since); a match moves the cursor past
     * it. Every few misses in a row the search looks further ahead once, so a run of new items (a
     * newest-first watchlist with a dozen additions at its head) is stepped over too. After a long
     * run of misses the lists are taken to be in different orders and the walk stops comparing, so
     * it costs little when it cannot help.
     */
    private final class Walk {
        private static final int LOOKAHEAD = 4;
        private static final int WIDE = 128;
        private static final int GIVE_UP = 64;
        private final List<MediaItem> along;
        private final int alongStart;
        private int cursor;
        private int misses;

        Walk(List<MediaItem> along, int alongStart) {
            this.along = along;
            this.alongStart = alongStart;
        }

        /** @return the graph index of the item {@code item} repeats, or -1 */
        int next(MediaItem item) {
            if (misses >= GIVE_UP) {
                return -1;
            }
            int hit = find(item, LOOKAHEAD);
            if (hit < 0 && ++misses % LOOKAHEAD == 0) {
                hit = find(item, WIDE);
            }
            if (hit < 0) {
                return -1;
            }
            cursor = hit + 1;
            misses = 0;
            if (itemWeak[alongStart + hit]) {
                // an id-less item repeats an id-less one: its title match is decided by matchWeak,
                // but the walk moves past it instead of sticking there
                return -1;
            }
            joinedAlong++;
            return alongStart + hit;
        }

        private int find(MediaItem item, int span) {
            int end = Math.min(along.size(), cursor + span);
            for (int j = cursor; j < end; j++) {
                MediaItem other = along.get(j);
                if (other == item || sameIdentity(other, item)) {
                    return j;
                }
            }
            return -1;
        }
    }

    /** Whether two items have the same tokens: everything {@link Tokens#of} reads but the title and year of weak items. */
    private static boolean sameIdentity(MediaItem a, MediaItem b) {
        if (a.type() != b.type() || !a.ids().equals(b.ids())) {
            return false;
        }
        return a.type() == MediaType.MOVIE || a.type() == MediaType.SHOW // their tokens ignore show ids and numbers
                || a.showIds().equals(b.showIds()) && a.season().equals(b.season()) && a.episode().equals(b.episode());
    }

    /**
     * Touches the hash slots, then the union-find parents, of a block of items' tokens before they
     * are linked. At a million items the table and the parents are far larger than the caches and
     * each token costs one or two cache misses; loads that do not depend on each other overlap, so
     * the linking loop that follows (whose steps do depend on each other) finds its data cached.
     * Changes nothing: the result only keeps the JIT from dropping the loads.
     */
    private void prefetch(long[] packed, byte[] count, int from, int to) {
        long sink = 0;
        for (int i = from; i < to; i++) {
            if (count[i] > 0) {
                sink += packedNodes.touch(packed, i * INLINE, i * INLINE + count[i]);
            }
        }
        int[] p = parent;
        int[] known = nodeScratch;
        for (int i = from; i < to; i++) {
            for (int j = i * INLINE; j < i * INLINE + Math.max(0, count[i]); j++) {
                int node = packedNodes.get(packed[j], -1);
                known[j] = node; // a token's node never changes, so linking need not look it up again
                if (node >= 0) {
                    sink += p[node];
                }
            }
        }
        prefetchSink += sink;
    }

    /** Items per prefetched block: enough independent loads to overlap, few enough to stay cached. */
    private static final int BLOCK = 64;
    /** Where {@link #prefetch} leaves its result, so the loads are not dead code. */
    private long prefetchSink;

    private void addPacked(long[] packed, int from, int count) {
        requireOpen();
        int first = -1;
        int[] known = nodeScratch;
        for (int i = from; i < from + count; i++) {
            int node = known[i];
            if (node < 0) { // new when prefetched, though an earlier item of the block may have added it since
                node = packedNodes.putIfAbsent(packed[i], nodes);
                if (node == nodes) {
                    newNode();
                }
            }
            first = first < 0 ? node : union(first, node);
        }
        record(first, false);
    }

    /** Records the next item: its first token's node and whether it has only the weak title token. */
    private int record(int node, boolean weak) {
        if (items == itemNode.length) {
            itemNode = Arrays.copyOf(itemNode, items * 2);
            itemWeak = Arrays.copyOf(itemWeak, items * 2);
        }
        itemNode[items] = node;
        itemWeak[items] = weak;
        return items++;
    }

    private void requireOpen() {
        if (frozen) {
            throw new IllegalStateException("the identity graph is frozen");
        }
    }

    private void newNode() {
        if (nodes == parent.length) {
            parent = Arrays.copyOf(parent, nodes * 2);
        }
        parent[nodes] = nodes;
        nodes++;
    }

    private int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private int union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            // the smaller index wins so roots are deterministic for a given insertion order
            if (rb < ra) {
                parent[ra] = rb;
                return rb;
            }
            parent[rb] = ra;
        }
        return ra;
    }

    /**
     * Links each item without any id (a Letterboxd row) to the one cluster of items with ids that
     * has the same type, normalized title ({@link io.crosswatch.core.sync.Ids#weakTitleKey}) and
     * year (± {@code yearTolerance}). When several clusters with ids fit, nothing is linked: the
     * id-less item and every candidate are recorded as ambiguous ({@link #ambiguity(int)}), so the
     * planner writes none of them. Movies and shows only; an item without a year or title never
     * matches. O(n): the items with ids are indexed once by weak key in a hash map, and the
     * pass is skipped entirely when no item is weak. Call after every add, before {@link #freeze()}.
     *
     * @param itemAt        the item at an index returned by {@link #add}
     * @param yearTolerance 0 (same year) or 1
     */
    public void matchWeak(IntFunction<MediaItem> itemAt, int yearTolerance) {
        requireOpen();
        List<Integer> weakItems = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            if (itemWeak[i] && matchable(itemAt.apply(i))) {
                weakItems.add(i);
            }
        }
        if (weakItems.isEmpty()) {
            return;
        }
        // weak key -> the clusters with ids under it (as roots before any weak link is made; weak
        // links never join two clusters with ids, so these stay distinct)
        // sets, not lists: many items with ids can share a title and year, and checking a list for
        // each one made this pass quadratic
        Map<String, Set<Integer>> strong = new HashMap<>();
        Map<Integer, String> strongKeys = new HashMap<>();
        for (int i = 0; i < items; i++) {
            if (itemWeak[i]) {
                continue;
            }
            MediaItem item = itemAt.apply(i);
            if (!matchable(item)) {
                continue;
            }
            String key = weakMatchKey(item, item.year().orElseThrow());
            strong.computeIfAbsent(key, k -> new LinkedHashSet<>(2)).add(find(itemNode[i]));
            strongKeys.put(i, key);
        }
        Map<String, String> ambiguousKeys = new HashMap<>();
        Map<Integer, String> ambiguousWeak = new HashMap<>();
        for (int i : weakItems) {
            MediaItem item = itemAt.apply(i);
            int year = item.year().orElseThrow();
            // the roots recorded per key name distinct clusters and stay distinct (see above), so
            // the candidates are their union, counted without a find per root: a title shared by
            // thousands of items with ids costs one set per id-less copy, not a walk over them all
            Set<Integer> candidates = Set.of();
            List<String> keys = new ArrayList<>(1 + 2 * yearTolerance);
            for (int y = year - yearTolerance; y <= year + yearTolerance; y++) {
                String key = weakMatchKey(item, y);
                Set<Integer> roots = strong.get(key);
                if (roots != null) {
                    keys.add(key);
                    if (candidates.isEmpty()) {
                        candidates = roots;
                    } else {
                        candidates = new LinkedHashSet<>(candidates);
                        candidates.addAll(roots);
                    }
                }
            }
            if (candidates.size() == 1) {
                union(itemNode[i], candidates.iterator().next());
            } else if (candidates.size() > 1) {
                String reason = "ambiguous title match: " + candidates.size() + " different items with ids are titled '"
                        + item.title().orElse("") + "' (" + year + (yearTolerance > 0 ? " ± " + yearTolerance : "")
                        + ") and this copy has no id; add an id to match it";
                ambiguousWeak.put(i, reason);
                for (String k : keys) {
                    ambiguousKeys.putIfAbsent(k, reason);
                }
            }
        }
        ambiguity.putAll(ambiguousWeak);
        if (!ambiguousKeys.isEmpty()) {
            strongKeys.forEach((i, key) -> {
                String reason = ambiguousKeys.get(key);
                if (reason != null) {
                    ambiguity.put(i, reason);
                }
            });
        }
    }

    /**
     * @param itemIndex an index returned by {@link #add}
     * @return why the item's weak title match is ambiguous, or {@code null} when it is not
     */
    public String ambiguity(int itemIndex) {
        if (ambiguity.isEmpty()) {
            return null;
        }
        String own = ambiguity.get(itemIndex);
        return own != null ? own : frozen ? ambiguousClusters.get(itemNode[itemIndex]) : null;
    }

    private static boolean matchable(MediaItem item) {
        return (item.type() == MediaType.MOVIE || item.type() == MediaType.SHOW) && item.year().isPresent()
                && !Ids.weakTitleKey(item.title().orElse("")).isEmpty();
    }

    private static String weakMatchKey(MediaItem item, int year) {
        return item.type().key() + '|' + Ids.weakTitleKey(item.title().orElse("")) + '|' + year;
    }

    /**
     * Resolves every item to its cluster, numbered 0, 1, … in the order of each cluster's first
     * item; no items may be added afterwards. Dense numbers let callers index clusters with arrays
     * of {@link #clusterCount()} entries instead of one per token (a million titles have 2.5
     * million tokens).
     */
    public void freeze() {
        int[] number = new int[nodes]; // root -> its cluster number + 1
        int next = 0;
        for (int i = 0; i < items; i++) {
            int root = find(itemNode[i]);
            if (number[root] == 0) {
                number[root] = ++next;
            }
            itemNode[i] = number[root] - 1;
        }
        clusters = next;
        // an ambiguous item taints its whole cluster: every copy of it is held back, not only the one read
        ambiguity.forEach((i, reason) -> ambiguousClusters.putIfAbsent(itemNode[i], reason));
        frozen = true;
    }

    /**
     * @param itemIndex an index returned by {@link #add}
     * @return the item's cluster; equal for items that share any token (before {@link #freeze()}
     *         a token node, after it the dense cluster number)
     */
    public int cluster(int itemIndex) {
        if (!frozen) {
            return find(itemNode[itemIndex]);
        }
        return itemNode[itemIndex];
    }

    /** @return whether the item matched only by its weak title+year token */
    public boolean weak(int itemIndex) {
        return itemWeak[itemIndex];
    }

    /** @return how many items were added */
    public int size() {
        return items;
    }

    /** @return how many clusters the items fall in; valid after {@link #freeze()} */
    public int clusterCount() {
        return clusters;
    }

    /** @return the number of distinct tokens */
    public int tokenCount() {
        return nodes;
    }
}
