package io.crosswatch.core.sync;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Small builders for planner tests: movies named by their tmdb id. */
final class PlanFixtures {

    static final Instant T0 = Instant.parse("2024-05-01T20:00:00Z");

    private PlanFixtures() {
    }

    static MediaItem movie(int tmdb) {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", String.valueOf(tmdb))).title("M" + tmdb).build();
    }

    static List<MediaItem> movies(int... tmdb) {
        List<MediaItem> l = new ArrayList<>();
        for (int t : tmdb) {
            l.add(movie(t));
        }
        return l;
    }

    static List<MediaItem> range(int from, int toExclusive) {
        List<MediaItem> l = new ArrayList<>();
        for (int i = from; i < toExclusive; i++) {
            l.add(movie(i));
        }
        return l;
    }

    static MediaItem play(int tmdb, Instant at) {
        return movie(tmdb).toBuilder().watchedAt(at).build();
    }

    static MediaItem rated(int tmdb, int rating, Instant at) {
        return movie(tmdb).toBuilder().rating(rating).ratedAt(at).build();
    }

    static MediaItem progress(int tmdb, int seconds, Instant at) {
        return movie(tmdb).toBuilder().playback(new Playback(Duration.ofSeconds(seconds), Duration.ofMinutes(100), at)).build();
    }

    /** @return the tmdb ids of the changes, sorted */
    static List<Integer> ids(List<PlannedChange> changes) {
        return changes.stream().map(c -> Integer.valueOf(c.item().ids().tmdb().orElse("0"))).sorted().collect(Collectors.toList());
    }
}
