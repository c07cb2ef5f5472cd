package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small stateful Trakt for WireMock: watchlist, ratings, history, playback, personal lists and
 * last activities kept in memory, answering with the response shapes of the fact sheet (paging
 * headers, {@code added/existing/deleted/not_found}). Like the real service it pages (100 items
 * when no {@code limit} is sent, at most 250), never de-duplicates history, stores
 * {@code watched_at} to the minute, answers 401 to any but the current access token and 403
 * without {@code trakt-api-key}. Ids in {@link #unknown} are "not found". Not thread-safe
 * beyond WireMock's one-request-at-a-time use in these tests.
 */
final class FakeTrakt implements ResponseDefinitionTransformerV2 {

    static final String NAME = "fake-trakt";
    static final String CLIENT_ID = "fake-client-id-0123456789";
    static final String FIRST_ACCESS = "fake-access-token-0001";
    static final String FIRST_REFRESH = "fake-refresh-token-0001";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EPOCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> ACTIVITY_KEYS = List.of("movies.watched_at", "episodes.watched_at", "movies.rated_at",
            "shows.rated_at", "seasons.rated_at", "episodes.rated_at", "watchlist.updated_at", "movies.watchlisted_at",
            "shows.watchlisted_at", "movies.paused_at", "episodes.paused_at", "lists.updated_at");

    /** One stored thing: a watchlist entry, a rating, a play, a resume point or a list item. */
    static final class Entry {
        String type;
        ObjectNode media;
        ObjectNode show;
        int season;
        int number;
        long id;
        String at;
        int rating;
        double progress;
    }

    /** One personal list. */
    static final class TList {
        long id;
        String name;
        final List<Entry> items = new ArrayList<>();
    }

    final Set<String> unknown = new java.util.HashSet<>(Set.of("imdb:tt0000111"));
    final List<Entry> watchlist = new ArrayList<>();
    final List<Entry> ratings = new ArrayList<>();
    final List<Entry> history = new ArrayList<>();
    final List<Entry> playback = new ArrayList<>();
    final Map<Long, TList> lists = new LinkedHashMap<>();
    final Map<String, String> activities = new LinkedHashMap<>();
    String accessToken;
    String refreshToken;
    int refreshes;
    /** Virtual time, to stamp {@link #log} with when each request was sent; may be null. */
    java.time.Clock clock;
    /** {@code METHOD path@instant} of every request, in order. */
    final List<String> log = new ArrayList<>();
    /** After this many more API requests the access token expires (-1: never). */
    int expireAfter = -1;
    /**
     * The most items a page holds whatever {@code limit} asks, as a server that clamps its page
     * size does (the paging headers say so); lets tests page through a few items.
     */
    int pageCap = Integer.MAX_VALUE;
    private long nextId;
    private int tick;

    FakeTrakt() {
        reset();
    }

    void reset() {
        watchlist.clear();
        ratings.clear();
        history.clear();
        playback.clear();
        lists.clear();
        activities.clear();
        ACTIVITY_KEYS.forEach(k -> activities.put(k, "2026-01-01T00:00:00.000Z"));
        accessToken = FIRST_ACCESS;
        refreshToken = FIRST_REFRESH;
        refreshes = 0;
        clock = null;
        log.clear();
        expireAfter = -1;
        pageCap = Integer.MAX_VALUE;
        nextId = 1000;
        tick = 0;
    }

    /** The access token expires: only a refresh makes calls work again. */
    void expireAccessToken() {
        accessToken = "expired-" + accessToken;
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
    public ResponseDefinition transform(ServeEvent event) {
        try {
            return handle(event.getRequest());
        } catch (Exception e) {
            return new ResponseDefinitionBuilder().withStatus(500).withBody("fake trakt: " + e).build();
        }
    }

    private synchronized ResponseDefinition handle(Request r) throws Exception {
        String path = URI.create(r.getUrl()).getPath();
        String method = r.getMethod().getName();
        JsonNode body = r.getBodyAsString() == null || r.getBodyAsString().isBlank() ? JSON.createObjectNode()
                : JSON.readTree(r.getBodyAsString());
        log.add(method + " " + path + (clock == null ? "" : "@" + clock.instant()));
        if (path.equals("/oauth/token")) {
            if (!refreshToken.equals(body.path("refresh_token").asText())) {
                return json(400, JSON.createObjectNode().put("error", "invalid_grant"));
            }
            refreshes++;
            accessToken = "fake-access-token-r" + refreshes + "-0000";
            refreshToken = "fake-refresh-token-r" + refreshes + "-0000";
            return json(200, JSON.createObjectNode().put("access_token", accessToken).put("refresh_token", refreshToken)
                    .put("token_type", "bearer").put("expires_in", 604800).put("scope", "public")
                    .put("created_at", EPOCH.getEpochSecond()));
        }
        if (!"2".equals(r.getHeader("trakt-api-version")) || !CLIENT_ID.equals(r.getHeader("trakt-api-key"))) {
            return new ResponseDefinitionBuilder().withStatus(403).withBody("<html>blocked</html>").build();
        }
        if (expireAfter >= 0 && expireAfter-- == 0) {
            expireAccessToken();
        }
        if (!("Bearer " + accessToken).equals(r.getHeader("Authorization"))) {
            return new ResponseDefinitionBuilder().withStatus(401).build();
        }
        String[] p = path.substring(1).split("/");
        switch (method + " " + path) {
            case "GET /sync/last_activities":
                return json(200, activitiesJson());
            case "GET /users/settings":
                return json(200, JSON.createObjectNode().set("user", JSON.createObjectNode().put("username", "sean")));
            case "GET /sync/watchlist/movies":
                return page(r, typed(watchlist, "movie", "listed"));
            case "GET /sync/watchlist/shows":
                return page(r, typed(watchlist, "show", "listed"));
            case "GET /sync/ratings/all":
                return page(r, typed(ratings, null, "rating"));
            case "GET /sync/history":
                List<Entry> newest = new ArrayList<>(history);
                newest.sort(Comparator.comparing((Entry e) -> e.at).reversed());
                return page(r, typed(newest, null, "play"));
            case "GET /sync/playback":
                return page(r, typed(playback, null, "playback"));
            case "GET /users/me/lists":
                ArrayNode all = JSON.createArrayNode();
                lists.values().forEach(l -> all.add(listJson(l)));
                return page(r, all);
            case "POST /users/me/lists":
                TList l = new TList();
                l.id = ++nextId;
                l.name = body.path("name").asText();
                lists.put(l.id, l);
                bump("lists.updated_at");
                return json(201, listJson(l));
            case "POST /sync/watchlist":
                return json(201, add(watchlist, body, false, "watchlist.updated_at", "movies.watchlisted_at", "shows.watchlisted_at"));
            case "POST /sync/watchlist/remove":
                return json(200, remove(watchlist, body, "watchlist.updated_at", "movies.watchlisted_at", "shows.watchlisted_at"));
            case "POST /sync/ratings":
                return json(201, add(ratings, body, false, "movies.rated_at", "shows.rated_at", "seasons.rated_at", "episodes.rated_at"));
            case "POST /sync/ratings/remove":
                return json(200, remove(ratings, body, "movies.rated_at", "shows.rated_at", "seasons.rated_at", "episodes.rated_at"));
            case "POST /sync/history":
                return json(201, add(history, body, true, "movies.watched_at", "episodes.watched_at"));
            case "POST /sync/history/remove":
                return json(200, removePlays(body));
            case "POST /scrobble/pause":
                return json(201, pause(body));
            default:
                break;
        }
        if (method.equals("DELETE") && p.length == 3 && path.startsWith("/sync/playback/")) {
            long id = Long.parseLong(p[2]);
            boolean gone = playback.removeIf(e -> e.id == id);
            if (gone) {
                bump("movies.paused_at", "episodes.paused_at");
            }
            return new ResponseDefinitionBuilder().withStatus(gone ? 204 : 404).build();
        }
        if (p.length >= 5 && path.startsWith("/users/me/lists/") && p[4].equals("items")) {
            TList l = lists.get(Long.parseLong(p[3]));
            if (l == null) {
                return new ResponseDefinitionBuilder().withStatus(404).build();
            }
            if (method.equals("GET")) {
                return page(r, typed(l.items, null, "listed"));
            }
            ObjectNode res = p.length == 6 && p[5].equals("remove") ? remove(l.items, body, "lists.updated_at")
                    : add(l.items, body, false, "lists.updated_at");
            res.set("list", JSON.createObjectNode().put("item_count", l.items.size()));
            return json(p.length == 6 ? 200 : 201, res);
        }
        return new ResponseDefinitionBuilder().withStatus(404).withBody("no such fake endpoint: " + method + " " + path).build();
    }

    // ------------------------------------------------------------------ seeding

    /** Stores movie {@code n} (tmdb {@code 100000+n}) in {@code store}, as if added earlier. */
    Entry seedMovie(List<Entry> store, int n) {
        Entry e = new Entry();
        e.type = "movie";
        e.media = JSON.createObjectNode().put("title", "Movie " + n).put("year", 2000 + n % 20);
        e.media.putObject("ids").put("trakt", 500000 + n).put("tmdb", 100000 + n);
        e.id = ++nextId;
        e.rating = 1 + n % 10;
        e.progress = 40;
        e.at = EPOCH.minusSeconds(3600L * n).toString().replace("Z", ".000Z");
        store.add(e);
        return e;
    }

    /** Stores an empty personal list. */
    TList seedList(String name) {
        TList l = new TList();
        l.id = ++nextId;
        l.name = name;
        lists.put(l.id, l);
        return l;
    }

    // ------------------------------------------------------------------ writes

    private ObjectNode add(List<Entry> store, JsonNode body, boolean plays, String... activity) {
        ObjectNode added = counts();
        ObjectNode existing = counts();
        ObjectNode notFound = notFound();
        for (Parsed in : parse(body)) {
            if (in.unknown) {
                ((ArrayNode) notFound.get(in.array)).add(in.original);
                continue;
            }
            Entry e = in.entry;
            String key = e.type + "s";
            Entry old = plays ? null : find(store, e);
            if (old != null && store != ratings) {
                existing.put(key, existing.get(key).asInt() + 1);
                continue;
            }
            if (old != null) {
                store.remove(old);
            }
            e.id = ++nextId;
            if (plays) {
                Instant at = e.at == null ? now() : Instant.parse(e.at);
                e.at = at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace("Z", ".000Z");
            } else if (e.at == null) {
                e.at = now().toString();
            }
            store.add(e);
            added.put(key, added.get(key).asInt() + 1);
        }
        bump(activity);
        ObjectNode res = JSON.createObjectNode();
        res.set("added", added);
        res.set("existing", existing);
        res.set("not_found", notFound);
        return res;
    }

    private ObjectNode remove(List<Entry> store, JsonNode body, String... activity) {
        ObjectNode deleted = counts();
        ObjectNode notFound = notFound();
        for (Parsed in : parse(body)) {
            Entry old = in.unknown ? null : find(store, in.entry);
            if (old == null) {
                ((ArrayNode) notFound.get(in.array)).add(in.original);
                continue;
            }
            store.removeIf(e -> same(e, in.entry));
            deleted.put(in.entry.type + "s", deleted.get(in.entry.type + "s").asInt() + 1);
        }
        bump(activity);
        ObjectNode res = JSON.createObjectNode();
        res.set("deleted", deleted);
        res.set("not_found", notFound);
        return res;
    }

    private ObjectNode removePlays(JsonNode body) {
        ObjectNode deleted = counts();
        ObjectNode notFound = notFound();
        ArrayNode missing = notFound.putArray("ids");
        for (JsonNode id : body.path("ids")) {
            Entry play = history.stream().filter(e -> e.id == id.asLong()).findFirst().orElse(null);
            if (play == null) {
                missing.add(id.asLong());
                continue;
            }
            history.remove(play);
            deleted.put(play.type + "s", deleted.get(play.type + "s").asInt() + 1);
        }
        bump("movies.watched_at", "episodes.watched_at");
        ObjectNode res = JSON.createObjectNode();
        res.set("deleted", deleted);
        res.set("not_found", notFound);
        return res;
    }

    private ObjectNode pause(JsonNode body) {
        Entry e = new Entry();
        if (body.has("movie")) {
            e.type = "movie";
            e.media = (ObjectNode) body.path("movie").deepCopy();
        } else {
            e.type = "episode";
            e.show = (ObjectNode) body.path("show").deepCopy();
            e.season = body.path("episode").path("season").asInt();
            e.number = body.path("episode").path("number").asInt();
        }
        Entry old = find(playback, e);
        if (old != null) {
            playback.remove(old);
        }
        e.id = ++nextId;
        e.progress = body.path("progress").asDouble();
        e.at = now().toString();
        playback.add(e);
        bump("movies.paused_at", "episodes.paused_at");
        return JSON.createObjectNode().put("id", e.id).put("action", "pause").put("progress", e.progress);
    }

    /** A write body element, flattened to the entry it names. */
    private static final class Parsed {
        Entry entry;
        String array;
        JsonNode original;
        boolean unknown;
    }

    private List<Parsed> parse(JsonNode body) {
        List<Parsed> out = new ArrayList<>();
        for (JsonNode m : body.path("movies")) {
            Entry e = new Entry();
            e.type = "movie";
            e.media = strip(m);
            fields(e, m, null, null);
            out.add(parsed(e, "movies", m, m.path("ids")));
        }
        for (JsonNode s : body.path("shows")) {
            ObjectNode show = strip(s);
            show.remove("seasons");
            if (!s.has("seasons")) {
                Entry e = new Entry();
                e.type = "show";
                e.media = show;
                fields(e, s, null, null);
                out.add(parsed(e, "shows", s, s.path("ids")));
                continue;
            }
            for (JsonNode season : s.path("seasons")) {
                if (!season.has("episodes")) {
                    Entry e = new Entry();
                    e.type = "season";
                    e.show = show;
                    e.season = season.path("number").asInt();
                    fields(e, season, s, null);
                    out.add(parsed(e, "shows", s, s.path("ids")));
                    continue;
                }
                for (JsonNode ep : season.path("episodes")) {
                    Entry e = new Entry();
                    e.type = "episode";
                    e.show = show;
                    e.season = season.path("number").asInt();
                    e.number = ep.path("number").asInt();
                    fields(e, ep, season, s);
                    out.add(parsed(e, "shows", s, s.path("ids")));
                }
            }
        }
        for (String array : List.of("seasons", "episodes")) {
            for (JsonNode x : body.path(array)) {
                Parsed pr = new Parsed();
                pr.array = array;
                pr.original = x;
                pr.unknown = true; // this fake resolves seasons and episodes only through their show
                out.add(pr);
            }
        }
        return out;
    }

    private Parsed parsed(Entry e, String array, JsonNode original, JsonNode ids) {
        Parsed p = new Parsed();
        p.entry = e;
        p.array = array;
        p.original = original;
        Iterator<Map.Entry<String, JsonNode>> it = ids.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> id = it.next();
            if (unknown.contains(id.getKey() + ":" + id.getValue().asText())) {
                p.unknown = true;
            }
        }
        return p;
    }

    /** Per-item fields, cascading from outer levels as Trakt does. */
    private static void fields(Entry e, JsonNode own, JsonNode outer, JsonNode outermost) {
        for (JsonNode n : new JsonNode[] {own, outer, outermost}) {
            if (n == null) {
                continue;
            }
            if (e.rating == 0 && n.has("rating")) {
                e.rating = n.path("rating").asInt();
            }
            for (String f : List.of("watched_at", "rated_at", "listed_at")) {
                if (e.at == null && n.has(f)) {
                    e.at = n.path(f).asText();
                }
            }
        }
    }

    private static ObjectNode strip(JsonNode n) {
        ObjectNode c = n.deepCopy();
        c.remove(List.of("rating", "rated_at", "watched_at", "listed_at", "notes"));
        return c;
    }

    private Entry find(List<Entry> store, Entry e) {
        return store.stream().filter(x -> same(x, e)).findFirst().orElse(null);
    }

    private static boolean same(Entry a, Entry b) {
        if (!a.type.equals(b.type)) {
            return false;
        }
        if (a.type.equals("movie") || a.type.equals("show")) {
            return sharesId(a.media, b.media);
        }
        return sharesId(a.show, b.show) && a.season == b.season && (a.type.equals("season") || a.number == b.number);
    }

    private static boolean sharesId(JsonNode a, JsonNode b) {
        Iterator<Map.Entry<String, JsonNode>> it = a.path("ids").properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> id = it.next();
            JsonNode other = b.path("ids").path(id.getKey());
            if (!other.isMissingNode() && other.asText().equals(id.getValue().asText())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ reads

    private ArrayNode typed(List<Entry> entries, String onlyType, String kind) {
        ArrayNode out = JSON.createArrayNode();
        int rank = 0;
        for (Entry e : entries) {
            if (onlyType != null && !onlyType.equals(e.type)) {
                continue;
            }
            ObjectNode n = out.addObject();
            n.put("id", e.id);
            switch (kind) {
                case "listed" -> n.put("rank", ++rank).put("listed_at", e.at);
                case "rating" -> n.put("rated_at", e.at).put("rating", e.rating);
                case "play" -> n.put("watched_at", e.at).put("action", "watch");
                default -> n.put("progress", e.progress).put("paused_at", e.at);
            }
            n.put("type", e.type);
            switch (e.type) {
                case "movie" -> n.set("movie", e.media.deepCopy().put("runtime", 120));
                case "show" -> n.set("show", e.media);
                case "season" -> {
                    n.set("season", JSON.createObjectNode().put("number", e.season).set("ids", JSON.createObjectNode()));
                    n.set("show", e.show);
                }
                default -> {
                    n.set("episode", JSON.createObjectNode().put("season", e.season).put("number", e.number)
                            .put("runtime", 60).set("ids", JSON.createObjectNode()));
                    n.set("show", e.show);
                }
            }
        }
        return out;
    }

    private ResponseDefinition page(Request r, ArrayNode all) {
        int limit = r.queryParameter("limit").isPresent() ? Math.min(250, Integer.parseInt(r.queryParameter("limit").firstValue())) : 100;
        limit = Math.min(limit, pageCap);
        int page = r.queryParameter("page").isPresent() ? Integer.parseInt(r.queryParameter("page").firstValue()) : 1;
        int pages = Math.max(1, (all.size() + limit - 1) / limit);
        ArrayNode slice = JSON.createArrayNode();
        for (int i = (page - 1) * limit; i < Math.min(all.size(), page * limit); i++) {
            slice.add(all.get(i));
        }
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Pagination-Page", String.valueOf(page)).withHeader("X-Pagination-Limit", String.valueOf(limit))
                .withHeader("X-Pagination-Page-Count", String.valueOf(pages))
                .withHeader("X-Pagination-Item-Count", String.valueOf(all.size()))
                .withBody(slice.toString()).build();
    }

    private ObjectNode activitiesJson() {
        ObjectNode out = JSON.createObjectNode().put("all", "2026-03-01T00:00:00.000Z");
        activities.forEach((k, v) -> {
            String[] parts = k.split("\\.");
            out.withObjectProperty(parts[0]).put(parts[1], v);
        });
        out.withObjectProperty("comments").put("liked_at", "2024-01-01T00:00:00.000Z");
        return out;
    }

    private static ObjectNode listJson(TList l) {
        ObjectNode n = JSON.createObjectNode().put("name", l.name).put("privacy", "private").put("type", "personal")
                .put("item_count", l.items.size());
        n.set("ids", JSON.createObjectNode().put("trakt", l.id).put("slug", l.name.toLowerCase().replace(' ', '-')));
        return n;
    }

    private static ObjectNode counts() {
        return JSON.createObjectNode().put("movies", 0).put("shows", 0).put("seasons", 0).put("episodes", 0);
    }

    private static ObjectNode notFound() {
        ObjectNode n = JSON.createObjectNode();
        for (String a : List.of("movies", "shows", "seasons", "episodes")) {
            n.putArray(a);
        }
        return n;
    }

    private Instant now() {
        return EPOCH.plusSeconds(60L * tick);
    }

    private void bump(String... keys) {
        tick++;
        for (String k : keys) {
            activities.put(k, now().toString().replace("Z", ".000Z"));
        }
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).build();
    }
}
