package io.crosswatch.core.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
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
}
