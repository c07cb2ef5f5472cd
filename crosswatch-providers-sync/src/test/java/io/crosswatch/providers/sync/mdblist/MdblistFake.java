package io.crosswatch.providers.sync.mdblist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.providers.sync.faults.FaultStubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stateful MDBList behind WireMock, answering with the fact sheet's shapes: the
 * watchlist, movie/show ratings and static lists, paged with {@code limit}/{@code offset} and
 * {@code pagination.has_more}. Requests without the right {@code apikey} get 401.
 */
final class MdblistFake implements ResponseDefinitionTransformerV2 {

    static final String KEY = "mdbl-test-key-5f1c9a";
    static final String LIST_ID = "4242";
    static final String LIST_NAME = "Favourites";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LIST_ITEMS = Pattern.compile("/lists/([^/]+)/items(/add|/remove)?");

    private final Map<String, ObjectNode> watchlist = new LinkedHashMap<>();
    private final Map<String, ObjectNode> ratings = new LinkedHashMap<>();
    private final Map<String, ObjectNode> listItems = new LinkedHashMap<>();
    private int writes;

    synchronized void reset() {
        watchlist.clear();
        ratings.clear();
        listItems.clear();
        writes = 0;
    }

    /** Puts a movie or show on the watchlist (and the list), as if added on mdblist.com. */
    synchronized void preload(String mediatype, long tmdb, String imdb, String title) {
        ObjectNode row = row(mediatype, tmdb, imdb, title);
        watchlist.put(key(row), row);
        listItems.put(key(row), row.deepCopy());
    }

