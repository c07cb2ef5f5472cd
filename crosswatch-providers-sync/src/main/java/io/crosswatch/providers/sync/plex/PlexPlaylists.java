package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.Unresolved;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import io.crosswatch.core.http.PagedItems;
import io.crosswatch.core.http.Paging;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regular video playlists of the token's user on the server: {@code GET /playlists}, their
 * items ({@code /playlists/{id}/items}, paged), creation with a {@code server://} URI, adding by
 * rating keys in one call per playlist, and removal by {@code playlistItemID}. Smart playlists
 * are skipped: their contents are rules, not items.
 */
final class PlexPlaylists {

    /** A playlist as read: its id, title and entries (rating key to playlistItemID). */
    private record Playlist(String id, String title, Map<String, String> entries) {
    }

    private final PlexSession session;
    private Map<String, Playlist> cache;

    PlexPlaylists(PlexSession session) {
        this.session = session;
    }

    synchronized ReadResult read() {
        PlexLibrary.Snapshot library = session.snapshot();
        LibraryIndex index = library.index();
        ServiceClient pms = session.clients().server();
        Map<String, Playlist> lists = new LinkedHashMap<>();
        List<MediaItem> items = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        List<String> problems = new ArrayList<>(library.problems());
        JsonNode all = pms.get("/playlists", Query.of("playlistType", "video", "smart", 0))
                .path("MediaContainer").path("Metadata");
        for (JsonNode p : all) {
            if (p.path("smart").asBoolean(false) || !p.path("playlistType").asText("video").equals("video")) {
                continue;
            }
            String id = p.path("ratingKey").asText();
            String title = p.path("title").asText(id);
            Map<String, String> entries = new LinkedHashMap<>();
            try {
                PagedItems<JsonNode> rows = Paging.plex(pms, "/playlists/" + id + "/items", Query.of("includeGuids", 1),
                        pageSize(), "Metadata", JsonNode.class);
                while (rows.hasNext()) {
                    session.context().cancellation().throwIfCancelled();
                    JsonNode json = rows.next();
                    PlexRow parsed = PlexRow.of(json, showKey -> index.get(showKey).map(PlexRow::ids).orElse(MediaIds.empty()));
                    if (parsed == null) {
                        continue;
                    }
                    PlexRow row = index.get(parsed.ratingKey()).orElse(parsed);
                    String entry = json.path("playlistItemID").asText("");
                    entries.put(row.ratingKey(), entry);
                    MediaItem item = session.itemOf(row).list(title).attribute(PlexSession.ATTR_PLAYLIST, id)
                            .attribute(PlexSession.ATTR_PLAYLIST_ITEM, entry.isEmpty() ? null : entry).build();
                    if (row.resolvable()) {
                        items.add(item);
                    } else {
                        unresolved.add(new Unresolved(item, PlexSession.unresolvedReason(row)));
                    }
                }
            } catch (CancelledException e) {
                throw e;
            } catch (CrossWatchException e) {
                problems.add("playlist '" + title + "' could not be read: " + e.getMessage());
            }
            lists.put(title, new Playlist(id, title, entries));
        }
        cache = problems.isEmpty() ? lists : null;
        ReadResult r = problems.isEmpty() ? ReadResult.complete(items) : ReadResult.partial(items, String.join("; ", problems));
        return r.withUnresolved(unresolved);
    }

    synchronized WriteResult add(List<MediaItem> items, boolean dryRun) {
        Map<String, Playlist> lists = lists();
        LibraryIndex index = session.index();
        String server = session.knownMachineId();
        List<ItemOutcome> out = new ArrayList<>();
        Map<String, List<MediaItem>> byList = new LinkedHashMap<>();
        for (MediaItem item : items) {
            if (item.list().isEmpty()) {
                out.add(new ItemOutcome(item, Outcome.FAILED, "the item names no playlist"));
            } else {
                byList.computeIfAbsent(item.list().get(), k -> new ArrayList<>()).add(item);
            }
        }
        boolean changed = false;
        for (Map.Entry<String, List<MediaItem>> group : byList.entrySet()) {
            Playlist list = lists.get(group.getKey());
            List<MediaItem> toAdd = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (MediaItem item : group.getValue()) {
                Optional<PlexRow> row = index.find(item, server);
                if (row.isEmpty()) {
                    out.add(new ItemOutcome(item, Outcome.NOT_FOUND, "not in the Plex library"));
                } else if (list != null && list.entries().containsKey(row.get().ratingKey())
                        || keys.contains(row.get().ratingKey())) {
                    out.add(new ItemOutcome(item, Outcome.EXISTING, null));
                } else {
                    toAdd.add(item);
                    keys.add(row.get().ratingKey());
                }
            }
            if (toAdd.isEmpty()) {
                continue;
            }
            if (dryRun) {
                toAdd.forEach(i -> out.add(new ItemOutcome(i, Outcome.ADDED, null)));
                continue;
            }
            try {
                String uri = "server://" + session.machineId() + "/" + PlexSession.LIBRARY_IDENTIFIER
                        + "/library/metadata/" + String.join(",", keys);
                ServiceClient pms = session.clients().server();
                if (list != null) {
                    pms.request("PUT", "/playlists/" + list.id() + "/items").query("uri", uri).send();
                } else {
                    pms.request("POST", "/playlists").query(Query.of("type", "video", "title", group.getKey(),
                            "smart", 0, "uri", uri)).send();
                }
                changed = true;
                toAdd.forEach(i -> out.add(new ItemOutcome(i, Outcome.ADDED, null)));
            } catch (CancelledException e) {
                throw e;
            } catch (CrossWatchException e) {
                toAdd.forEach(i -> out.add(new ItemOutcome(i, Outcome.FAILED, e.getMessage())));
            }
        }
        if (changed) {
            cache = null; // entry ids of the new items are only known after a read
        }
        return ordered(items, out);
    }

    synchronized WriteResult remove(List<MediaItem> items, boolean dryRun) {
        Map<String, Playlist> lists = lists();
        LibraryIndex index = session.index();
        String server = session.knownMachineId();
        WriteResult result = session.calls().run(items, item -> {
            Playlist list = item.list().map(lists::get).orElse(null);
            if (list == null) {
                return new ItemOutcome(item, Outcome.NOT_FOUND, "no Plex playlist named '" + item.list().orElse("") + "'");
            }
            String entry = entryOf(item, list, index, server);
            if (entry == null) {
                return new ItemOutcome(item, Outcome.NOT_FOUND, "not in the Plex playlist '" + list.title() + "'");
            }
            if (!dryRun) {
                session.clients().server().request("DELETE", "/playlists/" + list.id() + "/items/" + entry).send();
            }
            return new ItemOutcome(item, Outcome.REMOVED, null);
        });
        if (!dryRun && result.outcomes().stream().anyMatch(ItemOutcome::succeeded)) {
            cache = null;
        }
        return result;
    }

    private static String entryOf(MediaItem item, Playlist list, LibraryIndex index, String server) {
        Optional<String> attr = item.attribute(PlexSession.ATTR_PLAYLIST_ITEM);
        if (attr.isPresent() && list.id().equals(item.attribute(PlexSession.ATTR_PLAYLIST).orElse(null))
                && list.entries().containsValue(attr.get())) {
            return attr.get();
        }
        return index.find(item, server).map(r -> list.entries().get(r.ratingKey())).filter(e -> !e.isEmpty()).orElse(null);
    }

    private Map<String, Playlist> lists() {
        if (cache == null) {
            ReadResult r = read();
            if (cache == null) {
                throw new io.crosswatch.api.ProviderException("plex", true, "the playlists could not be read completely: "
                        + r.reason().orElse("unknown reason"));
            }
        }
        return cache;
    }

    private int pageSize() {
        return (int) Math.max(1, Math.min(1000, session.config().number(PlexKeys.PAGE_SIZE, 200)));
    }

    /** Outcomes in the order of the items sent. */
    private static WriteResult ordered(List<MediaItem> items, List<ItemOutcome> outcomes) {
        List<ItemOutcome> out = new ArrayList<>(items.size());
        List<ItemOutcome> pool = new ArrayList<>(outcomes);
        for (MediaItem item : items) {
            for (int i = 0; i < pool.size(); i++) {
                if (pool.get(i).item() == item) {
                    out.add(pool.remove(i));
                    break;
                }
            }
        }
        return new WriteResult(out);
    }
}
