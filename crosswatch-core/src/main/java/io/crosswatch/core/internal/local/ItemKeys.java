package io.crosswatch.core.internal.local;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.core.sync.Ids;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The identity keys of an item in the local tracker. Two items are the same when they share any
 * key (any-id matching):
 * <ul>
 *   <li>each strong id (imdb, tmdb, tvdb, trakt) gives one key, scoped by media type because TMDB
 *       numbers movies and shows separately; an episode or season is also known by its show's
 *       strong ids plus its numbers;</li>
 *   <li>title + year is a weak key: an item without strong ids (a Letterboxd row) matches any
 *       stored item of that title and year, and an item with strong ids matches a stored item of
 *       that title and year only when the stored one has no strong ids itself — so two different
 *       films that share a title and year never merge. Titles compare by the engine's rule,
 *       {@link Ids#weakTitleKey(String)}, and an id-less item whose title and year fit more than one
 *       stored item with strong ids is ambiguous and matches none of them (see {@code LocalStore}).</li>
 * </ul>
 * Playlists scope keys by list name; history keys are per play, adding the minute watched, and
 * each play also stores item-level keys so an undated removal can find all plays of an item.
 */
public final class ItemKeys {

    /** The ids that identify an item across services. */
    public static final List<String> STRONG = List.of(MediaIds.IMDB, MediaIds.TMDB, MediaIds.TVDB, MediaIds.TRAKT);

    /** Weak key of any stored item with a title. */
    private static final String ANY_TITLE = "~";
    /** Weak key of a stored item that has no strong id. */
    private static final String WEAK_ONLY = "!";
    /** Item-level key of a history play, ignoring when it was watched. */
    private static final String ALL_PLAYS = "all|";

    private ItemKeys() {
    }

    /**
     * @param feature the feature
     * @param item    the item as it will be stored
     * @return the keys to index the stored row under
     */
    public static Set<String> stored(Feature feature, MediaItem item) {
        Set<String> strong = strong(item);
        Set<String> keys = new LinkedHashSet<>(strong);
        String title = titleKey(item);
        keys.add(ANY_TITLE + title);
        if (strong.isEmpty()) {
            keys.add(WEAK_ONLY + title);
        }
        Set<String> out = scoped(feature, item, keys);
        if (feature == Feature.HISTORY) {
            for (String k : keys) {
                out.add(ALL_PLAYS + k);
            }
        }
        return out;
    }

    /**
     * @param feature the feature
     * @param item    an item being added or removed
     * @return the keys under which a stored row would be the same item (for history: the same play)
     */
    public static Set<String> lookup(Feature feature, MediaItem item) {
        Set<String> strong = strong(item);
        Set<String> keys = new LinkedHashSet<>(strong);
        keys.add((strong.isEmpty() ? ANY_TITLE : WEAK_ONLY) + titleKey(item));
        return scoped(feature, item, keys);
    }

    /**
     * @param item a history item
     * @return the keys matching every stored play of the item, whenever it was watched
     */
    public static Set<String> allPlays(MediaItem item) {
        Set<String> strong = strong(item);
        Set<String> out = new LinkedHashSet<>();
        for (String k : strong) {
            out.add(ALL_PLAYS + k);
        }
        out.add(ALL_PLAYS + (strong.isEmpty() ? ANY_TITLE : WEAK_ONLY) + titleKey(item));
        return out;
    }

    private static Set<String> scoped(Feature feature, MediaItem item, Set<String> keys) {
        Set<String> out = new LinkedHashSet<>();
        String prefix = feature == Feature.PLAYLISTS
                ? "list=" + item.list().orElse("").toLowerCase(Locale.ROOT) + "|" : "";
        String suffix = feature == Feature.HISTORY
                ? "@" + item.watchedAt().map(w -> String.valueOf(w.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60))
                        .orElse("undated")
                : "";
        if (prefix.isEmpty() && suffix.isEmpty()) {
            // watchlist and ratings keys are unscoped: no new string per key
            out.addAll(keys);
            return out;
        }
        for (String k : keys) {
            out.add(prefix + k + suffix);
        }
        return out;
    }

    private static Set<String> strong(MediaItem item) {
        Set<String> keys = new LinkedHashSet<>();
        String type = item.type().key();
        for (String ns : STRONG) {
            item.ids().get(ns).ifPresent(v -> keys.add(type + "|" + ns + ":" + v));
        }
        if (item.type() == MediaType.EPISODE || item.type() == MediaType.SEASON) {
            String pos = position(item);
            for (String ns : STRONG) {
                item.showIds().get(ns).ifPresent(v -> keys.add(type + "|show/" + ns + ":" + v + "|" + pos));
            }
        }
        return keys;
    }

    private static String titleKey(MediaItem item) {
        String type = item.type().key();
        if (item.type() == MediaType.EPISODE || item.type() == MediaType.SEASON) {
            return type + "|show/title:" + norm(item.showTitle().orElse(item.title().orElse(""))) + "|" + position(item);
        }
        return type + "|title:" + norm(item.title().orElse("")) + "|" + item.year().map(String::valueOf).orElse("");
    }

    private static String position(MediaItem item) {
        return "s" + item.season().orElse(0) + (item.type() == MediaType.EPISODE ? "e" + item.episode().orElse(0) : "");
    }

    /** The engine's shared weak-title rule, so the tracker and the sync planner agree on what matches. */
    private static String norm(String title) {
        return Ids.weakTitleKey(title);
    }

    /**
     * @param feature the feature
     * @param item    an item
     * @return the keys of every stored row of the item's title and year (with or without strong ids)
     */
    public static Set<String> anyTitle(Feature feature, MediaItem item) {
        return scoped(feature, item, Set.of(ANY_TITLE + titleKey(item)));
    }

    /**
     * @param feature the feature
     * @param item    an item
     * @return the keys of the stored rows of the item's title and year that have no strong id
     */
    public static Set<String> weakOnly(Feature feature, MediaItem item) {
        return scoped(feature, item, Set.of(WEAK_ONLY + titleKey(item)));
    }

    /**
     * @param item an item
     * @return whether it has a strong id (its own, or its show's for an episode or season)
     */
    public static boolean hasStrong(MediaItem item) {
        return !strong(item).isEmpty();
    }
}
