package io.crosswatch.providers.sync.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.api.ProviderConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful TMDB account behind WireMock (the transformer answers every {@code /3/...}
 * request): watchlist and ratings of movies and shows, paged 20 per page like TMDB, with
 * {@code /find} for a small catalogue. Payload shapes follow the fact sheet.
 */
final class FakeTmdbAccount implements ResponseDefinitionTransformerV2 {

    static final String NAME = "fake-tmdb-account";
    static final String API_KEY = "0123456789abcdef0123456789abcdef";
    static final String SESSION_ID = "79191836ddaa0da3df76a5ffef6f07ad6ab0c641";
    static final int ACCOUNT_ID = 548;
    private static final int PAGE_SIZE = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT_LIST = Pattern.compile("/3/account/(\\d+)/(watchlist|rated)/(movies|tv|tv/episodes)");
    private static final Pattern EPISODE_RATING = Pattern.compile("/3/tv/(\\d+)/season/(\\d+)/episode/(\\d+)/rating");
    private static final Pattern RATING = Pattern.compile("/3/(movie|tv)/(\\d+)/rating");
    private static final Pattern FIND = Pattern.compile("/3/find/([^/?]+)");

    /** A catalogue entry: title and date. */
    record Title(String title, String date) {
    }

    private final Map<Integer, Title> movies = new LinkedHashMap<>();
    private final Map<Integer, Title> shows = new LinkedHashMap<>();
    private final Map<Integer, Boolean> watchMovies = new LinkedHashMap<>();
    private final Map<Integer, Boolean> watchShows = new LinkedHashMap<>();
    private final Map<Integer, Double> ratedMovies = new LinkedHashMap<>();
    private final Map<Integer, Double> ratedShows = new LinkedHashMap<>();
    private final Map<String, Double> ratedEpisodes = new LinkedHashMap<>();
    private final Map<String, String> imdb = new LinkedHashMap<>();
    private final Map<String, String> tvdb = new LinkedHashMap<>();
    /** Results per page: TMDB's 20, or fewer so tests page through a few items. */
    private int pageSize = PAGE_SIZE;

    FakeTmdbAccount() {
        reset();
    }

    static ProviderConfig config(String baseUrl) {
        return ProviderConfig.of("tmdb", "default", Map.of("apiKey", API_KEY, "sessionId", SESSION_ID,
                "baseUrl", baseUrl + "/3"));
    }

    synchronized void reset() {
        movies.clear();
        shows.clear();
        watchMovies.clear();
        watchShows.clear();
        ratedMovies.clear();
        ratedShows.clear();
        ratedEpisodes.clear();
        imdb.clear();
        tvdb.clear();
        pageSize = PAGE_SIZE;
        movies.put(550, new Title("Fight Club", "1999-10-15"));
        movies.put(27205, new Title("Inception", "2010-07-15"));
        movies.put(603, new Title("The Matrix", "1999-03-30"));
        shows.put(1399, new Title("Game of Thrones", "2011-04-17"));
        shows.put(1396, new Title("Breaking Bad", "2008-01-20"));
        imdb.put("tt0137523", "movie:550");
        imdb.put("tt1375666", "movie:27205");
        imdb.put("tt0944947", "tv:1399");
        tvdb.put("81189", "tv:1396");
    }

    synchronized void pageSize(int value) {
        pageSize = value;
    }

    synchronized void addMovie(int id, String title, String date) {
        movies.put(id, new Title(title, date));
    }

    synchronized void watchlistMovie(int id) {
        watchMovies.put(id, true);
    }

    synchronized void rateMovie(int id, double value) {
        ratedMovies.put(id, value);
    }

    synchronized Map<Integer, Double> movieRatings() {
        return Map.copyOf(ratedMovies);
    }

    synchronized Map<Integer, Double> showRatings() {
        return Map.copyOf(ratedShows);
    }

    /** @return episode ratings keyed {@code show:season:episode} */
    synchronized Map<String, Double> episodeRatings() {
        return Map.copyOf(ratedEpisodes);
    }

    synchronized java.util.Set<Integer> watchlistMovies() {
        return java.util.Set.copyOf(watchMovies.keySet());
    }

