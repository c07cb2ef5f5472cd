package io.crosswatch.api.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MediaIdsTest {

    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "imdb, tt0133093, tt0133093",
            "imdb, TT0133093, tt0133093",
            "imdb, 133093, tt133093",
            "imdb, tt00133093, tt0133093",
            "imdb, tt0000000, NULL",
            "imdb, nm0000206, NULL",
            "imdb, none, NULL",
            "tmdb, 00603, 603",
            "tmdb, 603, 603",
            "tmdb, 0, NULL",
            "tmdb, '', NULL",
            "tmdb, null, NULL",
            "tmdb, unknown, NULL",
            "tmdb, 60a3, NULL",
            "tvdb, ' 81189 ', 81189",
            "plexguid, plex://movie/5d776825880197001ec967c6, plex://movie/5d776825880197001ec967c6",
            "slug, 0, NULL",
    })
    void normalizesOneId(String ns, String raw, String expected) {
        assertEquals(expected, MediaIds.normalize(ns, raw));
    }

    @Test
    void numericDoublesFromJsonBecomeDigits() {
        assertEquals("603", MediaIds.normalize("tmdb", 603.0));
        assertNull(MediaIds.normalize("tmdb", 603.5));
    }

    @Test
    void constructorDropsInvalidAndLowercasesNamespaces() {
        Map<String, String> raw = new HashMap<>();
        raw.put("IMDB", "tt0133093");
        raw.put("Tmdb", "0");
        raw.put(null, "x");
        raw.put("tvdb", null);
        MediaIds ids = new MediaIds(raw);
        assertEquals(Map.of("imdb", "tt0133093"), ids.values());
        assertEquals("imdb:tt0133093", ids.toString());
    }

    @Test
    void mergeKeepsOwnValuesOnConflict() {
        MediaIds a = MediaIds.of("imdb", "tt1", "tmdb", "1");
        MediaIds b = MediaIds.of("tmdb", "2", "tvdb", "3");
        MediaIds m = a.merge(b);
        assertEquals("1", m.tmdb().orElseThrow());
        assertEquals("3", m.tvdb().orElseThrow());
        assertTrue(a.with("tmdb", "none").tmdb().isEmpty());
    }

    @Test
    void ofRejectsOddArguments() {
        assertThrows(IllegalArgumentException.class, () -> MediaIds.of("imdb"));
    }
}
