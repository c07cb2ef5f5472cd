package io.crosswatch.providers.sync.plex;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The library of one server as read in a session, indexed so that writes find an item's rating
 * key without a search per item: by type and any id, and episodes also by their show's ids plus
 * season and episode numbers. Rows are replaced (not mutated) after writes; thread-safe for the
 * parallel writers.
 */
final class LibraryIndex {

    private final Map<String, PlexRow> byKey = new LinkedHashMap<>();
    private final Map<String, List<String>> byId = new HashMap<>();

    LibraryIndex(Collection<PlexRow> rows) {
        for (PlexRow r : rows) {
            if (byKey.putIfAbsent(r.ratingKey(), r) != null) {
                continue;
            }
            r.ids().values().forEach((ns, v) -> byId.computeIfAbsent(idKey(r.type(), ns, v), k -> new ArrayList<>())
                    .add(r.ratingKey()));
            if (r.type() == MediaType.EPISODE && r.season() != null && r.episode() != null) {
                r.showIds().values().forEach((ns, v) -> byId.computeIfAbsent(episodeKey(ns, v, r.season(), r.episode()),
                        k -> new ArrayList<>()).add(r.ratingKey()));
            }
        }
    }

    /** @return every row, in read order */
    synchronized List<PlexRow> rows() {
        return List.copyOf(byKey.values());
    }

    /** @return the row of a rating key */
    synchronized Optional<PlexRow> get(String ratingKey) {
        return Optional.ofNullable(byKey.get(ratingKey));
    }

    /** Replaces a row after a write changed its state. */
    synchronized void put(PlexRow row) {
        byKey.put(row.ratingKey(), row);
    }

    /**
     * @param item     an item from any service
     * @param serverId this server's machine identifier (a rating key attribute counts only when it is from here)
     * @return the library row of the item
     */
    synchronized Optional<PlexRow> find(MediaItem item, String serverId) {
        Optional<String> rk = item.attribute(PlexSession.ATTR_RATING_KEY);
        if (rk.isPresent() && serverId != null && serverId.equals(item.attribute(PlexSession.ATTR_SERVER).orElse(null))) {
            PlexRow r = byKey.get(rk.get());
            if (r != null && r.type() == item.type()) {
                return Optional.of(r);
            }
        }
        Optional<PlexRow> byOwnId = first(item.type(), item.ids());
        if (byOwnId.isPresent() || item.type() != MediaType.EPISODE) {
            return byOwnId;
        }
        if (item.season().isEmpty() || item.episode().isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> id : item.showIds().values().entrySet()) {
            List<String> keys = byId.get(episodeKey(id.getKey(), id.getValue(), item.season().get(), item.episode().get()));
            if (keys != null && !keys.isEmpty()) {
                return Optional.ofNullable(byKey.get(keys.get(0)));
            }
        }
        return Optional.empty();
    }

    private Optional<PlexRow> first(MediaType type, MediaIds ids) {
        for (Map.Entry<String, String> id : ids.values().entrySet()) {
            List<String> keys = byId.get(idKey(type, id.getKey(), id.getValue()));
            if (keys != null && !keys.isEmpty()) {
                return Optional.ofNullable(byKey.get(keys.get(0)));
            }
        }
        return Optional.empty();
    }

    private static String idKey(MediaType type, String ns, String value) {
        return type.key() + "|" + ns + ":" + value;
    }

    private static String episodeKey(String ns, String value, int season, int episode) {
        return "episode-of|" + ns + ":" + value + "|" + season + "|" + episode;
    }
}
