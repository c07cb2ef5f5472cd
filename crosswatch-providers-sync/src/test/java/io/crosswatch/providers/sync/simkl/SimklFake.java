package io.crosswatch.providers.sync.simkl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.api.media.MediaIds;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A small stateful SIMKL behind WireMock: a library of rows (movies, shows, anime) with status
 * lists, ratings and watched episodes, answering the endpoints the connector uses with SIMKL's
 * payload shapes, and bumping {@code /sync/activities} on every change. Items whose imdb id is
 * {@value #UNKNOWN_IMDB} are "not found".
 */
final class SimklFake implements ResponseDefinitionTransformerV2 {

    static final String NAME = "simkl-fake";
    static final String TOKEN = "simkl-fake-access-token-7f3a";
    static final String CLIENT = "simkl-fake-client-id";
    static final String UNKNOWN_IMDB = "tt0000404";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One library row. */
    static final class Row {
        String kind; // movie, show, anime
        String animeType;
        ObjectNode media = JSON.createObjectNode();
        String status;
        Integer rating;
        String ratedAt;
        String lastWatchedAt;
        final TreeMap<Integer, TreeMap<Integer, String>> episodes = new TreeMap<>();

        MediaIds ids() {
            return SimklLibrary.ids(media.path("ids"));
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> activity = new TreeMap<>();
    /** Item key → when its last scrobble stop was recorded (a second stop within the hour is a 409). */
    private final Map<String, Instant> scrobbled = new TreeMap<>();
    private int version;
    private volatile boolean down;
    private volatile Supplier<Instant> clock;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    synchronized void reset() {
        rows.clear();
        activity.clear();
        scrobbled.clear();
        version = 0;
        down = false;
        clock = null;
        activity.put("movies.plantowatch", stamp());
    }

    /** Scrobbles stamp plays with this clock's "now" (as SIMKL does) instead of a counter. */
    void useClock(Supplier<Instant> value) {
        clock = value;
    }

    void breakDown() {
        down = true;
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Puts a row straight into the library (a state the user made on simkl.com). */
    synchronized Row seed(String kind, String title, int year, String status, String... idPairs) {
        Row r = new Row();
        r.kind = kind;
        r.status = status;
        r.media.put("title", title).put("year", year);
        ObjectNode ids = r.media.putObject("ids");
        for (int i = 0; i < idPairs.length; i += 2) {
            ids.put(idPairs[i], idPairs[i + 1]);
        }
        rows.add(r);
        bump(kind, status);
        return r;
    }

    /** Moves an activity without changing the library, as a change on simkl.com later undone would. */
    synchronized void touch(String kind, String key) {
        bump(kind, key);
    }

    /** Removes a row as the user would on simkl.com. */
    synchronized void delete(String title) {
        Row r = rows.stream().filter(x -> title.equals(x.media.path("title").asText())).findFirst().orElseThrow();
        rows.remove(r);
        bump(r.kind, "removed_from_list");
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request req = event.getRequest();
        if (down) {
            return respond(503, "{\"error\":\"maintenance\"}");
        }
        if (!CLIENT.equals(req.getHeader("simkl-api-key"))) {
            return respond(412, "{\"error\":\"client_id_failed\"}");
        }
        if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
            return respond(401, "{\"error\":\"user_token_failed\"}");
        }
        String path = URI.create(req.getUrl()).getPath();
        try {
            JsonNode body = req.getBodyAsString().isBlank() ? JSON.createObjectNode() : JSON.readTree(req.getBodyAsString());
            String method = req.getMethod().getName();
            return switch (method + " " + path) {
                case "GET /sync/activities" -> ok(activities());
                case "GET /sync/all-items" -> ok(allItems());
                case "GET /users/settings" -> ok(JSON.readTree("{\"user\":{\"name\":\"ada\"},\"account\":{\"id\":42}}"));
                case "POST /sync/add-to-list" -> ok(addToList(body));
                case "POST /sync/history" -> ok(history(body, true));
                case "POST /sync/history/remove" -> ok(history(body, false));
                case "POST /sync/ratings" -> ok(ratings(body, true));
                case "POST /sync/ratings/remove" -> ok(ratings(body, false));
                case "POST /scrobble/start", "POST /scrobble/pause" -> scrobble(path.substring("/scrobble/".length()), body);
                case "POST /scrobble/stop" -> scrobble("stop", body);
                default -> respond(404, "{\"error\":\"url_failed\"}");
            };
        } catch (java.io.IOException e) {
            return respond(400, "{\"error\":\"bad_json\"}");
        }
    }

    private ObjectNode activities() {
        ObjectNode a = JSON.createObjectNode();
        a.put("all", stampOf(version));
        for (Map.Entry<String, String> e : activity.entrySet()) {
            String[] k = e.getKey().split("\\.");
            ObjectNode group = a.has(k[0]) ? (ObjectNode) a.get(k[0]) : a.putObject(k[0]);
            group.put(k[1], e.getValue());
        }
        return a;
    }

    private ObjectNode allItems() {
        ObjectNode out = JSON.createObjectNode();
        for (Row r : rows) {
            String bucket = r.kind.equals("movie") ? "movies" : r.kind.equals("show") ? "shows" : "anime";
            ArrayNode list = out.has(bucket) ? (ArrayNode) out.get(bucket) : out.putArray(bucket);
            ObjectNode row = list.addObject();
            row.put("status", r.status);
            row.put("last_watched_at", r.lastWatchedAt);
            row.put("user_rating", r.rating);
            row.put("user_rated_at", r.ratedAt);
            if (r.kind.equals("anime")) {
                row.put("anime_type", r.animeType == null ? "tv" : r.animeType);
            }
            row.set(r.kind.equals("movie") ? "movie" : "show", r.media.deepCopy());
            if (!r.kind.equals("movie")) {
                ArrayNode seasons = row.putArray("seasons");
                r.episodes.forEach((s, eps) -> {
                    ObjectNode season = seasons.addObject().put("number", s);
                    ArrayNode arr = season.putArray("episodes");
                    eps.forEach((n, at) -> arr.addObject().put("number", n).put("watched_at", at));
                });
            }
        }
        return out;
    }

    private ObjectNode addToList(JsonNode body) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode added = out.putObject("added");
        ObjectNode notFound = out.putObject("not_found");
        for (String bucket : List.of("movies", "shows")) {
            ArrayNode a = added.putArray(bucket);
            ArrayNode nf = notFound.putArray(bucket);
            for (JsonNode item : body.path(bucket)) {
                if (unknown(item)) {
                    nf.add(item);
                    continue;
                }
                Row r = findOrCreate(bucket, item);
                r.status = item.path("to").asText();
                bump(r.kind, r.status);
                ObjectNode echo = item.deepCopy();
                echo.put("type", bucket.equals("movies") ? "movie" : "show");
                a.add(echo);
            }
        }
        return out;
    }

    private ObjectNode history(JsonNode body, boolean add) {
        int movies = 0;
        int shows = 0;
        int episodes = 0;
        ObjectNode out = JSON.createObjectNode();
        ObjectNode notFound = JSON.createObjectNode();
        ArrayNode nfMovies = notFound.putArray("movies");
        ArrayNode nfShows = notFound.putArray("shows");
        for (JsonNode item : body.path("movies")) {
            Row r = unknown(item) ? null : add ? findOrCreate("movies", item) : find("movies", item);
            if (r == null) {
                nfMovies.add(item);
                continue;
            }
            movies++;
            if (add) {
                r.status = "completed";
                r.lastWatchedAt = item.path("watched_at").asText(stampOf(version));
                bump(r.kind, "completed");
            } else {
                rows.remove(r);
                bump(r.kind, "removed_from_list");
            }
        }
        for (JsonNode item : body.path("shows")) {
            Row r = unknown(item) ? null : add ? findOrCreate("shows", item) : find("shows", item);
            if (r == null) {
                nfShows.add(item);
                continue;
            }
            shows++;
            if (!item.has("seasons") && !add) {
                rows.remove(r);
                bump(r.kind, "removed_from_list");
                continue;
            }
            for (JsonNode season : item.path("seasons")) {
                int s = season.path("number").asInt();
                for (JsonNode ep : season.path("episodes")) {
                    episodes++;
                    if (add) {
                        r.episodes.computeIfAbsent(s, k -> new TreeMap<>()).put(ep.path("number").asInt(),
                                ep.path("watched_at").asText(stampOf(version)));
                    } else if (r.episodes.containsKey(s)) {
                        r.episodes.get(s).remove(ep.path("number").asInt());
                        if (r.episodes.get(s).isEmpty()) {
                            r.episodes.remove(s);
                        }
                    }
                }
            }
            if (add && item.has("status")) {
                r.status = item.path("status").asText();
            } else if (add && r.status == null || add && "plantowatch".equals(r.status)) {
                r.status = "watching";
            }
            bump(r.kind, add ? r.status : "removed_from_list");
        }
        ObjectNode counts = out.putObject(add ? "added" : "deleted");
        counts.put("movies", movies).put("shows", shows).put("episodes", episodes);
        out.set("not_found", notFound);
        return out;
    }

    /**
     * SIMKL's scrobble: a stop at 80 % or more marks the movie completed (or the episode watched)
     * at "now" and answers {@code action: scrobble}; a second stop of the item within an hour is a
     * {@code 409}. Movies by ids, episodes by show ids and numbers.
     */
    private ResponseDefinition scrobble(String action, JsonNode body) {
        double progress = body.path("progress").asDouble();
        boolean movie = body.has("movie");
        JsonNode media = movie ? body.path("movie") : body.has("show") ? body.path("show") : body.path("anime");
        if (unknown(media) || !media.has("ids")) {
            return respond(404, "{\"error\":\"id_err\"}");
        }
        Instant now = clock != null ? clock.get() : Instant.parse(stampOf(version));
        String key = SimklLibrary.ids(media.path("ids")) + "|" + body.path("episode");
        ObjectNode out = JSON.createObjectNode().put("id", version + 1).put("progress", progress);
        out.set(movie ? "movie" : "show", media.deepCopy());
        if (!action.equals("stop") || progress < 80) {
            return respond(201, out.put("action", action.equals("stop") ? "pause" : action).toString());
        }
        Instant last = scrobbled.get(key);
        if (last != null && last.plusSeconds(3600).isAfter(now)) {
            return respond(409, JSON.createObjectNode().put("watched_at", last.toString())
                    .put("expires_at", last.plusSeconds(3600).toString()).toString());
        }
        scrobbled.put(key, now);
        ObjectNode item = media.deepCopy();
        Row r = findOrCreate(movie ? "movies" : "shows", item);
        if (movie) {
            r.status = "completed";
            r.lastWatchedAt = now.toString();
            bump(r.kind, "completed");
        } else {
            JsonNode ep = body.path("episode");
            r.episodes.computeIfAbsent(ep.path("season").asInt(), k -> new TreeMap<>()).put(ep.path("number").asInt(), now.toString());
            r.status = r.status == null || "plantowatch".equals(r.status) ? "watching" : r.status;
            bump(r.kind, r.status);
        }
        return respond(201, out.put("action", "scrobble").put("watched_at", now.toString()).toString());
    }

    private ObjectNode ratings(JsonNode body, boolean add) {
        int movies = 0;
        int shows = 0;
        ObjectNode out = JSON.createObjectNode();
        ObjectNode notFound = JSON.createObjectNode();
        for (String bucket : List.of("movies", "shows")) {
            ArrayNode nf = notFound.putArray(bucket);
            for (JsonNode item : body.path(bucket)) {
                Row r = unknown(item) ? null : add ? findOrCreate(bucket, item) : find(bucket, item);
                if (r == null) {
                    if (add || unknown(item)) {
                        nf.add(item);
                    }
                    continue;
                }
                if (bucket.equals("movies")) {
                    movies++;
                } else {
                    shows++;
                }
                if (add) {
                    int rating = item.path("rating").asInt();
                    if (rating < 1 || rating > 10) {
                        continue;
                    }
                    r.rating = rating;
                    r.ratedAt = item.path("rated_at").asText(stampOf(version));
                    if (r.status == null) {
                        r.status = r.kind.equals("movie") ? "completed" : "watching"; // rating files an unlisted item
                    }
                } else {
                    r.rating = null;
                    r.ratedAt = null;
                }
                bump(r.kind, "rated_at");
            }
        }
        ObjectNode counts = out.putObject(add ? "added" : "deleted");
        counts.put("movies", movies).put("shows", shows);
        out.set("not_found", notFound);
        return out;
    }

    private static boolean unknown(JsonNode item) {
        return UNKNOWN_IMDB.equals(item.path("ids").path("imdb").asText());
    }

    private Row find(String bucket, JsonNode item) {
        MediaIds ids = SimklLibrary.ids(item.path("ids"));
        for (Row r : rows) {
            boolean movie = r.kind.equals("movie") || "movie".equals(r.animeType);
            if (movie == bucket.equals("movies") && SimklBodies.sharesId(r.ids(), ids)) {
                return r;
            }
        }
        return null;
    }

    private Row findOrCreate(String bucket, JsonNode item) {
        Row r = find(bucket, item);
        if (r != null) {
            return r;
        }
        r = new Row();
        MediaIds ids = SimklLibrary.ids(item.path("ids"));
        r.kind = bucket.equals("movies") ? "movie" : ids.get(MediaIds.MAL).isPresent() ? "anime" : "show";
        if (item.has("title")) {
            r.media.put("title", item.path("title").asText());
        }
        if (item.has("year")) {
            r.media.put("year", item.path("year").asInt());
        }
        ObjectNode idNode = item.path("ids").deepCopy();
        idNode.put("simkl", 900000 + rows.size());
        r.media.set("ids", idNode);
        rows.add(r);
        return r;
    }

    private void bump(String kind, String key) {
        String group = kind.equals("movie") ? "movies" : kind.equals("show") ? "tv_shows" : "anime";
        activity.put(group + "." + key, stamp());
    }

    private String stamp() {
        return stampOf(++version);
    }

    private static String stampOf(int v) {
        return Instant.parse("2026-05-14T06:00:00Z").plusSeconds(v).toString();
    }

    private static ResponseDefinition ok(JsonNode body) {
        return respond(200, body.toString());
    }

    private static ResponseDefinition respond(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withBody(body)
                .withHeader("Content-Type", "application/json").build();
    }

}
