package io.crosswatch.providers.sync.jellyfin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's playlists: the {@code playlists} feature, and the watchlist when it is configured as
 * {@code playlist:<name>}. Entries are removed by their entry id ({@code PlaylistItemId}), not
 * the item id; additions skip items a playlist already holds, since the server would add a
 * second entry.
 */
final class Playlists {

    private static final int IDS_PER_CALL = 100;

    private final ServerFlavor flavor;
    private final ServiceClient client;
    private final MediaBrowserSession session;

    Playlists(ServerFlavor flavor, ServiceClient client, MediaBrowserSession session) {
        this.flavor = flavor;
        this.client = client;
        this.session = session;
    }

    /**
     * @param watchlistPlaylist the playlist standing in for the watchlist, or {@code null}
     * @param watchlist         {@code true} to read only that playlist (as the watchlist), {@code false}
     *                          to read every other playlist
     * @return the entries as items
     */
    ReadResult read(String watchlistPlaylist, boolean watchlist) {
        List<MediaItem> items = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        for (Map.Entry<String, String> p : list().entrySet()) {
            boolean isWatchlist = p.getKey().equalsIgnoreCase(String.valueOf(watchlistPlaylist));
            if (isWatchlist != watchlist) {
                continue;
            }
            List<LibraryItem> entries = entries(p.getValue());
            for (LibraryItem li : entries) {
                if (watchlist && !li.kind().equals(LibraryItem.MOVIE)) {
                    continue; // the watchlist declares movies and shows; an episode entry is not one of them
                }
                MediaItem item = session.toMediaItem(li, watchlist ? null : p.getKey());
                Optional<String> why = session.unresolvedReason(li);
                if (why.isPresent()) {
                    unresolved.add(new Unresolved(item, why.get()));
                } else {
                    items.add(item);
                }
            }
        }
        return ReadResult.complete(items).withUnresolved(unresolved);
    }

