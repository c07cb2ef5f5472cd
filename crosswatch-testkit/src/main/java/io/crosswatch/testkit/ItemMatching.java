package io.crosswatch.testkit;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the connector rules decide that a read item is a sample item: the engine's any-id rule
 * (same type and one shared id), or for seasons and episodes a shared show id plus the same
 * numbers. Services enrich ids (Trakt adds its own, Plex its guid), so exact equality would be
 * too strict.
 */
final class ItemMatching {

    private ItemMatching() {
    }

    static boolean matches(MediaItem sample, MediaItem read) {
        if (sample.type() != read.type()) {
            return false;
        }
        if (sharesId(sample.ids(), read.ids())) {
            return true;
        }
        if (sample.type() == MediaType.EPISODE || sample.type() == MediaType.SEASON) {
            return sharesId(sample.showIds(), read.showIds()) && Objects.equals(sample.season(), read.season())
                    && Objects.equals(sample.episode(), read.episode());
        }
        return false;
    }

    static long count(MediaItem sample, List<MediaItem> read) {
        return read.stream().filter(r -> matches(sample, r)).count();
    }

    static boolean sharesId(MediaIds a, MediaIds b) {
        for (Map.Entry<String, String> e : a.values().entrySet()) {
            if (e.getValue().equals(b.values().get(e.getKey()))) {
                return true;
            }
        }
        return false;
    }

    /** A stable identity of a read item: what must not change between two reads of an unchanged backend. */
    static String key(Feature feature, MediaItem item) {
        Map<String, Object> k = new TreeMap<>();
        k.put("type", item.type());
        k.put("ids", item.ids());
        k.put("show", item.showIds());
        k.put("season", item.season().orElse(null));
        k.put("episode", item.episode().orElse(null));
        k.put("list", item.list().orElse(null));
        if (feature == Feature.HISTORY) {
            k.put("watchedAt", item.watchedAt().orElse(null));
        }
        return k.toString();
    }
}
