package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.providers.sync.faults.FaultStubs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Plex behind WireMock: a Plex Media Server (sections, paged library reads with
 * {@code includeGuids}, scrobble/unscrobble, rate, timeline, playlists) and Plex Discover
 * (watchlist, actions, metadata and matches) on one port. Responses are the JSON Plex sends
 * with {@code Accept: application/json}, built from the fact sheet's example rows. Register it
 * as a WireMock extension and stub {@code any(anyUrl())} so every request reaches it. Stubs of
 * the fault matrix ({@link FaultStubs}) are served as stubbed.
 */
final class FakePlex implements ResponseDefinitionTransformerV2 {

    static final String MACHINE_ID = "0123456789abcdef0123456789abcdef01234567";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECTION_ALL = Pattern.compile("/library/sections/([^/]+)/all");
    private static final Pattern PLAYLIST_ITEMS = Pattern.compile("/playlists/([^/]+)/items");
    private static final Pattern PLAYLIST_ITEM = Pattern.compile("/playlists/([^/]+)/items/([^/]+)");
    private static final Pattern METADATA = Pattern.compile("/library/metadata/([^/]+)");

    private record Section(String id, String type, String title) {
    }

    private record Playlist(String id, String title, List<String[]> entries) {
    }

    private final List<Section> sections = new ArrayList<>();
    private final Map<String, ObjectNode> items = new LinkedHashMap<>();
    private final Map<String, String> sectionOf = new LinkedHashMap<>();
    private final Map<String, Playlist> playlists = new LinkedHashMap<>();
    private final Map<String, ObjectNode> discover = new LinkedHashMap<>();
    private final Set<String> watchlist = new LinkedHashSet<>();
    private long now = 1_700_000_000L;
    private int nextId = 9000;

    @Override
    public String getName() {
        return "fake-plex";
    }

    // ---------------------------------------------------------------- model set-up

    synchronized void reset() {
        sections.clear();
        items.clear();
        sectionOf.clear();
        playlists.clear();
        discover.clear();
        watchlist.clear();
        now = 1_700_000_000L;
        nextId = 9000;
    }

    synchronized void section(String id, String type, String title) {
        sections.add(new Section(id, type, title));
    }

    synchronized ObjectNode movie(String section, String rk, String title, int year, String guid, String... guids) {
        ObjectNode m = row(rk, "movie", title, guid, guids);
        m.put("year", year).put("duration", 8_160_000);
        return put(section, m);
    }

    synchronized ObjectNode show(String section, String rk, String title, String guid, String... guids) {
        return put(section, row(rk, "show", title, guid, guids));
    }

    synchronized ObjectNode episode(String section, String rk, String showRk, int season, int episode, String title,
                                    String guid, String... guids) {
        ObjectNode m = row(rk, "episode", title, guid, guids);
        ObjectNode show = items.get(showRk);
        m.put("index", episode).put("parentIndex", season).put("parentRatingKey", showRk + "-s" + season)
                .put("grandparentRatingKey", showRk).put("duration", 2_700_000);
        if (show != null) {
            m.put("grandparentTitle", show.path("title").asText()).put("grandparentGuid", show.path("guid").asText());
        }
        return put(section, m);
    }

    synchronized void discoverItem(String hex, String type, String title, int year, String... guids) {
        ObjectNode m = JSON.createObjectNode();
        m.put("ratingKey", hex).put("key", "/library/metadata/" + hex).put("guid", "plex://" + type + "/" + hex)
                .put("type", type).put("title", title).put("year", year);
        ArrayNode g = m.putArray("Guid");
        for (String id : guids) {
            g.addObject().put("id", id);
        }
        discover.put(hex, m);
    }

    synchronized void onWatchlist(String hex) {
        watchlist.add(hex);
    }

    synchronized String playlist(String title, String... ratingKeys) {
        String id = Integer.toString(nextId++);
        Playlist p = new Playlist(id, title, new ArrayList<>());
        for (String rk : ratingKeys) {
            p.entries().add(new String[] {Integer.toString(nextId++), rk});
        }
        playlists.put(id, p);
        return id;
    }

    synchronized ObjectNode item(String rk) {
        return items.get(rk);
    }

    synchronized Set<String> watchlist() {
        return Set.copyOf(watchlist);
    }

    synchronized List<String> playlistKeys(String title) {
        return playlists.values().stream().filter(p -> p.title().equals(title)).findFirst()
                .map(p -> p.entries().stream().map(e -> e[1]).toList()).orElse(List.of());
    }