    WriteResult add(Feature feature, List<MediaItem> items, String watchlistPlaylist, boolean dryRun) {
        ItemOutcome[] out = new ItemOutcome[items.size()];
        Map<String, List<Integer>> groups = group(feature, items, watchlistPlaylist, out);
        if (groups.isEmpty()) {
            return new WriteResult(List.of(out));
        }
        Map<String, String> lists = list();
        Library lib = session.index();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            String playlistId = find(lists, g.getKey());
            Set<String> present = new LinkedHashSet<>();
            if (playlistId != null) {
                entries(playlistId).forEach(e -> present.add(e.id()));
            }
            List<String> toAdd = new ArrayList<>();
            List<Integer> pending = new ArrayList<>();
            for (int i : g.getValue()) {
                List<LibraryItem> targets = lib.resolve(items.get(i));
                if (targets.isEmpty()) {
                    out[i] = new ItemOutcome(items.get(i), Outcome.NOT_FOUND, "no item of the " + flavor.label()
                            + " library shares an id with it");
                } else if (present.contains(targets.get(0).id()) || toAdd.contains(targets.get(0).id())) {
                    out[i] = new ItemOutcome(items.get(i), Outcome.EXISTING, null);
                } else {
                    toAdd.add(targets.get(0).id());
                    pending.add(i);
                }
            }
            Outcome result = Outcome.ADDED;
            String reason = null;
            if (!dryRun && !toAdd.isEmpty()) {
                try {
                    addTo(playlistId, g.getKey(), toAdd, lists);
                } catch (CancelledException | AuthException e) {
                    throw e;
                } catch (ProviderException e) {
                    result = Outcome.FAILED;
                    reason = "adding to playlist '" + g.getKey() + "' failed: " + e.getMessage();
                }
            }
            for (int i : pending) {
                out[i] = new ItemOutcome(items.get(i), result, reason);
            }
        }
        return new WriteResult(List.of(out));
    }

    WriteResult remove(Feature feature, List<MediaItem> items, String watchlistPlaylist, boolean dryRun) {
        ItemOutcome[] out = new ItemOutcome[items.size()];
        Map<String, List<Integer>> groups = group(feature, items, watchlistPlaylist, out);
        if (groups.isEmpty()) {
            return new WriteResult(List.of(out));
        }
        Map<String, String> lists = list();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            String playlistId = find(lists, g.getKey());
            if (playlistId == null) {
                g.getValue().forEach(i -> out[i] = new ItemOutcome(items.get(i), Outcome.NOT_FOUND,
                        "there is no playlist '" + g.getKey() + "'"));
                continue;
            }
            Library entries = entryIndex(entries(playlistId));
            List<String> entryIds = new ArrayList<>();
            List<Integer> pending = new ArrayList<>();
            for (int i : g.getValue()) {
                List<String> ids = entries.resolve(items.get(i)).stream().map(LibraryItem::playlistEntryId)
                        .filter(e -> e != null && !entryIds.contains(e)).toList();
                if (ids.isEmpty()) {
                    out[i] = new ItemOutcome(items.get(i), Outcome.NOT_FOUND, "not in playlist '" + g.getKey() + "'");
                } else {
                    entryIds.addAll(ids);
                    pending.add(i);
                }
            }
            Outcome result = Outcome.REMOVED;
            String reason = null;
            if (!dryRun && !entryIds.isEmpty()) {
                try {
                    for (int i = 0; i < entryIds.size(); i += IDS_PER_CALL) {
                        client.request("DELETE", "/Playlists/" + playlistId + "/Items").query(Query.of(
                                flavor.playlistEntryIdsParam(),
                                String.join(",", entryIds.subList(i, Math.min(entryIds.size(), i + IDS_PER_CALL))))).send();
                    }
                } catch (CancelledException | AuthException e) {
                    throw e;
                } catch (ProviderException e) {
                    result = Outcome.FAILED;
                    reason = "removing from playlist '" + g.getKey() + "' failed: " + e.getMessage();
                }
            }
            for (int i : pending) {
                out[i] = new ItemOutcome(items.get(i), result, reason);
            }
        }
        return new WriteResult(List.of(out));
    }

    /** Groups item indexes by playlist name, answering items that cannot go into a playlist at once. */
    private Map<String, List<Integer>> group(Feature feature, List<MediaItem> items, String watchlistPlaylist,
                                             ItemOutcome[] out) {
        boolean watchlist = feature == Feature.WATCHLIST;
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            boolean fits = item.type() == MediaType.MOVIE || !watchlist && item.type() == MediaType.EPISODE;
            String name = watchlist ? watchlistPlaylist : item.list().orElse(null);
            if (!fits) {
                out[i] = new ItemOutcome(item, Outcome.UNSUPPORTED, flavor.label() + " playlists here hold "
                        + (watchlist ? "movies" : "movies and episodes") + ", not " + item.type().key() + " items");
            } else if (name == null) {
                out[i] = new ItemOutcome(item, Outcome.FAILED, "the item names no playlist");
            } else {
                groups.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
            }
        }
        return groups;
    }

    private void addTo(String playlistId, String name, List<String> itemIds, Map<String, String> lists) {
        int from = 0;
        String id = playlistId;
        if (id == null) {
            List<String> first = itemIds.subList(0, Math.min(itemIds.size(), IDS_PER_CALL));
            id = create(name, first);
            lists.put(name, id);
            from = first.size();
        }
        Routes r = session.routes();
        for (int i = from; i < itemIds.size(); i += IDS_PER_CALL) {
            client.request("POST", "/Playlists/" + id + "/Items").query(Query.of(
                    flavor.playlistIdsParam(), String.join(",", itemIds.subList(i, Math.min(itemIds.size(), i + IDS_PER_CALL))),
                    flavor.playlistUserParam(), r.userId())).send();
        }
    }

    private String create(String name, List<String> itemIds) {
        Routes r = session.routes();
        JsonNode created;
        if (flavor.createsPlaylistsWithJson()) {
            ObjectNode body = client.mapper().createObjectNode();
            body.put("Name", name);
            ArrayNode ids = body.putArray("Ids");
            itemIds.forEach(ids::add);
            body.put("UserId", r.userId());
            body.put("MediaType", "Video");
            body.put("IsPublic", false);
            created = client.request("POST", "/Playlists").json(body).json();
        } else {
            created = client.request("POST", "/Playlists").query(Query.of("Name", name, "Ids", String.join(",", itemIds),
                    "UserId", r.userId(), "MediaType", "Video")).json();
        }
        String id = created.path("Id").asText("");
        if (id.isBlank()) {
            throw new ProviderException(flavor.provider(), false, "POST /Playlists answered without the new playlist's Id");
        }
        return id;
    }

    /** @return the user's playlists, name to id (the first of equal names wins) */
    private Map<String, String> list() {
        Routes r = session.routes();
        PagedItems<JsonNode> pages = Paging.startIndex(client, r.items(),
                r.user().and(Query.of("Recursive", "true", "IncludeItemTypes", "Playlist")),
                session.settings().pageSize(), JsonNode.class);
        Map<String, String> out = new LinkedHashMap<>();
        while (pages.hasNext()) {
            JsonNode n = pages.next();
            String name = n.path("Name").asText("");
            if (LibraryItem.PLAYLIST.equals(n.path("Type").asText()) && !name.isBlank()) {
                out.putIfAbsent(name, n.path("Id").asText());
            }
        }
        return out;
    }

    private static String find(Map<String, String> lists, String name) {
        for (Map.Entry<String, String> e : lists.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** @return a playlist's movie and episode entries, with their series fetched once */
    private List<LibraryItem> entries(String playlistId) {
        PagedItems<JsonNode> pages = Paging.startIndex(client, "/Playlists/" + playlistId + "/Items",
                Query.of(flavor.playlistUserParam(), session.routes().userId(), "Fields", flavor.listFields()),
                session.settings().pageSize(), JsonNode.class);
        List<LibraryItem> out = new ArrayList<>();
        while (pages.hasNext()) {
            LibraryItem li = LibraryItem.parse(pages.next());
            if (li.kind().equals(LibraryItem.MOVIE) || li.kind().equals(LibraryItem.EPISODE)) {
                out.add(li);
            }
        }
        session.fetchSeries(out.stream().map(LibraryItem::seriesId).filter(s -> s != null).toList());
        return out;
    }

    /** An index over playlist entries, their series included so episodes match by show and number too. */
    private Library entryIndex(List<LibraryItem> entries) {
        List<LibraryItem> all = new ArrayList<>(entries);
        Map<String, LibraryItem> series = new HashMap<>();
        for (LibraryItem e : entries) {
            session.knownSeries(e.seriesId()).ifPresent(s -> {
                if (series.put(s.id(), s) == null) {
                    all.add(s);
                }
            });
        }
        return new Library(all, series);
    }
}
