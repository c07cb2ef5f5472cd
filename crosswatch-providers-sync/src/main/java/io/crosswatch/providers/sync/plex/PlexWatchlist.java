package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
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
import io.crosswatch.core.http.ServiceResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's watchlist on Plex Discover ({@code discoverUrl}): paged reads of
 * {@code /library/sections/watchlist/all}, and {@code /actions/addToWatchlist} /
 * {@code /actions/removeFromWatchlist} by the Discover rating key (the 24-hex tail of a
 * {@code plex://movie/…} guid). External ids missing from list rows come from
 * {@code {metadataUrl}/library/metadata/{key}}; an item known only by external ids is found
 * with {@code {metadataUrl}/library/metadata/matches?title=<provider>-<id>} and confirmed by its
 * {@code Guid[]}. Lookups are cached for the session.
 */
final class PlexWatchlist {

    private static final int PAGE_SIZE = 100; // Plex caps Discover pages (CrossWatch issue #38)
    private static final List<String> SEARCH_ORDER = List.of(MediaIds.TMDB, MediaIds.IMDB, MediaIds.TVDB);

    private final PlexSession session;
    private final Map<String, Optional<MediaIds>> hydrated = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> searched = new ConcurrentHashMap<>();
    private final Map<String, String> keyByExternalId = new ConcurrentHashMap<>();
    private Set<String> listed;

    PlexWatchlist(PlexSession session) {
        this.session = session;
    }

    synchronized ReadResult read() {
        PagedItems<JsonNode> pages = Paging.plex(session.clients().discover(), "/library/sections/watchlist/all",
                Query.of("includeCollections", 1, "includeExternalMedia", 1, "includeGuids", 1), PAGE_SIZE,
                "Metadata", JsonNode.class);
        List<JsonNode> rows = new ArrayList<>();
        while (pages.hasNext()) {
            session.context().cancellation().throwIfCancelled();
            JsonNode row = pages.next();
            if (typeOf(row.path("type").asText("")) != null && PlexJson.text(row.path("ratingKey")) != null) {
                rows.add(row);
            }
        }
        // List rows usually lack external ids: take them from the library when this session read
        // it, else look them up (in parallel, once per item per session).
        Map<String, MediaIds> fromLibrary = session.libraryIdsByPlexGuid();
        List<MediaIds> ids = session.calls().map(rows, row -> {
            MediaIds own = PlexGuids.idsOf(row);
            if (PlexGuids.hasExternalId(own)) {
                return own;
            }
            MediaIds known = own.get(MediaIds.PLEX_GUID).map(fromLibrary::get).orElse(null);
            if (known != null && PlexGuids.hasExternalId(known)) {
                return own.merge(known);
            }
            return own.merge(hydrate(PlexJson.text(row.path("ratingKey"))).orElse(MediaIds.empty()));
        });
        Set<String> keys = ConcurrentHashMap.newKeySet();
        List<MediaItem> items = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            MediaType type = typeOf(row.path("type").asText(""));
            String key = PlexJson.text(row.path("ratingKey"));
            MediaIds itemIds = ids.get(i);
            keys.add(key);
            Integer year = PlexJson.intOrNull(row.path("year"));
            MediaItem item = MediaItem.builder(type).ids(itemIds).title(PlexJson.text(row.path("title")))
                    .year(year != null && year >= 1870 && year <= 2200 ? year : null)
                    .attribute(PlexSession.ATTR_DISCOVER_KEY, key).build();
            if (PlexGuids.hasExternalId(itemIds)) {
                itemIds.values().forEach((ns, v) -> keyByExternalId.put(type.key() + "|" + ns + ":" + v, key));
                items.add(item);
            } else {
                unresolved.add(new Unresolved(item, "no external ids on Plex Discover (the title may have been "
                        + "removed from Discover)"));
            }
        }
        listed = keys;
        return ReadResult.complete(items).withUnresolved(unresolved);
    }

    WriteResult add(List<MediaItem> items, boolean dryRun) {
        Set<String> current = listed();
        return session.calls().run(items, item -> {
            Optional<String> key = discoverKeyOf(item);
            if (key.isEmpty()) {
                return new ItemOutcome(item, Outcome.NOT_FOUND, "not found on Plex Discover by its ids " + item.ids());
            }
            if (current.contains(key.get())) {
                return new ItemOutcome(item, Outcome.EXISTING, null);
            }
            if (!dryRun) {
                ServiceResponse r = action("addToWatchlist", key.get());
                current.add(key.get());
                if (!r.isSuccessful()) {
                    // Plex refuses an item already on the list; the state asked for holds.
                    return new ItemOutcome(item, Outcome.EXISTING, "Plex answered HTTP " + r.status());
                }
            }
            return new ItemOutcome(item, Outcome.ADDED, null);
        });
    }

    WriteResult remove(List<MediaItem> items, boolean dryRun) {
        Set<String> current = listed();
        return session.calls().run(items, item -> {
            Optional<String> key = discoverKeyOf(item);
            if (key.isEmpty()) {
                return new ItemOutcome(item, Outcome.NOT_FOUND, "not found on Plex Discover by its ids " + item.ids());
            }
            if (!current.contains(key.get())) {
                return new ItemOutcome(item, Outcome.REMOVED, "was not on the Plex watchlist");
            }
            if (!dryRun) {
                action("removeFromWatchlist", key.get()); // "not on the watchlist" answers count as removed
                current.remove(key.get());
            }
            return new ItemOutcome(item, Outcome.REMOVED, null);
        });
    }

    private ServiceResponse action(String action, String key) {
        return session.clients().discover().request("PUT", "/actions/" + action).query("ratingKey", key)
                .allowStatus(400, 404, 409).send();
    }

    private synchronized Set<String> listed() {
        if (listed == null) {
            read();
        }
        return listed;
    }

    /** The Discover key of an item: read here, in its Plex guid, seen in the read, or searched by external id. */
    private Optional<String> discoverKeyOf(MediaItem item) {
        Optional<String> attr = item.attribute(PlexSession.ATTR_DISCOVER_KEY);
        if (attr.isPresent()) {
            return attr;
        }
        Optional<String> fromGuid = item.ids().get(MediaIds.PLEX_GUID)
                .filter(g -> g.startsWith("plex://" + item.type().key() + "/"))
                .map(g -> g.substring(g.lastIndexOf('/') + 1));
        if (fromGuid.isPresent()) {
            return fromGuid;
        }
        for (Map.Entry<String, String> id : item.ids().values().entrySet()) {
            String known = keyByExternalId.get(item.type().key() + "|" + id.getKey() + ":" + id.getValue());
            if (known != null) {
                return Optional.of(known);
            }
        }
        for (String ns : SEARCH_ORDER) {
            Optional<String> id = item.ids().get(ns);
            if (id.isPresent()) {
                Optional<String> found = searched.computeIfAbsent(item.type().key() + "|" + ns + ":" + id.get(),
                        k -> search(item.type(), ns, id.get()));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code GET {metadataUrl}/library/metadata/matches?type=movie|show&title=<ns>-<id>}, confirmed by {@code Guid[]}. */
    private Optional<String> search(MediaType type, String ns, String id) {
        JsonNode candidates = session.clients().metadata().request("GET", "/library/metadata/matches")
                .query(Query.of("type", type.key(), "title", ns + "-" + id, "includeGuids", 1))
                .allowStatus(404).json().path("MediaContainer").path("Metadata");
        for (JsonNode c : candidates) {
            String key = PlexJson.text(c.path("ratingKey"));
            if (key == null || typeOf(c.path("type").asText(type.key())) != type) {
                continue;
            }
            MediaIds ids = PlexGuids.idsOf(c);
            if (!PlexGuids.hasExternalId(ids)) {
                ids = hydrate(key).orElse(MediaIds.empty());
            }
            if (id.equals(ids.get(ns).orElse(null))) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** {@code GET {metadataUrl}/library/metadata/{key}?includeGuids=1}: empty when Discover no longer has it. */
    private Optional<MediaIds> hydrate(String key) {
        return hydrated.computeIfAbsent(key, k -> {
            ServiceResponse r = session.clients().metadata().request("GET", "/library/metadata/" + k)
                    .query("includeGuids", 1).allowStatus(404).send();
            if (r.status() == 404) {
                return Optional.empty();
            }
            JsonNode first = r.json().path("MediaContainer").path("Metadata").path(0);
            return first.isMissingNode() ? Optional.empty() : Optional.of(PlexGuids.idsOf(first));
        });
    }

    private static MediaType typeOf(String plexType) {
        return switch (plexType) {
            case "movie" -> MediaType.MOVIE;
            case "show" -> MediaType.SHOW;
            default -> null;
        };
    }
}
