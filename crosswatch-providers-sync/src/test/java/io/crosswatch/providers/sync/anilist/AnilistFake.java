package io.crosswatch.providers.sync.anilist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
 * A small stateful AniList GraphQL endpoint behind WireMock: {@code Viewer},
 * {@code MediaListCollection} (chunked, grouped into status lists, plus a custom list that
 * repeats entries), {@code Page.media(idMal_in)}, and aliased {@code SaveMediaListEntry} /
 * {@code DeleteMediaListEntry} mutations. Answers follow the fact sheet's shapes.
 */
final class AnilistFake implements ResponseDefinitionTransformerV2 {

    static final String TOKEN = "anilist-test-token-0b7d41e2";
    static final long USER = 5123456;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIELD = Pattern.compile("(a\\d+): (SaveMediaListEntry|DeleteMediaListEntry)\\(([^)]*)\\)");

    private final Map<Long, ObjectNode> media = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> entries = new LinkedHashMap<>();
    private String scoreFormat = "POINT_10";
    private long nextEntryId = 401_000_000;
    /**
     * The most entries a chunk holds whatever {@code perChunk} asks ({@code hasNextChunk} says
     * more follow), so tests can page through a few entries.
     */
    private int chunkCap = Integer.MAX_VALUE;

    AnilistFake() {
        reset();
    }

    synchronized void reset() {
        media.clear();
        entries.clear();
        scoreFormat = "POINT_10";
        chunkCap = Integer.MAX_VALUE;
        addMedia(16498, 16498L, "TV", 25, 2013, "Attack on Titan", "Shingeki no Kyojin");
        addMedia(1535, 1535L, "TV", 37, 2006, "Death Note", "Death Note");
        addMedia(199, 199L, "MOVIE", 1, 2001, "Spirited Away", "Sen to Chihiro no Kamikakushi");
        addMedia(21, 21L, "TV", null, 1999, "ONE PIECE", "ONE PIECE");
        addMedia(999001, null, "ONA", 12, 2024, null, "Obscure Web Anime");
    }

    synchronized void chunkCap(int value) {
        chunkCap = value;
    }

    /** Adds a TV anime to the catalogue (not to the user's list). */
    synchronized void media(long id, long idMal, String title, int year) {
        addMedia(id, idMal, "TV", 12, year, title, title);
    }

    synchronized void scoreFormat(String value) {
        scoreFormat = value;
    }

