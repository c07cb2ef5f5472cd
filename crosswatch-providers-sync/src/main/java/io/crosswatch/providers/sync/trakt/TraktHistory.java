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
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Watched plays: {@code GET /sync/history}, {@code POST /sync/history} and
 * {@code POST /sync/history/remove} by play id. Trakt keeps every play and never de-duplicates,
 * so an add first checks the plays already there (to the minute, Trakt's precision) and does not
 * send those again; a removal removes exactly the plays named by their history ids.
 */
final class TraktHistory {

    /** The attribute holding a play's Trakt history id. */
    static final String HISTORY_ID = "traktHistoryId";

    static final Set<MediaType> TYPES = Set.of(MediaType.MOVIE, MediaType.EPISODE);

    private final ServiceClient client;
    private final TraktBulkWriter writer;
    /** The plays of the last read in this session; {@code null} once a write made it stale. */
    private List<MediaItem> plays;

    TraktHistory(ServiceClient client, TraktBulkWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    /** @return every play, newest first, each with its history id */
    List<MediaItem> read() {
        List<MediaItem> out = new ArrayList<>();
        Paging.pageCount(client, "/sync/history", Query.empty(), TraktSession.PAGE_LIMIT, JsonNode.class).stream()
                .forEach(entry -> TraktItems.item(entry).ifPresent(b -> out.add(b
                        .watchedAt(TraktItems.instant(entry, "watched_at").orElse(null))
                        .attribute(HISTORY_ID, entry.path("id").asText(null))
                        .build())));
        plays = List.copyOf(out);
        return plays;
    }

    WriteResult add(List<MediaItem> items, boolean dryRun) {
        List<MediaItem> known = plays != null ? plays : read();
        ItemOutcome[] out = new ItemOutcome[items.size()];
        List<Integer> toSend = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            if (TYPES.contains(item.type()) && known.stream().anyMatch(p -> samePlay(item, p))) {
                out[i] = new ItemOutcome(item, Outcome.EXISTING, "this play is already on Trakt; not sent again");
            } else {
                toSend.add(i);
            }
        }
        List<MediaItem> sending = toSend.stream().map(items::get).toList();
        WriteResult sent = writer.write("/sync/history", sending, TYPES, TraktHistory::watchedAt, false, dryRun);
        for (int k = 0; k < toSend.size(); k++) {
            out[toSend.get(k)] = sent.outcomes().get(k);
        }
        if (!dryRun && !sending.isEmpty()) {
            plays = null;
        }
        return new WriteResult(Arrays.asList(out));
    }

    WriteResult remove(List<MediaItem> items, boolean dryRun) {
        ItemOutcome[] out = new ItemOutcome[items.size()];
        List<List<Long>> ids = new ArrayList<>();
        List<Integer> sendable = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            List<Long> playIds = playIds(item);
            ids.add(playIds);
            if (!TYPES.contains(item.type())) {
                out[i] = new ItemOutcome(item, Outcome.UNSUPPORTED, "Trakt history holds movies and episodes only");
            } else if (playIds.isEmpty()) {
                out[i] = new ItemOutcome(item, Outcome.NOT_FOUND, "no such play in the Trakt history");
            } else if (dryRun) {
                out[i] = new ItemOutcome(item, Outcome.REMOVED, "dry run");
            } else {
                sendable.add(i);
            }
        }
        for (int from = 0; from < sendable.size(); from += TraktBulkWriter.BATCH) {
            List<Integer> chunk = sendable.subList(from, Math.min(sendable.size(), from + TraktBulkWriter.BATCH));
            if (writer.refuseEarly("/sync/history/remove", chunk, items, out)) {
                continue;
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            chunk.forEach(i -> ids.get(i).forEach(body.withArrayProperty("ids")::add));
            try {
                JsonNode response = client.request("POST", "/sync/history/remove").json(body).json();
                Set<Long> missing = new HashSet<>();
                response.path("not_found").path("ids").forEach(n -> missing.add(n.asLong()));
                for (int i : chunk) {
                    boolean gone = missing.containsAll(ids.get(i));
                    out[i] = new ItemOutcome(items.get(i), gone ? Outcome.NOT_FOUND : Outcome.REMOVED,
                            gone ? "Trakt no longer has this play" : null);
                }
            } catch (ProviderException e) {
                writer.fail("/sync/history/remove", chunk, items, out, e);
            }
        }
        if (!dryRun && !sendable.isEmpty()) {
            plays = null;
        }
        return new WriteResult(Arrays.asList(out));
    }

    /** The plays an item names: its own history id, else the matching plays of a read (same minute when dated). */
    private List<Long> playIds(MediaItem item) {
        Optional<String> own = item.attribute(HISTORY_ID);
        if (own.isPresent()) {
            return List.of(Long.parseLong(own.get()));
        }
        List<MediaItem> known = plays != null ? plays : read();
        return known.stream().filter(p -> samePlay(item, p)).map(p -> p.attribute(HISTORY_ID))
                .flatMap(Optional::stream).map(Long::parseLong).toList();
    }

    /** Same title, and the same minute when the item is dated (an undated item names every play). */
    private static boolean samePlay(MediaItem item, MediaItem play) {
        if (!TraktItems.same(item, play)) {
            return false;
        }
        Optional<Instant> when = item.watchedAt();
        return when.isEmpty() || play.watchedAt().map(t -> minute(t).equals(minute(when.get()))).orElse(false);
    }

    private static Instant minute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Sends {@code watched_at} in UTC; an undated play is recorded by Trakt as watched now. */
    private static Optional<String> watchedAt(MediaItem item, ObjectNode leaf) {
        item.watchedAt().ifPresent(t -> leaf.put("watched_at", TraktItems.timestamp(t)));
        return Optional.empty();
    }
}
