package io.crosswatch.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "imdb://tt0133093                                  | imdb:tt0133093",
        "tmdb://603                                        | tmdb:603",
        "tvdb://0169                                       | tvdb:169",
        "com.plexapp.agents.imdb://tt0133093?lang=en       | imdb:tt0133093",
        "com.plexapp.agents.themoviedb://603?lang=en       | tmdb:603",
        "com.plexapp.agents.thetvdb://123/1/2?lang=en      | tvdb:123",
        "tv.plex.agents.themoviedb://42                    | tmdb:42",
        "com.plexapp.agents.hama://anidb-4567?lang=en      | anidb:4567",
        "com.plexapp.agents.hama://tvdb3-81189             | tvdb:81189",
        "plex://movie/5d7768ba96b655001fdc0408             | plexguid:plex://movie/5d7768ba96b655001fdc0408",
        "tt0112253                                         | imdb:tt0112253",
        "local://123                                       | ''",
        "com.plexapp.agents.none://abc?lang=xn             | ''",
        "imdb://none                                       | ''",
        "tmdb://0                                          | ''",
        "youtube://abc                                     | ''",
        "NULL                                              | ''",
    })
    void plexGuids(String guid, String expected) {
        assertEquals(expected, Ids.fromPlexGuid(guid).toString());
    }

    @Test
    void legacyTvdbEpisodeGuidCarriesShowScopedNumbers() {
        PlexGuid g = Ids.parsePlexGuid("com.plexapp.agents.thetvdb://81189/2/5?lang=en").orElseThrow();
        assertTrue(g.showScoped());
        assertEquals(2, g.season());
        assertEquals(5, g.episode());
        assertFalse(Ids.parsePlexGuid("imdb://tt1").orElseThrow().showScoped());
    }

    @Test
    void plexGuidListsMerge() {
        assertEquals("imdb:tt0133093,plexguid:plex://movie/abc,tmdb:603",
                Ids.fromPlexGuids(List.of("plex://movie/abc", "imdb://tt0133093", "tmdb://603")).toString());
    }

    @Test
    void providerIdsAreCaseInsensitiveAndIgnoreUnknownKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Imdb", "tt0133093");
        m.put("TMDB", "603");
        m.put("tvdb", "");
        m.put("TmdbCollection", "2344");
        m.put("Zap2It", "EP1");
        m.put("MyAnimeList", "5114");
        assertEquals("imdb:tt0133093,mal:5114,tmdb:603", Ids.fromProviderIds(m).toString());
        assertTrue(Ids.fromProviderIds(null).isEmpty());
    }

    static MediaItem movie(String... ids) {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of(ids)).title("The Matrix").year(1999).build();
    }

    static MediaItem episode(MediaIds show, int s, int e, String... own) {
        return MediaItem.builder(MediaType.EPISODE).showIds(show).ids(MediaIds.of(own)).showTitle("Dark").season(s).episode(e).build();
    }

    @Test
    void canonicalKeysFollowPriorityAndType() {
        assertEquals(new ItemKey("movie:tmdb:603", false), Ids.key(movie("imdb", "tt0133093", "tmdb", "603", "trakt", "481")));
        assertEquals(new ItemKey("movie:imdb:tt0133093", false), Ids.key(movie("imdb", "tt0133093", "trakt", "481")));
        assertEquals(new ItemKey("movie:trakt:481", false), Ids.key(movie("trakt", "481", "simkl", "5")));
        assertEquals(new ItemKey("movie:mal:5", false), Ids.key(movie("anilist", "9", "mal", "5")));
        assertEquals(new ItemKey("movie:plexguid:plex://movie/x", false), Ids.key(movie("plexguid", "plex://movie/x", "plex", "77")));
        assertEquals(new ItemKey("movie:plex:77", false), Ids.key(movie("plex", "77")));
        MediaItem show = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tmdb", "603")).build();
        assertEquals("show:tmdb:603", Ids.key(show).value());
        assertEquals("show:tvdb:81189#s01e03", Ids.key(episode(MediaIds.of("tvdb", "81189"), 1, 3)).value());
        assertEquals("episode:tvdb:999", Ids.key(episode(MediaIds.empty(), 1, 3, "tvdb", "999")).value());
        MediaItem season = MediaItem.builder(MediaType.SEASON).showIds(MediaIds.of("imdb", "tt5753856")).season(2).build();
        assertEquals("show:imdb:tt5753856#s02", Ids.key(season).value());
    }

    @Test
    void itemsWithoutIdsGetAWeakTitleYearKey() {
        ItemKey k = Ids.key(MediaItem.builder(MediaType.MOVIE).title("Amélie!").year(2001).build());
        assertEquals(new ItemKey("movie:title:amelie:2001", true), k);
        assertTrue(Ids.isWeak(MediaItem.builder(MediaType.MOVIE).title("X").build()));
        assertEquals("show:title:dark#s01e03", Ids.key(episode(MediaIds.empty(), 1, 3)).value());
    }

    @Test
    void tokensScopeTmdbByTypeButNotImdb() {
        assertEquals(List.of("tmdb:m:603"), Ids.tokens(movie("tmdb", "603")));
        MediaItem show = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tmdb", "603", "imdb", "tt1")).build();
        assertEquals(List.of("imdb:-:1", "tmdb:s:603"), Ids.tokens(show));
        assertEquals(List.of("tvdb:s:81189#s1e3"), Ids.tokens(episode(MediaIds.of("tvdb", "81189"), 1, 3)));
    }

    @Test
    void episodeOwnIdsEqualToShowIdsAreIgnored() {
        MediaItem e = episode(MediaIds.of("tvdb", "81189"), 1, 3, "tvdb", "81189", "imdb", "tt77");
        assertEquals(List.of("tvdb:s:81189#s1e3", "imdb:-:77"), Ids.tokens(e));
    }

    @Test
    void localIdsAreUsedOnlyWithoutGlobalIds() {
        assertEquals(List.of("tmdb:m:603"), Ids.tokens(movie("tmdb", "603", "plex", "12", "jellyfin", "abc")));
        assertEquals(List.of("jellyfin:m:abc", "plex:m:12"), Ids.tokens(movie("plex", "12", "jellyfin", "abc")));
    }

    @Test
    void hugeIdsFallBackToTheSameStringForm() {
        assertEquals(List.of("trakt:m:99999999999"), Ids.tokens(movie("trakt", "99999999999")));
    }

    @Test
    void twoDigitsIsTheFormattersPadding() {
        for (int n = -120; n <= 1200; n++) {
            assertEquals(String.format(java.util.Locale.ROOT, "%02d", n), Ids.twoDigits(n), "n=" + n);
        }
        assertEquals("show:tmdb:1399#s01e09", Ids.key(MediaItem.builder(MediaType.EPISODE)
                .showIds(MediaIds.of("tmdb", "1399")).season(1).episode(9).build()).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"The Matrix|matrix", "A Quiet Place|quiet place", "An Education|education",
            "'Then, Now'|then now", "'the '|the", "&|and", "'  Tom & Jerry!!  '|tom and jerry", "A|a", "The The|the",
            "'Se7en (1995)'|se7en 1995", "a&b|and b", "x&y|x and y"})
    void asciiTitlesTakeTheFastPathWithTheSameKey(String title, String key) {
        assertEquals(key, Ids.weakTitleKey(title));
        assertEquals(Ids.unicodeTitleKey(title), Ids.asciiTitleKey(title));
    }

    @Test
    void theAsciiFastPathAgreesWithTheGeneralRuleOnRandomTitles() {
        // articles, '&', digits, punctuation, control characters and spaces, in random runs
        String[] parts = {"the", "The", "a", "A", "an", "AN", " ", "  ", "&", "-", ":", "'", "\t", "\u0001", "x", "Z", "9", "07",
            "then", "and", ".", "_", "~"};
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(7);
            for (int i = 0; i < len; i++) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            String title = sb.toString();
            assertEquals(Ids.unicodeTitleKey(title), Ids.asciiTitleKey(title), () -> "title '" + title + "'");
        }
    }

    @Test
    void nonAsciiTitlesStillLoseTheirAccents() {
        assertEquals(Ids.weakTitleKey("Amelie"), Ids.weakTitleKey("Amélie"));
        assertEquals("cafe and creme", Ids.weakTitleKey("Le Café & Crème".substring(3)));
    }
}