    /** Puts an entry on the user's list as if made on anilist.co. */
    synchronized ObjectNode put(long mediaId, String status, double score) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", nextEntryId++).put("mediaId", mediaId).put("status", status).put("progress", 0).put("repeat", 0)
                .put("updatedAt", 1717171717).put("score", score);
        e.putObject("completedAt").putNull("year").putNull("month").putNull("day");
        entries.put(mediaId, e);
        return e;
    }

    synchronized JsonNode entry(long mediaId) {
        return entries.get(mediaId);
    }

    private void addMedia(long id, Long idMal, String format, Integer episodes, int year, String english, String romaji) {
        ObjectNode m = JSON.createObjectNode().put("id", id);
        if (idMal == null) {
            m.putNull("idMal");
        } else {
            m.put("idMal", idMal);
        }
        m.put("format", format);
        if (episodes == null) {
            m.putNull("episodes");
        } else {
            m.put("episodes", episodes);
        }
        m.put("seasonYear", year);
        m.putObject("title").put("english", english).put("romaji", romaji).putNull("native");
        media.put(id, m);
    }

    @Override
    public String getName() {
        return "anilist-fake";
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
        if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
            return json(400, "{\"data\":null,\"errors\":[{\"message\":\"Invalid token\",\"status\":400}]}");
        }
        try {
            JsonNode body = JSON.readTree(req.getBodyAsString());
            String query = body.path("query").asText();
            JsonNode vars = body.path("variables");
            if (query.contains("Viewer")) {
                return json(200, "{\"data\":{\"Viewer\":{\"id\":" + USER + ",\"name\":\"someone\",\"mediaListOptions\":"
                        + "{\"scoreFormat\":\"" + scoreFormat + "\"}}}}");
            }
            if (query.contains("MediaListCollection")) {
                return collection(vars);
            }
            if (query.contains("idMal_in")) {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode found = out.putObject("data").putObject("Page").putArray("media");
                for (JsonNode id : vars.path("ids")) {
                    media.values().stream().filter(m -> m.path("idMal").asLong(-1) == id.asLong()).forEach(found::add);
                }
                return json(200, out.toString());
            }
            if (query.contains("id_in")) {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode found = out.putObject("data").putObject("Page").putArray("media");
                for (JsonNode id : vars.path("ids")) {
                    if (media.containsKey(id.asLong())) {
                        found.add(media.get(id.asLong()));
                    }
                }
                return json(200, out.toString());
            }
            if (query.trim().startsWith("mutation")) {
                return mutate(query);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json(400, "{\"data\":null,\"errors\":[{\"message\":\"unknown query\",\"status\":400}]}");
    }

    private ResponseDefinition collection(JsonNode vars) {
        if (vars.path("userId").asLong() != USER) {
            return json(404, "{\"data\":{\"MediaListCollection\":null},\"errors\":[{\"message\":\"Private User\",\"status\":404}]}");
        }
        return json(200, chunk(vars.path("chunk").asInt(1), vars.path("perChunk").asInt(500)).toString());
    }

    /**
     * @param chunk    the 1-based chunk
     * @param asked    the {@code perChunk} the request asks for (capped by {@link #chunkCap(int)})
     * @return the healthy answer to that chunk of {@code MediaListCollection}, for faults built from it
     */
    synchronized ObjectNode chunk(int chunk, int asked) {
        int perChunk = Math.min(chunkCap, asked);
        List<ObjectNode> all = new ArrayList<>(entries.values());
        List<ObjectNode> slice = all.subList(Math.min(all.size(), (chunk - 1) * perChunk), Math.min(all.size(), chunk * perChunk));
        ObjectNode out = JSON.createObjectNode();
        ObjectNode coll = out.putObject("data").putObject("MediaListCollection");
        coll.put("hasNextChunk", chunk * perChunk < all.size());
        ArrayNode lists = coll.putArray("lists");
        Map<String, ArrayNode> byStatus = new LinkedHashMap<>();
        ArrayNode custom = null;
        for (ObjectNode e : slice) {
            String status = e.path("status").asText();
            ArrayNode target = byStatus.computeIfAbsent(status, s -> {
                ObjectNode l = lists.addObject().put("name", s).put("status", s).put("isCustomList", false);
                return l.putArray("entries");
            });
            ObjectNode withMedia = withMedia(e);
            target.add(withMedia);
            if (custom == null) {
                custom = lists.addObject().put("name", "Favourites").putNull("status").put("isCustomList", true).putArray("entries");
            }
            custom.add(withMedia.deepCopy());
        }
        return out;
    }

    private ObjectNode withMedia(ObjectNode e) {
        ObjectNode copy = e.deepCopy();
        copy.set("media", media.get(e.path("mediaId").asLong()));
        return copy;
    }

    private ResponseDefinition mutate(String query) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode data = out.putObject("data");
        ArrayNode errors = JSON.createArrayNode();
        Matcher m = FIELD.matcher(query);
        while (m.find()) {
            String alias = m.group(1);
            String args = m.group(3);
            if (m.group(2).equals("DeleteMediaListEntry")) {
                long id = arg(args, "\\bid").longValue();
                boolean deleted = entries.values().removeIf(e -> e.path("id").asLong() == id);
                if (deleted) {
                    data.putObject(alias).put("deleted", true);
                } else {
                    data.putNull(alias);
                    errors.addObject().put("message", "Not Found.").put("status", 404).putArray("path").add(alias);
                }
                continue;
            }
            Number id = arg(args, "\\bid");
            Number mediaId = arg(args, "mediaId");
            ObjectNode entry = id != null ? entries.values().stream().filter(e -> e.path("id").asLong() == id.longValue())
                    .findFirst().orElse(null) : entries.get(mediaId == null ? -1 : mediaId.longValue());
            if (entry == null) {
                if (mediaId == null || !media.containsKey(mediaId.longValue())) {
                    data.putNull(alias);
                    errors.addObject().put("message", "validation").put("status", 400).putArray("path").add(alias);
                    continue;
                }
                entry = put(mediaId.longValue(), "PLANNING", 0);
            }
            Matcher status = Pattern.compile("status: (\\w+)").matcher(args);
            if (status.find()) {
                entry.put("status", status.group(1));
            }
            Number raw = arg(args, "scoreRaw");
            if (raw != null) {
                entry.put("score", fromRaw(raw.doubleValue()));
            }
            Number score = arg(args, "\\bscore");
            if (score != null) {
                entry.put("score", score.doubleValue());
            }
            Number progress = arg(args, "progress");
            if (progress != null) {
                entry.put("progress", progress.intValue());
            }
            Matcher date = Pattern.compile("completedAt: \\{year: (\\d+), month: (\\d+), day: (\\d+)}").matcher(args);
            if (date.find()) {
                entry.putObject("completedAt").put("year", Integer.parseInt(date.group(1)))
                        .put("month", Integer.parseInt(date.group(2))).put("day", Integer.parseInt(date.group(3)));
            }
            entry.put("updatedAt", entry.path("updatedAt").asLong() + 1);
            data.set(alias, withMedia(entry));
        }
        if (!errors.isEmpty()) {
            out.set("errors", errors);
        }
        return json(200, out.toString());
    }

    private double fromRaw(double raw) {
        return switch (scoreFormat) {
            case "POINT_100" -> raw;
            case "POINT_5" -> Math.round(raw / 20.0);
            case "POINT_3" -> raw == 0 ? 0 : raw <= 40 ? 1 : raw <= 70 ? 2 : 3;
            default -> raw / 10.0;
        };
    }

    private static Number arg(String args, String name) {
        Matcher m = Pattern.compile(name + ": (\\d+(?:\\.\\d+)?)").matcher(args);
        if (!m.find()) {
            return null;
        }
        String v = m.group(1);
        return v.contains(".") ? (Number) Double.parseDouble(v) : (Number) Long.parseLong(v);
    }

    private static ResponseDefinition json(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-RateLimit-Limit", "90").withHeader("X-RateLimit-Remaining", "89").withBody(body).build();
    }
}
