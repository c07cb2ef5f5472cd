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

    @Test
    void valuesKeepTheMapContractOfASortedImmutableMap() {
        MediaIds ids = MediaIds.of("TMDB", "603", "imdb", "tt0133093", "trakt", "481", "slug", "the-matrix");
        Map<String, String> v = ids.values();
        java.util.TreeMap<String, String> tree = new java.util.TreeMap<>(Map.of("tmdb", "603", "imdb", "tt0133093",
                "trakt", "481", "slug", "the-matrix"));
        assertEquals(tree, v);
        assertEquals(v, tree);
        assertEquals(tree.hashCode(), v.hashCode());
        assertEquals(tree.toString(), v.toString());
        assertEquals(java.util.List.copyOf(tree.keySet()), java.util.List.copyOf(v.keySet()), "sorted by namespace");
        assertEquals(java.util.List.copyOf(tree.values()), java.util.List.copyOf(v.values()));
        assertNull(v.get(null));
        assertNull(v.get(42));
        assertEquals("603", v.get("tmdb"));
        assertTrue(v.containsKey("slug"));
        assertEquals(ids, new MediaIds(new HashMap<>(tree)));
        assertEquals(ids.hashCode(), new MediaIds(new HashMap<>(tree)).hashCode());
    }

    @Test
    void everyMutatorOfTheValuesAndTheirViewsThrowsEvenWhenItWouldChangeNothing() {
        Map<String, String> v = MediaIds.of("tmdb", "603").values();
        java.util.List<Runnable> mutators = java.util.List.of(
                () -> v.put("imdb", "tt1"), () -> v.remove("absent"), () -> v.remove("tmdb", "603"),
                () -> v.putAll(Map.of()), () -> v.clear(), () -> v.replaceAll((k, x) -> x),
                () -> v.putIfAbsent("tmdb", "1"), () -> v.replace("tmdb", "1"), () -> v.replace("tmdb", "603", "1"),
                () -> v.computeIfAbsent("absent", k -> null), () -> v.computeIfPresent("absent", (k, x) -> null),
                () -> v.compute("absent", (k, x) -> null), () -> v.merge("tmdb", "1", (a, b) -> null),
                () -> v.keySet().removeIf(k -> false), () -> v.values().removeIf(x -> false),
                () -> v.entrySet().removeIf(e -> false), () -> v.keySet().retainAll(v.keySet()),
                () -> v.entrySet().iterator().next().setValue("1"), () -> MediaIds.empty().values().clear());
        for (int i = 0; i < mutators.size(); i++) {
            int at = i;
            assertThrows(UnsupportedOperationException.class, mutators.get(i)::run, () -> "mutator " + at);
        }
        assertEquals(Map.of("tmdb", "603"), v);
    }

    @Test
    void namespacesThatNormalizeAlikeKeepTheLastValueGiven() {
        assertEquals("2", MediaIds.of("tmdb", "1", "TMDB", "2").tmdb().orElseThrow());
        assertEquals("1", MediaIds.of("TMDB", "2", " tmdb ", "1").tmdb().orElseThrow());
        assertEquals(MediaIds.empty(), MediaIds.of(null, "1"), "a null namespace is skipped");
    }
}
