package io.crosswatch.providers.metadata.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import java.util.Map;

/** WireMock stubs shaped like the TMDB fact sheet's payloads. */
final class TmdbFixtures {

    static final String API_KEY = "0123456789abcdef0123456789abcdef";
    static final String READ_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0In0.c2lnbmF0dXJlLXNlY3JldA";

    static final String CONFIGURATION = """
            {"images": {"base_url": "http://image.tmdb.org/t/p/",
              "secure_base_url": "https://image.tmdb.org/t/p/",
              "backdrop_sizes": ["w300", "w780", "w1280", "original"],
              "logo_sizes": ["w45", "w92", "w154", "w185", "w300", "w500", "original"],
              "poster_sizes": ["w92", "w154", "w185", "w342", "w500", "w780", "original"],
              "profile_sizes": ["w45", "w185", "h632", "original"],
              "still_sizes": ["w92", "w185", "w300", "original"]},
             "change_keys": ["adult", "air_date"]}""";

    /** Fight Club in German: a German poster, an English one, a French one, a textless backdrop. */
    static final String MOVIE_550_DE = """
            {"id": 550, "imdb_id": "tt0137523", "title": "Fight Club", "original_title": "Fight Club",
             "original_language": "en", "overview": "Ein Versicherungsangestellter ...",
             "release_date": "1999-10-15", "runtime": 139, "status": "Released",
             "poster_path": "/de.jpg", "backdrop_path": "/bd.jpg",
             "images": {
               "backdrops": [
                 {"aspect_ratio": 1.778, "height": 1080, "iso_639_1": null, "file_path": "/bd-null.jpg",
                  "vote_average": 5.4, "vote_count": 12, "width": 1920},
                 {"aspect_ratio": 1.778, "height": 1080, "iso_639_1": "en", "file_path": "/bd-en.jpg",
                  "vote_average": 9.0, "vote_count": 40, "width": 1920}],
               "logos": [
                 {"aspect_ratio": 3.5, "height": 200, "iso_639_1": "en", "file_path": "/logo-en.png",
                  "vote_average": 5.3, "vote_count": 3, "width": 700}],
               "posters": [
                 {"aspect_ratio": 0.667, "height": 3000, "iso_639_1": "en", "file_path": "/en-best.jpg",
                  "vote_average": 9.9, "vote_count": 100, "width": 2000},
                 {"aspect_ratio": 0.667, "height": 3000, "iso_639_1": "fr", "file_path": "/fr.jpg",
                  "vote_average": 9.9, "vote_count": 100, "width": 2000},
                 {"aspect_ratio": 0.667, "height": 1500, "iso_639_1": "de", "file_path": "/de-low.jpg",
                  "vote_average": 4.0, "vote_count": 2, "width": 1000},
                 {"aspect_ratio": 0.667, "height": 3000, "iso_639_1": "de", "file_path": "/de-high.jpg",
                  "vote_average": 7.5, "vote_count": 20, "width": 2000}]},
             "external_ids": {"imdb_id": "tt0137523", "wikidata_id": "Q190050", "facebook_id": null}}""";

    /** Game of Thrones in German with only English and textless art. */
    static final String SHOW_1399_DE = """
            {"id": 1399, "name": "Game of Thrones", "original_name": "Game of Thrones",
             "overview": "Sieben noble Familien ...", "first_air_date": "2011-04-17", "last_air_date": "2019-05-19",
             "number_of_seasons": 8, "poster_path": "/got.jpg",
             "images": {"backdrops": [], "logos": [],
               "posters": [
                 {"aspect_ratio": 0.667, "height": 1500, "iso_639_1": "en", "file_path": "/got-en.jpg",
                  "vote_average": 6.0, "vote_count": 10, "width": 1000},
                 {"aspect_ratio": 0.667, "height": 1500, "iso_639_1": null, "file_path": "/got-null.jpg",
                  "vote_average": 3.0, "vote_count": 1, "width": 1000}]},
             "external_ids": {"imdb_id": "tt0944947", "tvdb_id": 121361, "tvrage_id": 24493}}""";

    static final String SEASON_1399_1 = """
            {"_id": "5256c89f19c2956ff6046d47", "id": 3624, "name": "Staffel 1", "overview": "",
             "air_date": "2011-04-17", "season_number": 1, "episodes": [],
             "images": {"posters": [
               {"aspect_ratio": 0.667, "height": 1500, "iso_639_1": "de", "file_path": "/s1-de.jpg",
                "vote_average": 5.0, "vote_count": 2, "width": 1000}]},
             "external_ids": {"tvdb_id": 364731}}""";

    static final String EPISODE_1399_1_1 = """
            {"id": 63056, "name": "Der Winter naht", "overview": "Eddard Stark ...", "air_date": "2011-04-17",
             "episode_number": 1, "season_number": 1, "runtime": 62, "still_path": "/still.jpg",
             "images": {"stills": [
               {"aspect_ratio": 1.778, "height": 1080, "iso_639_1": null, "file_path": "/still.jpg",
                "vote_average": 5.0, "vote_count": 2, "width": 1920}]},
             "external_ids": {"imdb_id": "tt1480055", "tvdb_id": 3254641}}""";

    static final String FIND_FIGHT_CLUB = """
            {"movie_results": [{"id": 550, "media_type": "movie", "title": "Fight Club",
              "release_date": "1999-10-15"}],
             "person_results": [], "tv_results": [], "tv_episode_results": [], "tv_season_results": []}""";

    static final String FIND_NOTHING = """
            {"movie_results": [], "person_results": [], "tv_results": [], "tv_episode_results": [],
             "tv_season_results": []}""";

    static final String NOT_FOUND = """
            {"success": false, "status_code": 34, "status_message": "The resource you requested could not be found."}""";

    static final String INVALID_KEY = """
            {"success": false, "status_code": 7, "status_message": "Invalid API key: You must be granted a valid key."}""";

    private TmdbFixtures() {
    }

    static ProviderConfig config(WireMockExtension wm) {
        return ProviderConfig.of("tmdb", "default", Map.of("apiKey", API_KEY, "baseUrl", wm.baseUrl() + "/3"));
    }

    /** Stubs the configuration, the German movie, show, season and episode and the imdb find. */
    static void stubCatalog(WireMockExtension wm) {
        wm.stubFor(get(urlPathEqualTo("/3/configuration")).willReturn(okJson(CONFIGURATION)));
        wm.stubFor(get(urlPathEqualTo("/3/movie/550")).willReturn(okJson(MOVIE_550_DE)));
        wm.stubFor(get(urlPathEqualTo("/3/tv/1399")).willReturn(okJson(SHOW_1399_DE)));
        wm.stubFor(get(urlPathEqualTo("/3/tv/1399/season/1")).willReturn(okJson(SEASON_1399_1)));
        wm.stubFor(get(urlPathEqualTo("/3/tv/1399/season/1/episode/1")).willReturn(okJson(EPISODE_1399_1_1)));
        wm.stubFor(get(urlPathEqualTo("/3/find/tt0137523")).willReturn(okJson(FIND_FIGHT_CLUB)));
        wm.stubFor(get(urlPathEqualTo("/3/find/tt9999999")).willReturn(okJson(FIND_NOTHING)));
        wm.stubFor(get(urlPathEqualTo("/3/movie/999999999")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
    }
}
