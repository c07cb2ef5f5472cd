package io.crosswatch.providers.sync.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.ServiceClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends items to Trakt's bulk endpoints ({@code /sync/watchlist}, {@code /sync/ratings},
 * {@code /sync/history}, list items and their {@code /remove} twins) in batches of at most
 * {@value #BATCH} and maps the {@code added/existing/deleted} counts and {@code not_found}
 * objects back to one outcome per item. Pacing (1 write per second) and 429s are the HTTP
 * toolkit's job.
 *
 * <p>A {@code 420} (account limit) marks that batch and every later item for the same endpoint
 * {@link Outcome#LIMIT_REACHED} without sending more; a {@code 423}/{@code 426} stops all writes
 * of the session. Lives as long as its session.
 */
final class TraktBulkWriter {

    /** Items per POST: Trakt gives no hard cap; 100 is what well-behaved clients send. */
    static final int BATCH = 100;

    /** Fills an item's per-feature fields ({@code rating}, {@code watched_at}) into its body node. */
    @FunctionalInterface
    interface Payload {
        /**
         * @param item the item
         * @param leaf the node naming it in the body
         * @return why the item cannot be sent, or empty when it can
         */
        Optional<String> fill(MediaItem item, ObjectNode leaf);

        /** Sends only the ids. */
        Payload NONE = (item, leaf) -> Optional.empty();
    }

    private static final String[] ARRAYS = {"movies", "shows", "seasons", "episodes"};

    private final ServiceClient client;
    private final Set<String> limited = new HashSet<>();
    private String blocked;

    TraktBulkWriter(ServiceClient client) {
        this.client = client;
    }

    /**
     * @param path    the endpoint, such as {@code /sync/watchlist} or {@code /sync/watchlist/remove}
     * @param items   the items, in the order outcomes are reported
     * @param types   the media types the feature takes; others are {@link Outcome#UNSUPPORTED}
     * @param payload fills per-item fields
     * @param remove  whether the endpoint removes (counts under {@code deleted})
     * @param dryRun  report what would be sent, send nothing
     * @return one outcome per item, in order
     */
    WriteResult write(String path, List<MediaItem> items, Set<MediaType> types, Payload payload, boolean remove,
                      boolean dryRun) {
        ItemOutcome[] out = new ItemOutcome[items.size()];
        Map<Integer, TraktItems.Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            if (!types.contains(item.type())) {
                out[i] = new ItemOutcome(item, Outcome.UNSUPPORTED, "Trakt does not take " + item.type().key()
                        + "s at " + path);
                continue;
            }
            Optional<TraktItems.Entry> entry = TraktItems.entry(item);
            if (entry.isEmpty()) {
                out[i] = new ItemOutcome(item, Outcome.NOT_FOUND, "no id Trakt can match (trakt, slug, imdb, tmdb, tvdb)");
                continue;
            }
            Optional<String> problem = payload.fill(item, entry.get().leaf());
            if (problem.isPresent()) {
                out[i] = new ItemOutcome(item, Outcome.FAILED, problem.get());
                continue;
            }
            entries.put(i, entry.get());
        }
        List<Integer> sendable = new ArrayList<>(entries.keySet());
        for (int from = 0; from < sendable.size(); from += BATCH) {
            List<Integer> chunk = sendable.subList(from, Math.min(sendable.size(), from + BATCH));
            if (dryRun) {
                chunk.forEach(i -> out[i] = new ItemOutcome(items.get(i), remove ? Outcome.REMOVED : Outcome.ADDED, "dry run"));
                continue;
            }
            if (refuseEarly(path, chunk, items, out)) {
                continue;
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            chunk.forEach(i -> body.withArrayProperty(entries.get(i).array()).add(entries.get(i).root()));
            try {
                JsonNode response = client.request("POST", path).json(body).json();
                outcomes(response, chunk, entries, items, remove, out);
            } catch (ProviderException e) {
                fail(path, chunk, items, out, e);
            }
        }
        return new WriteResult(Arrays.asList(out));
    }

    /**
     * Answers a chunk without sending it when an earlier write of this session showed it would
     * be refused (a 420 at the same endpoint, a locked account).
     *
     * @return whether the chunk must not be sent
     */
    boolean refuseEarly(String path, List<Integer> chunk, List<MediaItem> items, ItemOutcome[] out) {
        if (blocked != null) {
            chunk.forEach(i -> out[i] = new ItemOutcome(items.get(i), Outcome.FAILED, blocked));
            return true;
        }
        if (limited.contains(path)) {
            chunk.forEach(i -> out[i] = new ItemOutcome(items.get(i), Outcome.LIMIT_REACHED,
                    "the Trakt account limit was reached earlier in this run at " + path));
            return true;
        }
        return false;
    }

    /** Records a failed write of {@code chunk} and what it means for later writes. */
    void fail(String path, List<Integer> chunk, List<MediaItem> items, ItemOutcome[] out, ProviderException e) {
        Outcome outcome = Outcome.FAILED;
        if (TraktErrors.limitReached(e)) {
            limited.add(path);
            outcome = Outcome.LIMIT_REACHED;
        } else if (TraktErrors.accountBlocked(e)) {
            blocked = e.getMessage();
        }
        for (int i : chunk) {
            out[i] = new ItemOutcome(items.get(i), outcome, e.getMessage());
        }
    }

    /** Maps a bulk response to the chunk's outcomes. */
    static void outcomes(JsonNode response, List<Integer> chunk, Map<Integer, TraktItems.Entry> entries,
                         List<MediaItem> items, boolean remove, ItemOutcome[] out) {
        Set<Integer> missing = new HashSet<>();
        JsonNode notFound = response.path("not_found");
        for (String array : ARRAYS) {
            for (JsonNode nf : notFound.path(array)) {
                for (int i : chunk) {
                    TraktItems.Entry e = entries.get(i);
                    if (e.array().equals(array) && sameItem(nf, e.root())) {
                        missing.add(i);
                    }
                }
            }
        }
        JsonNode done = response.path(remove ? "deleted" : "added");
        JsonNode existing = response.path("existing");
        JsonNode updated = response.path("updated");
        for (int i : chunk) {
            MediaItem item = items.get(i);
            if (missing.contains(i)) {
                out[i] = new ItemOutcome(item, Outcome.NOT_FOUND, "not found on Trakt");
                continue;
            }
            String key = entries.get(i).countKey();
            Outcome o;
            if (remove) {
                o = Outcome.REMOVED;
            } else if (done.path(key).asInt(0) > 0) {
                o = Outcome.ADDED;
            } else if (existing.path(key).asInt(0) > 0) {
                o = Outcome.EXISTING;
            } else if (updated.path(key).asInt(0) > 0) {
                o = Outcome.UPDATED;
            } else {
                o = Outcome.ADDED;
            }
            out[i] = new ItemOutcome(item, o, null);
        }
    }

    /**
     * Whether a {@code not_found} echo names the entry sent: a shared id, and the same season
     * and episode numbers where the echo carries them (a bare show echo covers all its entries).
     */
    static boolean sameItem(JsonNode echo, JsonNode sent) {
        if (!TraktItems.ids(echo.path("ids")).values().entrySet().stream()
                .anyMatch(e -> e.getValue().equals(TraktItems.ids(sent.path("ids")).values().get(e.getKey())))) {
            return false;
        }
        JsonNode echoSeason = echo.path("seasons").path(0);
        if (echoSeason.isMissingNode()) {
            return true;
        }
        JsonNode sentSeason = sent.path("seasons").path(0);
        if (echoSeason.path("number").asInt(-1) != sentSeason.path("number").asInt(-2)) {
            return false;
        }
        JsonNode echoEpisode = echoSeason.path("episodes").path(0);
        return echoEpisode.isMissingNode()
                || echoEpisode.path("number").asInt(-1) == sentSeason.path("episodes").path(0).path("number").asInt(-2);
    }
}