    private ObjectNode row(String rk, String type, String title, String guid, String... guids) {
        ObjectNode m = JSON.createObjectNode();
        m.put("ratingKey", rk).put("key", "/library/metadata/" + rk).put("type", type).put("title", title);
        if (guid != null) {
            m.put("guid", guid);
        }
        m.put("addedAt", 1_600_000_000L).put("updatedAt", 1_690_000_000L);
        if (guids.length > 0) {
            ArrayNode g = m.putArray("Guid");
            for (String id : guids) {
                g.addObject().put("id", id);
            }
        }
        return m;
    }

    private ObjectNode put(String section, ObjectNode m) {
        items.put(m.path("ratingKey").asText(), m);
        sectionOf.put(m.path("ratingKey").asText(), section);
        return m;
    }

    // ---------------------------------------------------------------- HTTP

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition stubbed = event.getResponseDefinition();
        if (FaultStubs.isFault(event) || stubbed.getStatus() != 200 || stubbed.specifiesBodyContent()) {
            return stubbed; // a test's own stub (an error, a fixed body) wins over the fake
        }
        Request r = event.getRequest();
        String method = r.getMethod().getName();
        String url = r.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Matcher m;
        if (path.equals("/identity")) {
            return ok(container().put("machineIdentifier", MACHINE_ID).put("claimed", true));
        }
        if (path.equals("/library/sections") && method.equals("GET")) {
            ObjectNode c = container();
            ArrayNode dirs = c.putArray("Directory");
            for (Section s : sections) {
                dirs.addObject().put("key", s.id()).put("type", s.type()).put("title", s.title())
                        .put("agent", s.type().equals("movie") ? "tv.plex.agents.movie" : "tv.plex.agents.series");
            }
            c.put("size", sections.size());
            return ok(c);
        }
        if ((m = SECTION_ALL.matcher(path)).matches() && method.equals("GET")) {
            if (m.group(1).equals("watchlist")) {
                List<ObjectNode> rows = new ArrayList<>();
                for (String hex : watchlist) {
                    ObjectNode d = discover.get(hex).deepCopy();
                    d.remove("Guid"); // list rows usually lack external ids
                    rows.add(d);
                }
                return page(r, rows);
            }
            String type = switch (param(r, "type")) {
                case "1" -> "movie";
                case "2" -> "show";
                case "4" -> "episode";
                default -> "?";
            };
            boolean guids = "1".equals(param(r, "includeGuids"));
            String sectionId = m.group(1);
            List<ObjectNode> rows = new ArrayList<>();
            items.forEach((rk, item) -> {
                if (sectionId.equals(sectionOf.get(rk)) && item.path("type").asText().equals(type)) {
                    ObjectNode copy = item.deepCopy();
                    if (!guids) {
                        copy.remove("Guid");
                    }
                    rows.add(copy);
                }
            });
            return page(r, rows);
        }
        if (path.equals("/:/scrobble") || path.equals("/:/unscrobble") || path.equals("/:/rate")) {
            ObjectNode item = items.get(param(r, "key"));
            if (item == null || !"com.plexapp.plugins.library".equals(param(r, "identifier"))) {
                return status(404);
            }
            if (path.equals("/:/scrobble")) {
                item.put("viewCount", item.path("viewCount").asInt(0) + 1).put("lastViewedAt", ++now);
                item.remove("viewOffset");
            } else if (path.equals("/:/unscrobble")) {
                item.remove(List.of("viewCount", "lastViewedAt", "viewOffset"));
            } else {
                double rating = Double.parseDouble(param(r, "rating"));
                if (rating < 0) {
                    item.remove(List.of("userRating", "lastRatedAt"));
                } else {
                    item.put("userRating", rating).put("lastRatedAt", ++now);
                }
            }
            return status(200);
        }
        if (path.equals("/:/timeline")) {
            ObjectNode item = items.get(param(r, "ratingKey"));
            if (item == null) {
                return status(404);
            }
            item.put("viewOffset", Long.parseLong(param(r, "time")));
            return status(200);
        }
        if (path.equals("/playlists") && method.equals("GET")) {
            ObjectNode c = container();
            ArrayNode list = c.putArray("Metadata");
            for (Playlist p : playlists.values()) {
                list.addObject().put("ratingKey", p.id()).put("key", "/playlists/" + p.id() + "/items")
                        .put("type", "playlist").put("title", p.title()).put("smart", false)
                        .put("playlistType", "video").put("leafCount", p.entries().size());
            }
            list.addObject().put("ratingKey", "777").put("type", "playlist").put("title", "Recently Added")
                    .put("smart", true).put("playlistType", "video");
            return ok(c);
        }
        if (path.equals("/playlists") && method.equals("POST")) {
            String id = playlist(param(r, "title"));
            addUri(playlists.get(id), param(r, "uri"));
            ObjectNode c = container();
            c.putArray("Metadata").addObject().put("ratingKey", id).put("title", param(r, "title"));
            return ok(c);
        }
        if ((m = PLAYLIST_ITEMS.matcher(path)).matches()) {
            Playlist p = playlists.get(m.group(1));
            if (p == null) {
                return status(404);
            }
            if (method.equals("PUT")) {
                addUri(p, param(r, "uri"));
                return status(200);
            }
            List<ObjectNode> rows = new ArrayList<>();
            for (String[] e : p.entries()) {
                ObjectNode copy = items.get(e[1]).deepCopy();
                copy.put("playlistItemID", Long.parseLong(e[0]));
                rows.add(copy);
            }
            return page(r, rows);
        }
        if ((m = PLAYLIST_ITEM.matcher(path)).matches() && method.equals("DELETE")) {
            Playlist p = playlists.get(m.group(1));
            String entry = m.group(2);
            if (p == null || !p.entries().removeIf(e -> e[0].equals(entry))) {
                return status(404);
            }
            return status(200);
        }
        if (path.equals("/actions/addToWatchlist") || path.equals("/actions/removeFromWatchlist")) {
            String hex = param(r, "ratingKey");
            if (!discover.containsKey(hex)) {
                return status(404);
            }
            boolean add = path.endsWith("addToWatchlist");
            if (add ? !watchlist.add(hex) : !watchlist.remove(hex)) {
                return json(400, "{\"errors\":[{\"message\":\"" + (add ? "already on the watchlist" : "is not on the watchlist")
                        + "\"}]}");
            }
            return status(200);
        }
        if (path.equals("/library/metadata/matches")) {
            String wanted = param(r, "title").replaceFirst("-", "://");
            ObjectNode c = container();
            ArrayNode list = c.putArray("Metadata");
            for (ObjectNode d : discover.values()) {
                boolean hit = false;
                for (JsonNode g : d.path("Guid")) {
                    hit |= g.path("id").asText().equals(wanted);
                }
                if (hit && d.path("type").asText().equals(param(r, "type"))) {
                    list.add(d.deepCopy());
                }
            }
            return ok(c);
        }
        if ((m = METADATA.matcher(path)).matches()) {
            ObjectNode d = discover.get(m.group(1));
            if (d == null) {
                return status(404);
            }
            ObjectNode c = container();
            c.putArray("Metadata").add(d.deepCopy());
            return ok(c);
        }
        return status(404);
    }

    private void addUri(Playlist p, String uri) {
        String prefix = "server://" + MACHINE_ID + "/com.plexapp.plugins.library/library/metadata/";
        if (uri == null || !uri.startsWith(prefix)) {
            throw new IllegalArgumentException("bad playlist uri " + uri);
        }
        for (String rk : uri.substring(prefix.length()).split(",")) {
            if (items.containsKey(rk)) {
                p.entries().add(new String[] {Integer.toString(nextId++), rk});
            }
        }
    }

    private static ResponseDefinition page(Request r, List<ObjectNode> rows) {
        int start = Integer.parseInt(orDefault(param(r, "X-Plex-Container-Start"), "0"));
        int size = Integer.parseInt(orDefault(param(r, "X-Plex-Container-Size"), Integer.toString(rows.size())));
        ObjectNode c = container();
        ArrayNode list = c.putArray("Metadata");
        for (int i = start; i < Math.min(rows.size(), start + size); i++) {
            list.add(rows.get(i));
        }
        c.put("size", list.size()).put("totalSize", rows.size()).put("offset", start);
        return ok(c);
    }

    private static ObjectNode container() {
        return JSON.createObjectNode();
    }

    private static ResponseDefinition ok(ObjectNode container) {
        ObjectNode body = JSON.createObjectNode();
        body.set("MediaContainer", container);
        return json(200, body.toString());
    }

    private static ResponseDefinition json(int status, String body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private static ResponseDefinition status(int status) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status).build();
    }

    private static String param(Request r, String name) {
        QueryParameter q = r.queryParameter(name);
        return q != null && q.isPresent() ? q.firstValue() : null;
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }
}
