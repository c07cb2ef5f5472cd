package io.crosswatch.core.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.core.sync.Ids;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityGraphTest {

    static MediaItem m(String... ids) {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of(ids)).title("T").year(2000).build();
    }

    static MediaItem s(String... ids) {
        return MediaItem.builder(MediaType.SHOW).ids(MediaIds.of(ids)).title("T").build();
    }

    static MediaItem e(MediaIds show, int season, int ep, String... own) {
        return MediaItem.builder(MediaType.EPISODE).showIds(show).ids(MediaIds.of(own)).showTitle("Dark").season(season).episode(ep).build();
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
            Arguments.of("imdb-only matches tmdb+imdb", m("imdb", "tt0133093"), m("tmdb", "603", "imdb", "tt133093"), true),
            Arguments.of("tmdb movie is not tmdb show", m("tmdb", "603"), s("tmdb", "603"), false),
            Arguments.of("different tmdb", m("tmdb", "1"), m("tmdb", "2"), false),
            Arguments.of("trakt only", m("trakt", "481"), m("trakt", "481", "slug", "the-matrix"), true),
            Arguments.of("episode via different show ids",
                    e(MediaIds.of("tvdb", "81189"), 1, 3), e(MediaIds.of("tvdb", "81189", "tmdb", "1396"), 1, 3), true),
            Arguments.of("episode number differs", e(MediaIds.of("tvdb", "1"), 1, 3), e(MediaIds.of("tvdb", "1"), 1, 4), false),
            Arguments.of("episode vs its show", e(MediaIds.of("tvdb", "1"), 1, 3, "tvdb", "1"), s("tvdb", "1"), false),
            Arguments.of("episode own id across shows", e(MediaIds.of("tvdb", "1"), 1, 3, "imdb", "tt9"),
                    e(MediaIds.of("tmdb", "7"), 1, 3, "imdb", "tt9"), true),
            Arguments.of("weak title+year", m(), m(), true),
            Arguments.of("weak never matches an id", m(), m("tmdb", "5"), false),
            Arguments.of("plex guid", m("plexguid", "plex://movie/a"), m("plexguid", "plex://movie/a", "imdb", "tt5"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void matching(String name, MediaItem a, MediaItem b, boolean same) {
        IdentityGraph g = new IdentityGraph(2);
        int ia = g.add(a);
        int ib = g.add(b);
        g.freeze();
        if (same) {
            assertEquals(g.cluster(ia), g.cluster(ib));
        } else {
            assertNotEquals(g.cluster(ia), g.cluster(ib));
        }
    }

    @org.junit.jupiter.api.Test
    void matchingIsTransitiveThroughAThirdItem() {
        // a bridge item carrying both sides' ids joins clusters that shared nothing directly
        IdentityGraph g = new IdentityGraph(3);
        int x = g.add(m("imdb", "tt1"));
        int y = g.add(m("tmdb", "2"));
        int bridge = g.add(m("imdb", "tt1", "tmdb", "2"));
        g.freeze();
        assertEquals(g.cluster(x), g.cluster(y));
        assertEquals(g.cluster(x), g.cluster(bridge));
    }

    @org.junit.jupiter.api.Test
    void parallelBulkAddLinksExactlyLikeOneByOne() {
        java.util.List<MediaItem> list = new java.util.ArrayList<>();
        for (int i = 0; i < IdentityGraph.PARALLEL_THRESHOLD + 5000; i++) {
            switch (i % 4) {
                case 0 -> list.add(m("imdb", "tt" + (i / 2 + 1)));
                case 1 -> list.add(m("tmdb", String.valueOf(i / 3 + 1), "imdb", "tt" + (i / 2 + 1)));
                case 2 -> list.add(e(MediaIds.of("tvdb", String.valueOf(i / 40 + 1)), 1, i % 10));
                default -> list.add(MediaItem.builder(MediaType.MOVIE).title("Untitled " + (i % 50)).build());
            }
        }
        // several lists, the later ones shorter (they reuse the first one's token buffers) and
        // sharing its ids; a graph sized far too small, so the table and parents grow mid-run
        java.util.List<MediaItem> later = list.subList(7, list.size() - 3000);
        java.util.List<MediaItem> all = new java.util.ArrayList<>(list);
        all.addAll(later);
        IdentityGraph bulk = new IdentityGraph(16);
        bulk.addAll(list);
        bulk.addAll(later);
        bulk.freeze();
        IdentityGraph single = new IdentityGraph(all.size());
        all.forEach(single::add);
        single.freeze();
        IdentityGraph reserved = new IdentityGraph(16);
        reserved.reserveForLists(list.size());
        reserved.addAll(list);
        reserved.addAll(later);
        reserved.freeze();
        list = all;
        for (int i = 0; i < list.size(); i++) {
            assertEquals(single.cluster(i), bulk.cluster(i), "item " + i);
            assertEquals(single.cluster(i), reserved.cluster(i), "item " + i + " (reserved buffers)");
            assertEquals(single.weak(i), bulk.weak(i));
        }
    }

    @org.junit.jupiter.api.Test
    void listsLongerThanOneSegmentLinkExactlyLikeOneByOne() {
        // tokens are computed one segment at a time; ids shared across segment borders must still join
        java.util.List<MediaItem> list = new java.util.ArrayList<>();
        int n = 2 * IdentityGraph.SEGMENT + 777;
        for (int i = 0; i < n; i++) {
            int title = i % (IdentityGraph.SEGMENT + 13);
            switch (i % 3) {
                case 0 -> list.add(m("imdb", "tt" + (title + 1)));
                case 1 -> list.add(m("tmdb", String.valueOf(title + 1), "imdb", "tt" + (title + 2)));
                default -> list.add(e(MediaIds.of("tvdb", String.valueOf(title / 40 + 1)), 1, title % 10));
            }
        }
        IdentityGraph bulk = new IdentityGraph(16);
        bulk.reserveForLists(n);
        bulk.addAll(list);
        bulk.freeze();
        IdentityGraph single = new IdentityGraph(n);
        list.forEach(single::add);
        single.freeze();
        assertEquals(single.tokenCount(), bulk.tokenCount());
        for (int i = 0; i < n; i++) {
            assertEquals(single.cluster(i), bulk.cluster(i), "item " + i);
        }
    }

    /**
     * A baseline added along its side's current list gives exactly the clusters of adding it like
     * any other list, whatever the two lists share: the same list, the same items in the same
     * order with some deleted or added, new copies with changed ids, another order, id-less items.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("alongSeeds")
    void aBaselineAddedAlongItsSideClustersExactlyLikeAnyList(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int n = r.nextInt(8) == 0 ? IdentityGraph.PARALLEL_THRESHOLD + r.nextInt(3000) : 1 + r.nextInt(300);
        java.util.List<MediaItem> current = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            current.add(randomItem(r, i));
        }
        int shape = r.nextInt(4);
        java.util.List<MediaItem> baseline;
        switch (shape) {
            case 0 -> baseline = current; // unchanged inventory: the very same list
            case 1 -> baseline = perturbed(r, current, n);
            case 2 -> {
                baseline = perturbed(r, current, n);
                java.util.Collections.shuffle(baseline, new java.util.Random(seed)); // another order
            }
            default -> baseline = java.util.stream.IntStream.range(0, n).mapToObj(i -> randomItem(r, i)).toList();
        }
        IdentityGraph along = assertAlongEqualsPlain(r, current, baseline);
        if (shape == 0) {
            long withIds = current.stream().filter(i -> !Ids.isWeak(i)).count();
            assertEquals(withIds, along.joinedAlong(), "every item with ids of an unchanged list is joined without lookups");
        }
    }

    static java.util.stream.LongStream alongSeeds() {
        return io.crosswatch.core.testing.SeededCases.seeds("identity-graph-along", 32);
    }

    @org.junit.jupiter.api.Test
    void aRunOfNewItemsAtTheHeadOrInTheMiddleIsSteppedOver() {
        // a newest-first list with a dozen additions at its head and a run of eight in the middle
        int n = 2 * IdentityGraph.SEGMENT + 500; // two segment borders, the parallel path
        java.util.List<MediaItem> current = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            current.add(m("tmdb", String.valueOf(i + 1), "imdb", "tt" + (i + 1)));
        }
        java.util.List<MediaItem> baseline = new java.util.ArrayList<>();
        for (int i = 12; i < n; i++) {
            if (i < 5000 || i >= 5008) {
                baseline.add(current.get(i).toBuilder().build()); // equal copies, as a fresh read gives
            }
        }
        IdentityGraph along = assertAlongEqualsPlain(null, current, baseline);
        // the first misses of each run are added the usual way, until the walk looks further ahead
        assertTrue(along.joinedAlong() >= baseline.size() - 6, "joined " + along.joinedAlong() + " of " + baseline.size());
    }

    /**
     * Adds current, baseline (along current) and an unrelated list (random items, none when
     * {@code r} is null) both ways and requires equal graphs.
     */
    private static IdentityGraph assertAlongEqualsPlain(java.util.SplittableRandom r, java.util.List<MediaItem> current,
                                                        java.util.List<MediaItem> baseline) {
        java.util.List<MediaItem> other = r == null ? List.of() : java.util.stream.IntStream.range(0, Math.min(300, current.size() / 2))
                .mapToObj(i -> randomItem(r, i)).toList();
        IdentityGraph along = new IdentityGraph(16);
        int start = along.addAll(current);
        along.addAllAlong(baseline, current, start);
        along.addAll(other);
        IdentityGraph plain = new IdentityGraph(16);
        plain.addAll(current);
        plain.addAll(baseline);
        plain.addAll(other);
        java.util.List<MediaItem> all = new java.util.ArrayList<>(current);
        all.addAll(baseline);
        all.addAll(other);
        along.matchWeak(all::get, 0);
        plain.matchWeak(all::get, 0);
        along.freeze();
        plain.freeze();
        assertEquals(plain.size(), along.size());
        assertEquals(plain.clusterCount(), along.clusterCount());
        for (int i = 0; i < all.size(); i++) {
            int at = i;
            // dense cluster numbers follow each cluster's first item, so equal partitions give equal numbers
            assertEquals(plain.cluster(i), along.cluster(i), () -> "item " + at + " " + all.get(at));
            assertEquals(plain.weak(i), along.weak(i), () -> "item " + at);
            assertEquals(plain.ambiguity(i), along.ambiguity(i), () -> "item " + at);
        }
        return along;
    }

    /** Mostly the same items (some as new, equal copies), a few deleted, a few added, some with changed ids. */
    private static java.util.List<MediaItem> perturbed(java.util.SplittableRandom r, java.util.List<MediaItem> current, int n) {
        java.util.List<MediaItem> out = new java.util.ArrayList<>();
        for (MediaItem item : current) {
            int roll = r.nextInt(20);
            if (roll == 0) {
                continue; // added to the current list since the baseline
            }
            if (roll == 1) {
                out.add(randomItem(r, r.nextInt(n))); // deleted since, or another item
            }
            out.add(roll == 2 ? randomItem(r, r.nextInt(n)) : roll < 10 ? item : item.toBuilder().build());
        }
        return out;
    }

    /**
     * An item about title {@code i} of every kind the tokens treat differently: movies and shows
     * through several id subsets, seasons, episodes (own ids, own ids equal to the show's, Plex
     * guids), service-local ids only, and id-less copies whose title and year match items with ids.
     */
    private static MediaItem randomItem(java.util.SplittableRandom r, int i) {
        MediaIds show = MediaIds.of("tvdb", String.valueOf(i / 10 + 1));
        return switch (r.nextInt(12)) {
            case 0 -> m("imdb", "tt" + (i + 1));
            case 1 -> m("tmdb", String.valueOf(i + 1), "imdb", "tt" + (i + 1));
            case 2 -> m("tmdb", String.valueOf(i + 1), "plex", String.valueOf(r.nextInt(5)));
            case 3 -> e(show, 1 + i % 2, i % 10);
            case 4 -> e(MediaIds.of("tvdb", String.valueOf(i / 10 + 1), "tmdb", String.valueOf(i / 10 + 7)), 1 + i % 2, i % 10);
            case 5 -> MediaItem.builder(MediaType.MOVIE).title("Untitled " + (i % 5)).year(2000).build();
            case 6 -> MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("jellyfin", "j" + (i % 9))).title("T").build();
            case 7 -> s("tmdb", String.valueOf(i / 10 + 7));
            case 8 -> MediaItem.builder(MediaType.SEASON).showIds(show).season(1 + i % 2).build();
            case 9 -> e(show, 1, i % 10, "tvdb", String.valueOf(i / 10 + 1)); // own id copied from the show
            case 10 -> e(MediaIds.of("plexguid", "plex://show/" + (i / 10)), 1, i % 10, "plexguid", "plex://episode/" + i);
            default -> MediaItem.builder(MediaType.MOVIE).title("T").year(2000).build(); // matches m(...)'s title and year
        };
    }
}