    /** @return the watchlist rows, in order */
    synchronized List<ObjectNode> watchlist() {
        return watchlist.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** Moves {@code watchlisted_at} and {@code rated_at} as a change made and undone on mdblist.com would. */
    synchronized void touch() {
        writes++;
    }

    @Override
    public String getName() {
        return "mdblist-fake";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        if (FaultStubs.isFault(event)) {
            return event.getResponseDefinition(); // the fault matrix's stub is served as stubbed
        }
        Request req = event.getRequest();
        if (!KEY.equals(param(req, "apikey"))) {
            return json(401, "{\"error\":\"Invalid API key\"}");
        }
        String path = req.getUrl().replaceAll("\\?.*", "");
        String method = req.getMethod().getName();
        Matcher list = LIST_ITEMS.matcher(path);
        try {
            if (method.equals("GET") && path.equals("/user")) {
                return json(200, "{\"username\":\"tester\",\"limits\":{\"supporter\":false,\"api_requests\":1000}}");
            }
            if (method.equals("GET") && path.equals("/sync/last_activities")) {
                return json(200, "{\"watchlisted_at\":\"2026-01-01T00:00:0" + (writes % 10) + "Z\",\"rated_at\":\"2026-01-01T00:00:0"
                        + (writes % 10) + "Z\"}");
            }
            if (method.equals("GET") && path.equals("/watchlist/items")) {
                return page(req, new ArrayList<>(watchlist.values()));
            }
            if (method.equals("POST") && path.startsWith("/watchlist/items/")) {
                return membership(req, watchlist, path.endsWith("/add"));
            }
            if (method.equals("GET") && path.equals("/lists/user")) {
                return json(200, "[{\"id\":" + LIST_ID + ",\"name\":\"" + LIST_NAME + "\",\"slug\":\"favourites\",\"items\":"
                        + listItems.size() + ",\"private\":false,\"mediatype\":\"movie\"},"
                        + "{\"id\":77,\"name\":\"Trending\",\"slug\":\"trending\",\"dynamic\":true,\"items\":0}]");
            }
            if (list.matches() && list.group(1).equals(LIST_ID)) {
                if (method.equals("GET") && list.group(2) == null) {
                    return page(req, new ArrayList<>(listItems.values()));
                }
                if (method.equals("POST") && list.group(2) != null) {
                    return membership(req, listItems, list.group(2).equals("/add"));
                }
            }
            if (list.matches() && method.equals("GET") && list.group(2) == null) {
                return json(200, "{\"items\":[],\"pagination\":{\"has_more\":false}}");
            }
            if (method.equals("GET") && path.equals("/sync/ratings")) {
                return ratingsPage(req);
            }
            if (method.equals("POST") && (path.equals("/sync/ratings") || path.equals("/sync/ratings/remove"))) {
                return rate(req, path.equals("/sync/ratings"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json(404, "{\"error\":\"not found\"}");
    }

    private ResponseDefinition page(Request req, List<ObjectNode> rows) {
        int limit = Integer.parseInt(param(req, "limit"));
        int offset = Integer.parseInt(param(req, "offset"));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        rows.stream().skip(offset).limit(limit).forEach(items::add);
        body.putObject("pagination").put("has_more", offset + limit < rows.size());
        return json(200, body.toString());
    }

    private ResponseDefinition membership(Request req, Map<String, ObjectNode> target, boolean add) throws IOException {
        writes++;
        JsonNode body = JSON.readTree(req.getBodyAsString());
        ObjectNode result = JSON.createObjectNode();
        ObjectNode done = result.putObject(add ? "added" : "deleted");
        ObjectNode existing = result.putObject("existing");
        ObjectNode notFound = result.putObject("not_found");
        for (String bucket : List.of("movies", "shows")) {
            int n = 0;
            int same = 0;
            ArrayNode missing = notFound.putArray(bucket);
            for (JsonNode ids : body.path(bucket)) {
                if (!ids.has("tmdb") && !ids.has("imdb")) {
                    missing.add(ids);
                    continue;
                }
                ObjectNode row = row(bucket.equals("movies") ? "movie" : "show", ids.path("tmdb").asLong(0),
                        ids.path("imdb").asText(null), null);
                if (add) {
                    if (target.putIfAbsent(key(row), row) == null) {
                        n++;
                    } else {
                        same++;
                    }
                } else if (target.remove(key(row)) != null) {
                    n++;
                } else {
                    missing.add(ids);
                }
            }
            done.put(bucket, n);
            existing.put(bucket, same);
        }
        return json(200, result.toString());
    }

    private ResponseDefinition ratingsPage(Request req) {
        int limit = Integer.parseInt(param(req, "limit"));
        int offset = Integer.parseInt(param(req, "offset"));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode movies = body.putArray("movies");
        ArrayNode shows = body.putArray("shows");
        List<ObjectNode> rows = new ArrayList<>(ratings.values());
        rows.stream().skip(offset).limit(limit).forEach(r -> (r.has("movie") ? movies : shows).add(r));
        body.putObject("pagination").put("has_more", offset + limit < rows.size());
        return json(200, body.toString());
    }

    private ResponseDefinition rate(Request req, boolean add) throws IOException {
        writes++;
        JsonNode body = JSON.readTree(req.getBodyAsString());
        ObjectNode result = JSON.createObjectNode();
        for (String bucket : List.of("movies", "shows")) {
            int n = 0;
            for (JsonNode entry : body.path(bucket)) {
                JsonNode ids = entry.path("ids");
                String media = bucket.equals("movies") ? "movie" : "show";
                String k = media + ":" + (ids.has("tmdb") ? "tmdb" + ids.path("tmdb").asLong() : ids.path("imdb").asText());
                if (add) {
                    ObjectNode row = JSON.createObjectNode().put("rating", entry.path("rating").asInt())
                            .put("rated_at", entry.path("rated_at").asText("2026-01-01T00:00:00Z"));
                    row.putObject(media).put("title", "Rated " + k).set("ids", ids.deepCopy());
                    ratings.put(k, row);
                } else {
                    ratings.remove(k);
                }
                n++;
            }
            result.putObject(add ? "added" : "removed").put(bucket, n);
        }
        return json(200, result.toString());
    }

    private static ObjectNode row(String mediatype, long tmdb, String imdb, String title) {
        ObjectNode row = JSON.createObjectNode();
        if (tmdb > 0) {
            row.put("id", tmdb);
        }
        row.put("imdb_id", imdb).put("tvdb_id", 0).put("mediatype", mediatype)
                .put("title", title == null ? mediatype + " " + tmdb : title).put("release_year", 2020);
        return row;
    }

    private static String key(ObjectNode row) {
        return row.path("mediatype").asText() + ":" + (row.has("id") ? "tmdb" + row.path("id").asLong() : row.path("imdb_id").asText());
    }

    private static String param(Request req, String name) {
        var p = req.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    private static ResponseDefinition json(int status, String body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
