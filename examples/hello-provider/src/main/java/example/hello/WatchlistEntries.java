package example.hello;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the service's watchlist entries to {@link MediaItem}s and back. The service keeps
 * movies and shows with imdb, tmdb and tvdb ids; the SDK matches items across services by
 * those ids, so an entry with none of them cannot be synced.
 */
final class WatchlistEntries {

    /** The attribute carrying the service's own entry id, so a remove needs no lookup. */
    static final String ENTRY_ID = "hello.id";
    /** The id namespaces the service stores. */
    static final List<String> NAMESPACES = List.of(MediaIds.IMDB, MediaIds.TMDB, MediaIds.TVDB);

    private WatchlistEntries() {
    }

    /**
     * @param entry one element of {@code GET /watchlist}
     * @return the item, or empty when the entry is not a movie or show
     */
    static Optional<MediaItem> toItem(Map<?, ?> entry) {
        MediaType type = typeOf(String.valueOf(entry.get("type")));
        if (type == null) {
            return Optional.empty();
        }
        MediaIds ids = MediaIds.empty();
        if (entry.get("ids") instanceof Map<?, ?> raw) {
            for (String ns : NAMESPACES) {
                ids = ids.with(ns, raw.get(ns));
            }
        }
        MediaItem.Builder b = MediaItem.builder(type).ids(ids).attribute(ENTRY_ID, String.valueOf(entry.get("id")));
        if (entry.get("title") instanceof String title) {
            b.title(title);
        }
        if (entry.get("year") instanceof Number year) {
            b.year(year.intValue());
        }
        return Optional.of(b.build());
    }

    /** @return the body of {@code POST /watchlist} for {@code item} */
    static Map<String, Object> toEntry(MediaItem item) {
        Map<String, Object> ids = new LinkedHashMap<>();
        NAMESPACES.forEach(ns -> item.ids().get(ns).ifPresent(v -> ids.put(ns, v)));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", item.type() == MediaType.MOVIE ? "movie" : "show");
        item.title().ifPresent(t -> entry.put("title", t));
        item.year().ifPresent(y -> entry.put("year", y));
        entry.put("ids", ids);
        return entry;
    }

    /** @return whether the service can store {@code item}: a movie or show with a known id */
    static boolean storable(MediaItem item) {
        return takes(item.type()) && NAMESPACES.stream().anyMatch(ns -> item.ids().get(ns).isPresent());
    }

    /** @return whether the service takes this type at all */
    static boolean takes(MediaType type) {
        return type == MediaType.MOVIE || type == MediaType.SHOW;
    }

    /** @return whether {@code a} and {@code b} are the same title: same type and a shared id */
    static boolean sameTitle(MediaItem a, MediaItem b) {
        return a.type() == b.type() && NAMESPACES.stream()
                .anyMatch(ns -> a.ids().get(ns).isPresent() && a.ids().get(ns).equals(b.ids().get(ns)));
    }

    private static MediaType typeOf(String type) {
        switch (type) {
            case "movie":
                return MediaType.MOVIE;
            case "show":
                return MediaType.SHOW;
            default:
                return null;
        }
    }
}
