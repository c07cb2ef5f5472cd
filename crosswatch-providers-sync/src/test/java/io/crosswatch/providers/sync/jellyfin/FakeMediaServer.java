package io.crosswatch.providers.sync.jellyfin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.crosswatch.providers.sync.faults.FaultStubs;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small stateful Jellyfin/Emby server behind WireMock, for the contract and end-to-end tests:
 * a library of movies, series and episodes with one user's data, and playlists. It serves the
 * routes the fact sheet documents and is strict where the real servers are: Emby and Jellyfin
 * before 10.9 have no user-less routes, user-less routes need {@code userId}, and the token must
 * come in the flavour's header.
 */
final class FakeMediaServer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "fake-mediabrowser";
    static final String USER_ID = "5d1b2c3a4e5f60718293a4b5c6d7e8f9";
    static final String TOKEN = "8f0c6b3a2e1d4c5b9a7f6e5d4c3b2a10";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** One library item with the user's data on it. */
    static final class Item {
        final String id;
        final String type;
        final String name;
        final Integer year;
        final Map<String, String> providerIds;
        final String seriesId;
        final Integer season;
        final Integer episode;
        boolean played;
        int playCount;
        Instant lastPlayed;
        boolean favorite;
        Double rating;
        long positionTicks;

        Item(String id, String type, String name, Integer year, Map<String, String> providerIds, String seriesId,
             Integer season, Integer episode) {
            this.id = id;
            this.type = type;
            this.name = name;
            this.year = year;
            this.providerIds = providerIds;
            this.seriesId = seriesId;
            this.season = season;
            this.episode = episode;
        }
    }

    private record Playlist(String id, String name, List<String[]> entries) {
    }

    private final String prefix;
    private final boolean emby;
    private volatile String version;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Playlist> playlists = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);

    private FakeMediaServer(boolean emby, String version) {
        this.emby = emby;
        this.prefix = emby ? "/emby" : "";
        this.version = version;
    }

    static FakeMediaServer jellyfin(String version) {
        return new FakeMediaServer(false, version);
    }

    static FakeMediaServer emby() {
        return new FakeMediaServer(true, "4.8.10.0");
    }

    void version(String value) {
        this.version = value;
    }

    synchronized void reset() {
        items.clear();
        playlists.clear();
    }

    synchronized Item add(Item item) {
        items.put(item.id, item);
        return item;
    }

    synchronized Item item(String id) {
        return items.get(id);
    }

    Item movie(String id, String name, int year, String... providerIds) {
        return add(new Item(id, "Movie", name, year, ids(providerIds), null, null, null));
    }

    Item series(String id, String name, String... providerIds) {
        return add(new Item(id, "Series", name, null, ids(providerIds), null, null, null));
    }

    Item episode(String id, String seriesId, int season, int episode, String... providerIds) {
        return add(new Item(id, "Episode", "Episode " + episode, null, ids(providerIds), seriesId, season, episode));
    }

    synchronized List<String> playlistNames() {
        return playlists.values().stream().map(Playlist::name).toList();
    }

    private static Map<String, String> ids(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    // ------------------------------------------------------------------ WireMock

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        if (event.getResponseDefinition().getStatus() != 200 || FaultStubs.isFault(event)) {
            return event.getResponseDefinition(); // a test's failure stub (or the fault matrix's) wins over the fake
        }
        try {
            return handle(event.getRequest());
        } catch (RuntimeException e) {
            return respond(500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private synchronized ResponseDefinition handle(Request request) {
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        if (!path.startsWith(prefix)) {
            return respond(404, "");
        }
        path = path.substring(prefix.length());
        Map<String, String> q = query(uri.getRawQuery());
        String method = request.getMethod().getName();
        if (path.equals("/System/Info/Public")) {
            return emby ? json("{\"ServerName\":\"emby\",\"Version\":\"" + version + "\",\"Id\":\"4d2f\"}")
                    : json("{\"ServerName\":\"jf\",\"Version\":\"" + version + "\",\"ProductName\":\"Jellyfin Server\",\"Id\":\"4d2f\"}");
        }
        String auth = request.getHeader("Authorization");
        boolean authorized = auth != null && auth.contains("Token=\"" + TOKEN + "\"")
                && (!emby || TOKEN.equals(request.getHeader("X-Emby-Token")));
        if (!authorized) {
            return respond(401, "");
        }
        boolean userless = !emby && new ServerFlavorProbe(version).userless();
        Matcher m;
        if ((m = match("/Users/([^/]+)/(.*)", path)) != null) {
            if (!m.group(1).equals(USER_ID)) {
                return respond(404, "");
            }
            path = "/" + m.group(2);
        } else if (path.startsWith("/User") || path.equals("/Items")) {
            if (!userless) {
                return respond(404, "");
            }
            if (!USER_ID.equals(q.get("userid"))) {
                return respond(400, "");
            }
            path = path.replaceFirst("^/UserPlayedItems/", "/PlayedItems/").replaceFirst("^/UserFavoriteItems/", "/FavoriteItems/")
                    .replaceFirst("^/UserItems/", "/Items/").replaceFirst("^/UserViews$", "/Views");
        }
        if (path.equals("/Items") && method.equals("GET")) {
            return list(q);
        }
        if ((m = match("/PlayedItems/([^/]+)", path)) != null) {
            Item it = items.get(m.group(1));
            if (it == null) {
                return respond(404, "");
            }
            if (method.equals("POST")) {
                String date = q.get("dateplayed");
                Instant when = date == null ? null : parseDate(date);
                it.playCount = date == null ? Math.max(1, it.playCount) : it.playCount + 1;
                it.lastPlayed = when != null ? when : it.lastPlayed != null ? it.lastPlayed : Instant.parse("2026-01-01T00:00:00Z");
                it.played = true;
                it.positionTicks = 0;
            } else {
                it.played = false;
            }
            return json(userData(it).toString());
        }
        if ((m = match("/FavoriteItems/([^/]+)", path)) != null) {
            Item it = items.get(m.group(1));
            if (it == null) {
                return respond(404, "");
            }
            it.favorite = method.equals("POST");
            return json(userData(it).toString());
        }
        if ((m = match("/Items/([^/]+)/Rating", path)) != null && method.equals("DELETE")) {
            Item it = items.get(m.group(1));
            if (it == null) {
                return respond(404, "");
            }
            it.rating = null;
            return json(userData(it).toString());
        }
        if ((m = match("/Items/([^/]+)/UserData", path)) != null && method.equals("POST")) {
            Item it = items.get(m.group(1));
            if (it == null) {
                return respond(404, "");
            }
            JsonNode body = read(request.getBodyAsString());
            if (body.has("Rating")) {
                it.rating = body.get("Rating").isNull() ? null : body.get("Rating").asDouble();
            }
            if (body.has("PlaybackPositionTicks")) {
                it.positionTicks = body.get("PlaybackPositionTicks").asLong();
            }
            if (body.hasNonNull("LastPlayedDate")) {
                it.lastPlayed = Instant.parse(body.get("LastPlayedDate").asText());
            }
            return json(userData(it).toString());
        }
        if (path.equals("/Playlists") && method.equals("POST")) {
            String name;
            List<String> add;
            if (emby) {
                name = q.get("name");
                add = split(q.get("ids"));
            } else {
                JsonNode body = read(request.getBodyAsString());
                name = body.path("Name").asText();
                add = new ArrayList<>();
                body.path("Ids").forEach(n -> add.add(n.asText()));
            }
            Playlist p = new Playlist("pl" + ids.incrementAndGet(), name, new ArrayList<>());
            add.forEach(id -> p.entries.add(new String[] {"e" + ids.incrementAndGet(), id}));
            playlists.put(p.id, p);
            return json("{\"Id\":\"" + p.id + "\"}");
        }
        if ((m = match("/Playlists/([^/]+)/Items", path)) != null) {
            Playlist p = playlists.get(m.group(1));
            if (p == null) {
                return respond(404, "");
            }
            switch (method) {
                case "GET" -> {
                    List<ObjectNode> rows = new ArrayList<>();
                    for (String[] e : p.entries) {
                        Item it = items.get(e[1]);
                        if (it != null) {
                            rows.add(dto(it).put("PlaylistItemId", e[0]));
                        }
                    }
                    return page(rows, q);
                }
                case "POST" -> {
                    split(q.get("ids")).forEach(id -> p.entries.add(new String[] {"e" + ids.incrementAndGet(), id}));
                    return respond(204, "");
                }
                case "DELETE" -> {
                    Set<String> gone = Set.copyOf(split(q.get("entryids")));
                    p.entries.removeIf(e -> gone.contains(e[0]));
                    return respond(204, "");
                }
                default -> {
                    return respond(405, "");
                }
            }
        }
        return respond(404, "");
    }

    private ResponseDefinition list(Map<String, String> q) {
        List<ObjectNode> rows = new ArrayList<>();
        Set<String> types = Set.copyOf(split(q.getOrDefault("includeitemtypes", "")));
        Set<String> only = q.containsKey("ids") ? Set.copyOf(split(q.get("ids"))) : null;
        if (types.contains("Playlist")) {
            playlists.values().forEach(p -> rows.add(JSON.createObjectNode().put("Id", p.id).put("Name", p.name)
                    .put("Type", "Playlist")));
        }
        for (Item it : items.values()) {
            if ((types.isEmpty() || types.contains(it.type)) && (only == null || only.contains(it.id))) {
                rows.add(dto(it));
            }
        }
        return page(rows, q);
    }

    private ResponseDefinition page(List<ObjectNode> rows, Map<String, String> q) {
        int start = Integer.parseInt(q.getOrDefault("startindex", "0"));
        int limit = Integer.parseInt(q.getOrDefault("limit", String.valueOf(Integer.MAX_VALUE)));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode arr = body.putArray("Items");
        rows.stream().skip(start).limit(limit).forEach(arr::add);
        body.put("TotalRecordCount", rows.size());
        body.put("StartIndex", start);
        return json(body.toString());
    }

    private ObjectNode dto(Item it) {
        ObjectNode n = JSON.createObjectNode().put("Name", it.name).put("Id", it.id).put("Type", it.type)
                .put("RunTimeTicks", 60_000_000_000L);
        if (it.year != null) {
            n.put("ProductionYear", it.year);
        }
        ObjectNode pids = n.putObject("ProviderIds");
        it.providerIds.forEach(pids::put);
        if (it.seriesId != null) {
            n.put("SeriesId", it.seriesId).put("SeriesName", items.containsKey(it.seriesId) ? items.get(it.seriesId).name : "?");
            n.put("ParentIndexNumber", it.season).put("IndexNumber", it.episode);
        }
        n.set("UserData", userData(it));
        return n;
    }

    private ObjectNode userData(Item it) {
        ObjectNode ud = JSON.createObjectNode().put("PlaybackPositionTicks", it.positionTicks).put("PlayCount", it.playCount)
                .put("IsFavorite", it.favorite).put("Played", it.played).put("Key", it.id).put("ItemId", it.id);
        if (it.lastPlayed != null) {
            ud.put("LastPlayedDate", it.lastPlayed.toString().replace("Z", ".0000000Z"));
        }
        if (it.rating != null) {
            ud.put("Rating", it.rating);
        }
        return ud;
    }

    private static Instant parseDate(String s) {
        if (s.matches("\\d{14}")) {
            return LocalDateTime.parse(s, COMPACT).toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(s);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad JSON body", e);
        }
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).toList();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            out.put(k.toLowerCase(Locale.ROOT), v);
        }
        return out;
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private static ResponseDefinition json(String body) {
        return respond(200, body);
    }

    private static ResponseDefinition respond(int status, String body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    /** The fake's own reading of a Jellyfin version (kept apart from the code under test). */
    private record ServerFlavorProbe(String version) {
        boolean userless() {
            String[] p = version.split("\\.");
            int major = Integer.parseInt(p[0]);
            int minor = Integer.parseInt(p[1]);
            return major > 10 || major == 10 && minor >= 9;
        }
    }

    @Override
    public String toString() {
        return "FakeMediaServer[" + (emby ? "emby" : "jellyfin " + version) + ", " + items.size() + " items, "
                + playlists.values().stream().map(Playlist::name).collect(Collectors.joining(",")) + "]";
    }
}
