package io.crosswatch.providers.sync.simkl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request bodies of SIMKL's sync writes ({@code movies[]} and {@code shows[]} of items
 * carrying every known id) and the {@code not_found} lists of their answers.
 */
final class SimklBodies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SimklBodies() {
    }

    /** @return whether SIMKL can match the ids (at least one namespace it knows) */
    static boolean matchable(MediaIds ids) {
        for (String ns : SimklLibrary.ID_KEYS) {
            if (ids.get(ns).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** @return an {@code ids} object with every id SIMKL knows; numeric namespaces as numbers */
    static ObjectNode ids(MediaIds ids) {
        ObjectNode o = JSON.objectNode();
        for (String ns : SimklLibrary.ID_KEYS) {
            ids.get(ns).ifPresent(v -> {
                if (MediaIds.NUMERIC.contains(ns)) {
                    o.put(ns, Long.parseLong(v));
                } else {
                    o.put(ns, v);
                }
            });
        }
        return o;
    }

    /** @return {@code {title, year, ids}} of a movie or show */
    static ObjectNode media(MediaItem item, MediaIds ids) {
        ObjectNode o = JSON.objectNode();
        item.title().ifPresent(t -> o.put("title", t));
        item.year().ifPresent(y -> o.put("year", y));
        o.set("ids", ids(ids));
        return o;
    }

    /** @return the bucket a movie or show goes to in a write body */
    static String bucket(MediaItem item) {
        return item.type() == MediaType.MOVIE ? "movies" : "shows";
    }

    /** A write body under construction: {@code movies[]} and {@code shows[]}. */
    static final class Body {
        private final ObjectNode root = JSON.objectNode();
        private final Map<String, ObjectNode> shows = new LinkedHashMap<>();

        /** Adds a movie or show node to its bucket. */
        void add(String bucket, ObjectNode node) {
            array(bucket).add(node);
        }

        /**
         * Adds one episode under its show (grouped by the show's ids) and season.
         *
         * @param watchedAt the episode's {@code watched_at}, {@code null} for none (removals)
         * @param keep      a status list to keep the show in ({@code hold}, {@code dropped}), or {@code null}
         */
        void episode(MediaItem episode, Instant watchedAt, String keep) {
            String showKey = episode.showIds().toString();
            ObjectNode show = shows.computeIfAbsent(showKey, k -> {
                ObjectNode s = JSON.objectNode();
                episode.showTitle().ifPresent(t -> s.put("title", t));
                s.set("ids", ids(episode.showIds()));
                if (keep != null) {
                    s.put("status", keep);
                }
                s.putArray("seasons");
                array("shows").add(s);
                return s;
            });
            ArrayNode seasons = (ArrayNode) show.get("seasons");
            ObjectNode season = null;
            for (JsonNode s : seasons) {
                if (s.path("number").asInt() == episode.season().orElseThrow()) {
                    season = (ObjectNode) s;
                }
            }
            if (season == null) {
                season = seasons.addObject().put("number", episode.season().orElseThrow());
                season.putArray("episodes");
            }
            ObjectNode ep = ((ArrayNode) season.get("episodes")).addObject().put("number", episode.episode().orElseThrow());
            if (watchedAt != null) {
                ep.put("watched_at", watchedAt.toString());
            }
        }

        /** @return whether nothing was added */
        boolean isEmpty() {
            return root.isEmpty();
        }

        /** @return the JSON body */
        ObjectNode json() {
            return root;
        }

        private ArrayNode array(String bucket) {
            JsonNode a = root.get(bucket);
            return a instanceof ArrayNode arr ? arr : root.putArray(bucket);
        }
    }

    /**
     * @param response a write's answer
     * @return the ids of every entry in {@code not_found.movies} / {@code not_found.shows}, by bucket
     */
    static Map<String, List<MediaIds>> notFound(JsonNode response) {
        Map<String, List<MediaIds>> out = new TreeMap<>();
        for (String bucket : List.of("movies", "shows", "anime", "episodes")) {
            List<MediaIds> l = new ArrayList<>();
            for (JsonNode n : response.path("not_found").path(bucket)) {
                MediaIds ids = SimklLibrary.ids(n.path("ids"));
                if (!ids.isEmpty()) {
                    l.add(ids);
                }
            }
            out.put(bucket, l);
        }
        return out;
    }

    /** @return whether two id sets share one id */
    static boolean sharesId(MediaIds a, MediaIds b) {
        for (Map.Entry<String, String> e : a.values().entrySet()) {
            if (e.getValue().equals(b.values().get(e.getKey()))) {
                return true;
            }
        }
        return false;
    }
}