    synchronized java.util.Set<Integer> watchlistShows() {
        return java.util.Set.copyOf(watchShows.keySet());
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        Request r = serveEvent.getRequest();
        String path = r.getUrl().contains("?") ? r.getUrl().substring(0, r.getUrl().indexOf('?')) : r.getUrl();
        if (!API_KEY.equals(param(r, "api_key")) || !SESSION_ID.equals(param(r, "session_id"))) {
            return error(401, 3, "Authentication failed: You do not have permissions to access the service.");
        }
        try {
            if (path.equals("/3/account") && r.getMethod().getName().equals("GET")) {
                return ok(JSON.createObjectNode().put("id", ACCOUNT_ID).put("username", "travisbell"), 200);
            }
            Matcher m = ACCOUNT_LIST.matcher(path);
            if (m.matches() && r.getMethod().getName().equals("GET")) {
                if (Integer.parseInt(m.group(1)) != ACCOUNT_ID) {
                    return error(404, 34, "The resource you requested could not be found.");
                }
                if (m.group(3).equals("tv/episodes")) {
                    return m.group(2).equals("rated") ? episodePage(pageNumber(r))
                            : error(404, 34, "The resource you requested could not be found.");
                }
                return page(m.group(2), m.group(3).equals("movies"), pageNumber(r));
            }
            if (path.equals("/3/account/" + ACCOUNT_ID + "/watchlist") && r.getMethod().getName().equals("POST")) {
                return watchlistWrite(JSON.readTree(r.getBodyAsString()));
            }
            m = EPISODE_RATING.matcher(path);
            if (m.matches()) {
                return episodeRatingWrite(m.group(1) + ":" + m.group(2) + ":" + m.group(3), r);
            }
            m = RATING.matcher(path);
            if (m.matches()) {
                return ratingWrite(m.group(1).equals("movie"), Integer.parseInt(m.group(2)), r);
            }
            m = FIND.matcher(path);
            if (m.matches()) {
                return find(m.group(1), param(r, "external_source"));
            }
            return error(404, 34, "The resource you requested could not be found.");
        } catch (IOException e) {
            return error(400, 5, "Invalid parameters: Your request parameters are incorrect.");
        }
    }

    private ResponseDefinition page(String list, boolean movie, int page) {
        Map<Integer, ?> source = list.equals("watchlist") ? (movie ? watchMovies : watchShows)
                : (movie ? ratedMovies : ratedShows);
        Map<Integer, Title> catalogue = movie ? movies : shows;
        Integer[] ids = source.keySet().toArray(new Integer[0]);
        int totalPages = Math.max(1, (ids.length + pageSize - 1) / pageSize);
        ObjectNode body = JSON.createObjectNode().put("page", page).put("total_pages", totalPages)
                .put("total_results", ids.length);
        ArrayNode results = body.putArray("results");
        for (int i = (page - 1) * pageSize; i < Math.min(ids.length, page * pageSize); i++) {
            Title t = catalogue.getOrDefault(ids[i], new Title("Unknown " + ids[i], ""));
            ObjectNode n = results.addObject().put("id", ids[i]).put(movie ? "title" : "name", t.title())
                    .put(movie ? "release_date" : "first_air_date", t.date()).put("vote_average", 8.4);
            if (list.equals("rated")) {
                n.put("rating", (Double) source.get(ids[i]));
            }
        }
        return ok(body, 200);
    }

    private ResponseDefinition episodePage(int page) {
        ObjectNode body = JSON.createObjectNode().put("page", page).put("total_pages", 1)
                .put("total_results", ratedEpisodes.size());
        ArrayNode results = body.putArray("results");
        ratedEpisodes.forEach((key, value) -> {
            String[] k = key.split(":");
            results.addObject().put("id", 60000 + Integer.parseInt(k[2])).put("name", "Episode " + k[2])
                    .put("air_date", "2011-04-17").put("show_id", Integer.parseInt(k[0]))
                    .put("season_number", Integer.parseInt(k[1])).put("episode_number", Integer.parseInt(k[2]))
                    .put("rating", value);
        });
        return ok(body, 200);
    }

