package io.crosswatch.providers.sync.jellyfin;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One scan of the user's library (movies, series, episodes) and the index built from it, which
 * finds the server's item ids for items coming from another service: by any shared external id
 * of the same kind, and for an episode also by its show's ids plus season and episode number.
 * Emby's {@code AnyProviderIdEquals} lookup is deliberately not used: Jellyfin ignores it and
 * returns the unfiltered library.
 */
final class Library {

    private final List<LibraryItem> items;
    private final Map<String, LibraryItem> series;
    private final Map<String, List<LibraryItem>> byId = new HashMap<>();
    private final Map<String, List<LibraryItem>> episodesByNumber = new HashMap<>();

    /**
     * @param items  the scanned movies, series and episodes
     * @param series every series an episode refers to, by item id
     */
    Library(List<LibraryItem> items, Map<String, LibraryItem> series) {
        this.items = List.copyOf(items);
        this.series = Map.copyOf(series);
        for (LibraryItem li : items) {
            li.ids().values().forEach((ns, v) -> byId.computeIfAbsent(token(li.kind(), ns, v), k -> new ArrayList<>()).add(li));
            if (LibraryItem.EPISODE.equals(li.kind()) && li.seriesId() != null && li.season() != null && li.episode() != null) {
                episodesByNumber.computeIfAbsent(numberKey(li.seriesId(), li.season(), li.episode()), k -> new ArrayList<>())
                        .add(li);
            }
        }
    }

    /** @return every scanned item */
    List<LibraryItem> items() {
        return items;
    }

    /** @return the series with that item id, if known */
    Optional<LibraryItem> series(String seriesId) {
        return Optional.ofNullable(seriesId == null ? null : series.get(seriesId));
    }

    /**
     * @param item an item from any service
     * @return the library items it stands for (several when the library holds copies), empty when none
     */
    List<LibraryItem> resolve(MediaItem item) {
        String kind = kindOf(item.type());
        if (kind == null) {
            return List.of();
        }
        Set<LibraryItem> found = new LinkedHashSet<>(lookup(kind, item.ids()));
        if (found.isEmpty() && item.type() == MediaType.EPISODE && item.season().isPresent() && item.episode().isPresent()) {
            for (LibraryItem show : lookup(LibraryItem.SERIES, item.showIds())) {
                found.addAll(episodesByNumber.getOrDefault(numberKey(show.id(), item.season().get(), item.episode().get()),
                        List.of()));
            }
        }
        return List.copyOf(found);
    }

    private Collection<LibraryItem> lookup(String kind, MediaIds ids) {
        Set<LibraryItem> out = new LinkedHashSet<>();
        ids.values().forEach((ns, v) -> out.addAll(byId.getOrDefault(token(kind, ns, v), List.of())));
        return out;
    }

    /** @return the server's item kind for a media type, {@code null} for seasons */
    static String kindOf(MediaType type) {
        return switch (type) {
            case MOVIE -> LibraryItem.MOVIE;
            case SHOW -> LibraryItem.SERIES;
            case EPISODE -> LibraryItem.EPISODE;
            case SEASON -> null;
        };
    }

    private static String token(String kind, String ns, String value) {
        return kind + '|' + ns + ':' + value;
    }

    private static String numberKey(String seriesId, int season, int episode) {
        return seriesId + '|' + season + '|' + episode;
    }
}
