package io.crosswatch.providers.sync.plex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import org.junit.jupiter.api.Test;

class PlexGuidsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void newAgentRowsTakeTheGuidArrayAndKeepThePlexGuid() throws Exception {
        JsonNode row = JSON.readTree("{\"ratingKey\": \"1234\", \"type\": \"movie\","
                + " \"guid\": \"plex://movie/5d7768ba96b655001fdc0408\", \"title\": \"The Matrix\", \"year\": 1999,"
                + " \"Guid\": [{\"id\": \"imdb://tt0133093\"}, {\"id\": \"tmdb://603\"}, {\"id\": \"tvdb://169\"}]}");
        assertEquals(MediaIds.of("imdb", "tt0133093", "tmdb", "603", "tvdb", "169",
                "plexguid", "plex://movie/5d7768ba96b655001fdc0408"), PlexGuids.idsOf(row));
    }

    @Test
    void legacyAgentGuidsCarryOneId() {
        assertEquals(MediaIds.of("imdb", "tt0133093"), PlexGuids.parse("com.plexapp.agents.imdb://tt0133093?lang=en").ids());
        assertEquals(MediaIds.of("tmdb", "603"), PlexGuids.parse("com.plexapp.agents.themoviedb://603?lang=en").ids());
        assertEquals(MediaIds.of("tvdb", "81189"), PlexGuids.parse("com.plexapp.agents.thetvdb://81189?lang=en").ids());
        assertEquals(MediaIds.of("imdb", "tt0112253"), PlexGuids.parse("tt0112253").ids());
    }

    @Test
    void aLegacyTvdbEpisodeGuidNamesTheShowAndTheNumbers() {
        PlexGuids.Parsed p = PlexGuids.parse("com.plexapp.agents.thetvdb://73244/2/3?lang=en");
        assertEquals(MediaIds.of("tvdb", "73244"), p.ids());
        assertEquals(2, p.season());
        assertEquals(3, p.episode());
        assertTrue(p.isEpisodeOfShow());
    }

    @Test
    void unmatchedAgentsGiveNoIds() {
        assertTrue(PlexGuids.parse("local://12345").ids().isEmpty());
        assertTrue(PlexGuids.parse("com.plexapp.agents.none://abc?lang=xn").ids().isEmpty());
        assertTrue(PlexGuids.parse("com.plexapp.agents.xbmcnfo://tt1").ids().isEmpty());
        assertTrue(PlexGuids.parse(null).ids().isEmpty());
        assertFalse(PlexGuids.hasExternalId(PlexGuids.parse("plex://movie/5d77").ids()));
    }

    @Test
    void numbersAsStringsAndOmittedStateAreRead() throws Exception {
        JsonNode row = JSON.readTree("{\"ratingKey\": 5678, \"type\": \"episode\", \"guid\": \"plex://episode/5d9c\","
                + " \"title\": \"Pilot\", \"index\": \"1\", \"parentIndex\": \"1\", \"grandparentRatingKey\": \"5600\","
                + " \"grandparentTitle\": \"Some Show\", \"viewCount\": \"3\", \"userRating\": \"7.5\","
                + " \"Guid\": [{\"id\": \"tvdb://349232\"}]}");
        PlexRow r = PlexRow.of(row, k -> k.equals("5600") ? MediaIds.of("tvdb", "81189") : MediaIds.empty());
        assertEquals(MediaType.EPISODE, r.type());
        assertEquals("5678", r.ratingKey());
        assertEquals(3, r.viewCount());
        assertEquals(7.5, r.userRating());
        assertEquals(0, r.viewOffset());
        assertNull(r.lastViewedAt());
        assertEquals(MediaIds.of("tvdb", "81189"), r.showIds());
        assertEquals(8, PlexSession.toTen(r.userRating()));
        assertEquals(1, PlexSession.toTen(0.5));
    }
}
