package io.crosswatch.benchmarks;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic watchlists with a realistic id mix, for the planner benchmark: 40 % movies with tmdb
 * and imdb, 15 % movies with imdb only, 15 % with tmdb only, 30 % episodes keyed under their
 * show. The target knows the same titles through other id subsets (a Plex item with only imdb,
 * a Trakt item with tmdb and imdb), so matching has to go through the identity graph.
 */
final class SyntheticInventory {

    private SyntheticInventory() {
    }

    /**
     * @param n     how many logical titles
     * @param seed  random seed
     * @param alt   whether to use the "other service" id subset
     * @param skip  every skip-th title is left out (0 = none), to create differences
     * @param shift titles are numbered from this offset (new titles on one side)
     * @return the items
     */
    static List<MediaItem> of(int n, long seed, boolean alt, int skip, int shift) {
        List<MediaItem> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int i = k + shift;
            if (skip > 0 && i % skip == 0) {
                continue;
            }
            int kind = Math.floorMod(i * 7 + 3, 100);
            if (kind < 70) {
                String tmdb = String.valueOf(100 + i);
                String imdb = "tt" + (1_000_000 + i);
                MediaIds ids;
                if (kind < 40) {
                    ids = alt ? MediaIds.of("imdb", imdb, "plex", String.valueOf(ratingKey(seed, i)))
                            : MediaIds.of("tmdb", tmdb, "imdb", imdb, "trakt", String.valueOf(50 + i));
                } else if (kind < 55) {
                    ids = MediaIds.of("imdb", imdb);
                } else {
                    ids = alt ? MediaIds.of("tmdb", tmdb, "imdb", imdb) : MediaIds.of("tmdb", tmdb);
                }
                out.add(MediaItem.builder(MediaType.MOVIE).ids(ids).title("Movie " + i).year(1950 + i % 70).build());
            } else {
                int show = i / 20;
                MediaIds showIds = alt ? MediaIds.of("tvdb", String.valueOf(70_000 + show))
                        : MediaIds.of("tmdb", String.valueOf(10 + show), "tvdb", String.valueOf(70_000 + show));
                out.add(MediaItem.builder(MediaType.EPISODE).showIds(showIds).showTitle("Show " + show)
                        .season(1 + i % 7).episode(1 + i % 20 + 20 * (i % 3)).build());
            }
        }
        return out;
    }

    /**
     * A server-local id (a Plex rating key) for title {@code i}: arbitrary, but the same in every
     * read of one server, as a real rating key is between a read and the baseline kept from it.
     */
    private static int ratingKey(long seed, int i) {
        return new SplittableRandom(seed * 1_000_003L + i).nextInt(1 << 30);
    }
}
