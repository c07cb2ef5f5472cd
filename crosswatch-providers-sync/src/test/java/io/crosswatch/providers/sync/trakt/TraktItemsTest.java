package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Body entries and response mapping, checked against the fact sheet's shapes. */
class TraktItemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void moviesSendOnlyIdsTraktAcceptsForMovies() {
        MediaItem m = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt0372784", "tmdb", "272", "tvdb", "99",
                "plex", "5")).title("Batman Begins").year(2005).build();
        TraktItems.Entry e = TraktItems.entry(m).orElseThrow();
        assertEquals("movies", e.array());
        assertEquals("{\"title\":\"Batman Begins\",\"year\":2005,\"ids\":{\"imdb\":\"tt0372784\",\"tmdb\":272}}", e.root().toString());
    }

    @Test
    void episodesAndSeasonsGoThroughTheirShow() {
        TraktItems.Entry ep = TraktItems.entry(TraktFixtures.episode(1, 2)).orElseThrow();
        assertEquals("shows", ep.array());
        assertEquals("episodes", ep.countKey());
        assertEquals("{\"ids\":{\"trakt\":1,\"imdb\":\"tt0903747\",\"tmdb\":1396,\"tvdb\":81189},"
                + "\"seasons\":[{\"number\":1,\"episodes\":[{\"number\":2}]}]}", ep.root().toString());
        ep.leaf().put("watched_at", "2026-02-27T22:00:00.000Z");
        assertTrue(ep.root().toString().contains("{\"number\":2,\"watched_at\":\"2026-02-27T22:00:00.000Z\"}"));

        TraktItems.Entry season = TraktItems.entry(TraktFixtures.season(3)).orElseThrow();
        assertEquals("seasons", season.countKey());
        assertEquals("[{\"number\":3}]", season.root().path("seasons").toString());
    }

    @Test
    void anEpisodeWithoutShowIdsUsesItsOwnIdsAndNothingWithoutIds() {
        MediaItem ep = MediaItem.builder(MediaType.EPISODE).ids(MediaIds.of("trakt", "73640")).season(1).episode(1).build();
        TraktItems.Entry e = TraktItems.entry(ep).orElseThrow();
        assertEquals("episodes", e.array());
        assertEquals("{\"ids\":{\"trakt\":73640}}", e.root().toString());
        assertTrue(TraktItems.entry(MediaItem.builder(MediaType.MOVIE).title("No ids").build()).isEmpty());
    }

    @Test
    void timestampsAreUtcWithMillis() {
        assertEquals("2026-03-01T20:15:00.000Z", TraktItems.timestamp(Instant.parse("2026-03-01T20:15:00Z")));
    }

    @Test
    void notFoundEchoesMapToTheirItemsOnly() throws Exception {
        List<MediaItem> items = List.of(TraktFixtures.episode(1, 1), TraktFixtures.episode(1, 2), TraktFixtures.tron(),
                MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt0000111")).build());
        Map<Integer, TraktItems.Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            entries.put(i, TraktItems.entry(items.get(i)).orElseThrow());
        }
        ItemOutcome[] out = new ItemOutcome[items.size()];
        TraktBulkWriter.outcomes(JSON.readTree("{\"added\":{\"movies\":1,\"episodes\":1},\"existing\":{\"movies\":0},"
                        + "\"not_found\":{\"movies\":[{\"ids\":{\"imdb\":\"tt0000111\"}}],\"shows\":[{\"ids\":{\"tvdb\":81189},"
                        + "\"seasons\":[{\"number\":1,\"episodes\":[{\"number\":2}]}]}],\"seasons\":[],\"episodes\":[]}}"),
                List.of(0, 1, 2, 3), entries, items, false, out);
        assertEquals(List.of(Outcome.ADDED, Outcome.NOT_FOUND, Outcome.ADDED, Outcome.NOT_FOUND),
                java.util.Arrays.stream(out).map(ItemOutcome::outcome).toList());
    }

    @Test
    void existingCountsMeanExisting() throws Exception {
        List<MediaItem> items = List.of(TraktFixtures.tron());
        Map<Integer, TraktItems.Entry> entries = Map.of(0, TraktItems.entry(items.get(0)).orElseThrow());
        ItemOutcome[] out = new ItemOutcome[1];
        TraktBulkWriter.outcomes(JSON.readTree("{\"added\":{\"movies\":0},\"existing\":{\"movies\":1},\"not_found\":{}}"),
                List.of(0), entries, items, false, out);
        assertEquals(Outcome.EXISTING, out[0].outcome());
    }
}
