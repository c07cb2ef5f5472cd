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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's personal lists as playlists ({@code /users/me/lists}): {@link MediaItem#list()} is
 * the list's name. Adding to a list that does not exist creates it (private); items go through
 * the list's bulk {@code items} and {@code items/remove} endpoints.
 */
final class TraktLists {

    /** The attribute holding the Trakt id of the list an item was read from. */
    static final String LIST_ID = "traktListId";

    static final Set<MediaType> TYPES = Set.of(MediaType.MOVIE, MediaType.SHOW, MediaType.SEASON, MediaType.EPISODE);

    private final ServiceClient client;
    private final TraktBulkWriter writer;
    /** List name → list object, read once per session and kept current by creations. */
    private Map<String, JsonNode> byName;

    TraktLists(ServiceClient client, TraktBulkWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    /** @return every item of every personal list, each carrying its list's name */
    List<MediaItem> read() {
        byName = null;
        List<MediaItem> out = new ArrayList<>();
        for (JsonNode list : lists().values()) {
            String name = list.path("name").asText();
            String id = list.path("ids").path("trakt").asText();
            Paging.pageCount(client, itemsPath(id) + "/movie,show,season,episode", Query.empty(), TraktSession.PAGE_LIMIT,
                    JsonNode.class).stream().forEach(entry -> TraktItems.item(entry)
                    .ifPresent(b -> out.add(b.list(name).attribute(LIST_ID, id).build())));
        }
        return out;
    }

    WriteResult add(List<MediaItem> items, boolean dryRun) {
        return write(items, false, dryRun);
    }

    WriteResult remove(List<MediaItem> items, boolean dryRun) {
        return write(items, true, dryRun);
    }

    private WriteResult write(List<MediaItem> items, boolean remove, boolean dryRun) {
        ItemOutcome[] out = new ItemOutcome[items.size()];
        Map<String, List<Integer>> byList = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Optional<String> list = items.get(i).list();
            if (list.isEmpty()) {
                out[i] = new ItemOutcome(items.get(i), Outcome.FAILED, "no list name: a playlist item names its list");
            } else {
                byList.computeIfAbsent(list.get(), k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> group : byList.entrySet()) {
            List<Integer> idx = group.getValue();
            List<MediaItem> members = idx.stream().map(items::get).toList();
            Optional<JsonNode> list = find(group.getKey());
            if (list.isEmpty() && (remove || dryRun)) {
                copy(WriteResult.all(members, remove ? Outcome.NOT_FOUND : Outcome.ADDED), idx, out);
                continue;
            }
            if (list.isEmpty()) {
                ItemOutcome[] failed = new ItemOutcome[members.size()];
                List<Integer> all = java.util.stream.IntStream.range(0, members.size()).boxed().toList();
                // a 420 on an earlier creation (the account's list count is full) stops further creations
                if (writer.refuseEarly("/users/me/lists", all, members, failed)) {
                    copy(new WriteResult(Arrays.asList(failed)), idx, out);
                    continue;
                }
                try {
                    list = Optional.of(create(group.getKey()));
                } catch (ProviderException e) {
                    writer.fail("/users/me/lists", all, members, failed, e);
                    copy(new WriteResult(Arrays.asList(failed)), idx, out);
                    continue;
                }
            }
            String id = list.get().path("ids").path("trakt").asText();
            WriteResult r = writer.write(itemsPath(id) + (remove ? "/remove" : ""), members, TYPES,
                    TraktBulkWriter.Payload.NONE, remove, dryRun);
            copy(r, idx, out);
        }
        return new WriteResult(Arrays.asList(out));
    }

    private static void copy(WriteResult r, List<Integer> idx, ItemOutcome[] out) {
        for (int k = 0; k < idx.size(); k++) {
            out[idx.get(k)] = r.outcomes().get(k);
        }
    }

    private Map<String, JsonNode> lists() {
        if (byName == null) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            Paging.pageCount(client, "/users/me/lists", Query.empty(), TraktSession.PAGE_LIMIT, JsonNode.class).stream()
                    .forEach(l -> m.putIfAbsent(l.path("name").asText(), l));
            byName = m;
        }
        return byName;
    }

    /** The list named so, exactly, else ignoring case. */
    private Optional<JsonNode> find(String name) {
        Map<String, JsonNode> lists = lists();
        if (lists.containsKey(name)) {
            return Optional.of(lists.get(name));
        }
        return lists.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Creates a private list ({@code POST /users/me/lists}; a 420 means the account's list count is full). */
    private JsonNode create(String name) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name).put("privacy", "private");
        JsonNode created = client.request("POST", "/users/me/lists").json(body).json();
        lists().put(name, created);
        return created;
    }

    private static String itemsPath(String listId) {
        return "/users/me/lists/" + listId + "/items";
    }
}