    private ResponseDefinition episodeRatingWrite(String key, Request r) throws IOException {
        if (!shows.containsKey(Integer.parseInt(key.substring(0, key.indexOf(':'))))) {
            return error(404, 34, "The resource you requested could not be found.");
        }
        if (r.getMethod().getName().equals("DELETE")) {
            ratedEpisodes.remove(key);
            return status(200, 13);
        }
        double value = JSON.readTree(r.getBodyAsString()).path("value").asDouble(-1);
        if (value < 0.5 || value > 10 || value * 2 != Math.floor(value * 2)) {
            return error(400, 18, "Value invalid: Values must be a multiple of 0.50.");
        }
        boolean existed = ratedEpisodes.put(key, value) != null;
        return status(201, existed ? 12 : 1);
    }

    private ResponseDefinition watchlistWrite(JsonNode body) {
        String type = body.path("media_type").asText();
        int id = body.path("media_id").asInt();
        boolean movie = type.equals("movie");
        if (!movie && !type.equals("tv")) {
            return error(400, 5, "Invalid parameters: media_type must be movie or tv.");
        }
        if (!(movie ? movies : shows).containsKey(id)) {
            return error(404, 34, "The resource you requested could not be found.");
        }
        Map<Integer, Boolean> list = movie ? watchMovies : watchShows;
        if (body.path("watchlist").asBoolean()) {
            boolean existed = list.put(id, true) != null;
            return status(existed ? 200 : 201, existed ? 12 : 1);
        }
        list.remove(id);
        return status(200, 13);
    }

    private ResponseDefinition ratingWrite(boolean movie, int id, Request r) throws IOException {
        if (!(movie ? movies : shows).containsKey(id)) {
            return error(404, 34, "The resource you requested could not be found.");
        }
        Map<Integer, Double> rated = movie ? ratedMovies : ratedShows;
        if (r.getMethod().getName().equals("DELETE")) {
            rated.remove(id);
            return status(200, 13);
        }
        double value = JSON.readTree(r.getBodyAsString()).path("value").asDouble(-1);
        if (value < 0.5 || value > 10 || value * 2 != Math.floor(value * 2)) {
            return error(400, 18, "Value invalid: Values must be a multiple of 0.50.");
        }
        boolean existed = rated.put(id, value) != null;
        return status(201, existed ? 12 : 1);
    }

    private ResponseDefinition find(String externalId, String source) {
        String hit = ("imdb_id".equals(source) ? imdb : "tvdb_id".equals(source) ? tvdb : Map.<String, String>of())
                .get(externalId);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode movieResults = body.putArray("movie_results");
        body.putArray("person_results");
        ArrayNode tvResults = body.putArray("tv_results");
        body.putArray("tv_episode_results");
        body.putArray("tv_season_results");
        if (hit != null) {
            int id = Integer.parseInt(hit.substring(hit.indexOf(':') + 1));
            if (hit.startsWith("movie:")) {
                movieResults.addObject().put("id", id).put("media_type", "movie").put("title", movies.get(id).title());
            } else {
                tvResults.addObject().put("id", id).put("media_type", "tv").put("name", shows.get(id).title());
            }
        }
        return ok(body, 200);
    }

    private static int pageNumber(Request r) {
        String p = param(r, "page");
        return p == null ? 1 : Integer.parseInt(p);
    }

    private static String param(Request r, String name) {
        var q = r.queryParameter(name);
        return q.isPresent() ? q.firstValue() : null;
    }

    private static ResponseDefinition status(int http, int code) {
        return ok(JSON.createObjectNode().put("success", true).put("status_code", code)
                .put("status_message", code == 13 ? "The item/record was deleted successfully."
                        : code == 12 ? "The item/record was updated successfully." : "Success."), http);
    }

    private static ResponseDefinition error(int http, int code, String message) {
        return ok(JSON.createObjectNode().put("success", false).put("status_code", code).put("status_message", message),
                http);
    }

    private static ResponseDefinition ok(JsonNode body, int http) {
        return new ResponseDefinitionBuilder().withStatus(http).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(body.toString()).build();
    }
}
