package io.crosswatch.providers.sync.mdblist;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads MDBList's write counters ({@code added}/{@code existing}/{@code updated}/
 * {@code deleted}/{@code removed} per bucket, {@code not_found} listing the ids sent) into one
 * outcome per item. The counters do not say which item was new, so a bucket with only
 * {@code existing} items answers EXISTING and any other success answers ADDED (or REMOVED).
 */
final class MdblistOutcomes {

    private MdblistOutcomes() {
    }

    static List<ItemOutcome> of(List<MediaItem> sent, JsonNode body, boolean add) {
        Set<String> notFound = notFoundIds(body.path("not_found"));
        List<ItemOutcome> out = new ArrayList<>(sent.size());
        for (MediaItem item : sent) {
            MediaIds ids = item.type() == MediaType.SEASON || item.type() == MediaType.EPISODE ? item.showIds() : item.ids();
            if (matches(ids, notFound)) {
                out.add(new ItemOutcome(item, Outcome.NOT_FOUND, "MDBList did not find " + ids));
                continue;
            }
            out.add(new ItemOutcome(item, add ? success(body, bucket(item)) : Outcome.REMOVED, null));
        }
        return out;
    }

    private static Outcome success(JsonNode body, String bucket) {
        long added = body.path("added").path(bucket).asLong(0);
        long updated = body.path("updated").path(bucket).asLong(0);
        long existing = body.path("existing").path(bucket).asLong(0);
        if (added == 0 && updated == 0 && existing > 0) {
            return Outcome.EXISTING;
        }
        if (added == 0 && updated > 0) {
            return Outcome.UPDATED;
        }
        return Outcome.ADDED;
    }

    private static String bucket(MediaItem item) {
        return switch (item.type()) {
            case MOVIE -> "movies";
            case SHOW -> "shows";
            case SEASON -> "seasons";
            case EPISODE -> "episodes";
        };
    }

    /** Every id value in {@code not_found}, whatever its nesting ({@code ids} objects, flat maps, bare values). */
    private static Set<String> notFoundIds(JsonNode notFound) {
        Set<String> out = new HashSet<>();
        collect(notFound, out);
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isContainerNode()) {
            node.forEach(n -> collect(n, out));
        } else if (node.isNumber() || node.isTextual()) {
            String v = node.asText().trim().toLowerCase(java.util.Locale.ROOT);
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
    }

    private static boolean matches(MediaIds ids, Set<String> notFound) {
        if (notFound.isEmpty()) {
            return false;
        }
        // An item counts as not found only when every id we sent for it is listed.
        List<String> sent = new ArrayList<>();
        ids.imdb().ifPresent(sent::add);
        ids.tmdb().ifPresent(sent::add);
        return !sent.isEmpty() && notFound.containsAll(sent);
    }
}
