package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.core.sync.internal.Tokens;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Identity helpers shared by the engine and the providers: parse Plex guids and Jellyfin/Emby
 * {@code ProviderIds} into {@link MediaIds}, compute an item's canonical {@link ItemKey}, and list
 * the match tokens the engine's identity graph links items by.
 *
 * <p>Canonical keys pick the first id in {@link #KEY_PRIORITY} (then the Plex guid, then other
 * service-local ids), namespaced by type ({@code movie:tmdb:603} is not {@code show:tmdb:603}).
 * Seasons and episodes are keyed under their show: {@code show:tvdb:81189#s01e03}. An item with
 * no id gets a title+year key marked weak.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class Ids {

    /** The order in which namespaces are preferred for a canonical key. */
    public static final List<String> KEY_PRIORITY = List.of(MediaIds.TMDB, MediaIds.IMDB, MediaIds.TVDB,
            MediaIds.TRAKT, MediaIds.MAL, MediaIds.ANILIST, MediaIds.KITSU, MediaIds.ANIDB, MediaIds.SIMKL);

    private Ids() {
    }

    /**
     * Parses one Plex guid: {@code imdb://tt…}, {@code tmdb://…}, {@code tvdb://…},
     * {@code plex://movie/…} (kept as {@link MediaIds#PLEX_GUID}), legacy agent guids such as
     * {@code com.plexapp.agents.imdb://tt0133093?lang=en},
     * {@code com.plexapp.agents.themoviedb://603?lang=en},
     * {@code com.plexapp.agents.thetvdb://123/1/2?lang=en}, HAMA's {@code anidb-123}, and a bare
     * {@code tt…}. Unmatched agents ({@code local://}, {@code com.plexapp.agents.none://}) give no ids.
     *
     * @param guid the guid, may be {@code null}
     * @return the parse, or empty when the guid names no usable id
     */
    public static Optional<PlexGuid> parsePlexGuid(String guid) {
        if (guid == null || guid.isBlank()) {
            return Optional.empty();
        }
        String g = guid.trim();
        int sep = g.indexOf("://");
        if (sep < 0) {
            String id = MediaIds.normalize(MediaIds.IMDB, g);
            return id == null || !g.toLowerCase(Locale.ROOT).startsWith("tt") ? Optional.empty()
                    : Optional.of(new PlexGuid(MediaIds.of(MediaIds.IMDB, id), null, null));
        }
        String agent = g.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = g.substring(sep + 3);
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (agent.equals("plex")) {
            return rest.isEmpty() ? Optional.empty()
                    : Optional.of(new PlexGuid(MediaIds.of(MediaIds.PLEX_GUID, "plex://" + rest), null, null));
        }
        agent = agent.replaceFirst("^com\\.plexapp\\.agents\\.", "").replaceFirst("^tv\\.plex\\.agents\\.", "");
        String[] path = rest.split("/");
        String ns = namespaceOfAgent(agent);
        String id = path.length == 0 ? "" : path[0];
        if (agent.equals("hama")) {
            // HAMA ids look like anidb-123 or tvdb3-456 (the digit after tvdb is a mode, not the id)
            int dash = id.indexOf('-');
            if (dash < 0) {
                return Optional.empty();
            }
            String prefix = id.substring(0, dash).toLowerCase(Locale.ROOT).replaceFirst("\\d+$", "");
            ns = namespaceOfAgent(prefix);
            id = id.substring(dash + 1);
        }
        if (ns == null) {
            return Optional.empty();
        }
        MediaIds ids = MediaIds.of(ns, id);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Integer season = path.length > 1 ? parseNumber(path[1]) : null;
        Integer episode = season != null && path.length > 2 ? parseNumber(path[2]) : null;
        return Optional.of(new PlexGuid(ids, season, episode));
    }

    /**
     * Parses one Plex guid into ids. For a legacy episode guid ({@code thetvdb://123/1/2}) the
     * ids are the show's; use {@link #parsePlexGuid(String)} to get the numbers too.
     *
     * @param guid the guid, may be {@code null}
     * @return the ids, empty when the guid names none
     */
    public static MediaIds fromPlexGuid(String guid) {
        return parsePlexGuid(guid).map(PlexGuid::ids).orElse(MediaIds.empty());
    }

    /**
     * Merges several guids of one item (the top-level {@code guid} plus the {@code Guid[]} entries).
     *
     * @param guids the guids
     * @return the union of their ids (earlier guids win on conflict)
     */
    public static MediaIds fromPlexGuids(Collection<String> guids) {
        MediaIds out = MediaIds.empty();
        for (String g : guids) {
            out = out.merge(fromPlexGuid(g));
        }
        return out;
    }

    /**
     * Maps a Jellyfin/Emby {@code ProviderIds} object ({@code {"Imdb": "tt0133093", "Tmdb": "603"}}),
     * case-insensitive keys; unknown keys ({@code TmdbCollection}, {@code Zap2It}) are ignored.
     *
     * @param providerIds the map, may be {@code null}
     * @return the normalized ids
     */
    public static MediaIds fromProviderIds(Map<String, String> providerIds) {
        if (providerIds == null || providerIds.isEmpty()) {
            return MediaIds.empty();
        }
        Map<String, String> out = new TreeMap<>();
        providerIds.forEach((k, v) -> {
            if (k == null) {
                return;
            }
            String ns = namespaceOfProviderKey(k.trim().toLowerCase(Locale.ROOT));
            if (ns != null && v != null && MediaIds.normalize(ns, v) != null) {
                out.putIfAbsent(ns, v);
            }
        });
        return new MediaIds(out);
    }

    /**
     * The canonical key of an item from its own ids (see the class description).
     *
     * @param item the item
     * @return the key
     */
    public static ItemKey key(MediaItem item) {
        MediaType type = item.type();
        if (type == MediaType.MOVIE || type == MediaType.SHOW) {
            String best = best(item.ids(), type.key());
            return best != null ? new ItemKey(best, false) : new ItemKey(weakKey(item), true);
        }
        String suffix = type == MediaType.SEASON ? "#s" + twoDigits(item.season().orElse(0))
                : "#s" + twoDigits(item.season().orElse(0)) + "e" + twoDigits(item.episode().orElse(0));
        String show = best(item.showIds(), "show");
        if (show != null) {
            return new ItemKey(show + suffix, false);
        }
        String own = best(item.ids(), type.key());
        if (own != null) {
            return new ItemKey(own, false);
        }
        return new ItemKey(weakKey(item), true);
    }

    /**
     * The tokens the identity graph links this item by; two items that share any token are the
     * same item. Also the lookup keys of tombstones, unresolved items and phantom records.
     *
     * @param item the item
     * @return the tokens in string form, e.g. {@code tmdb:m:603}, {@code imdb:-:133093}
     */
    public static List<String> tokens(MediaItem item) {
        return List.copyOf(new Tokens().of(item).all());
    }

    /**
     * The key under which guard memory (tombstones, unresolved items, phantom adds) stores an item:
     * its canonical key, plus the minute of the play for history (so a re-watch is a new play) and
     * the list name for playlists.
     *
     * @param feature the feature
     * @param item    the item
     * @return e.g. {@code movie:tmdb:603}, {@code movie:tmdb:603@2024-05-01T20:15Z}, {@code movie:tmdb:603|list:Faves}
     */
    public static String guardKey(io.crosswatch.api.media.Feature feature, MediaItem item) {
        String k = key(item).value();
        if (feature == io.crosswatch.api.media.Feature.HISTORY) {
            k += "@" + item.watchedAt().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString()).orElse("undated");
        } else if (feature == io.crosswatch.api.media.Feature.PLAYLISTS) {
            k += "|list:" + item.list().orElse("");
        }
        return k;
    }

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");
    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final java.util.regex.Pattern LEADING_ARTICLE = java.util.regex.Pattern.compile("^(the|a|an) (?=.)");

    /**
     * The normalized title that weak (title + year) matching compares, shared by the sync engine
     * and the local tracker: accents stripped (NFKD, marks dropped), case-folded, {@code &} read as
     * {@code and}, punctuation and runs of spaces collapsed to one space, and a leading article
     * ({@code the}, {@code a}, {@code an}) dropped. {@code "The Lord of the Rings: The Return of the
     * King"} and {@code "lord of the rings the return of the king"} give the same key;
     * {@code "Amélie"} and {@code "Amelie"} too.
     *
     * @param title a title, may be {@code null}
     * @return the normalized title, empty for a blank or {@code null} title
     */
    public static String weakTitleKey(String title) {
        if (title == null || title.isEmpty()) {
            return "";
        }
        return isAscii(title) ? asciiTitleKey(title) : unicodeTitleKey(title);
    }

    /** The general rule, by NFKD and regular expressions; package-private so a test can hold the fast path to it. */
    static String unicodeTitleKey(String title) {
        String n = MARKS.matcher(java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFKD)).replaceAll("");
        n = NOT_WORD.matcher(n.toLowerCase(Locale.ROOT).replace("&", " and ")).replaceAll(" ").trim();
        return LEADING_ARTICLE.matcher(n).replaceFirst("");
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #unicodeTitleKey} for an ASCII title in one pass: NFKD leaves ASCII as it is and it has
     * no marks, and in ASCII the letters and digits are {@code [A-Za-z0-9]}. Every title of every
     * item is keyed several times a run (planner, guards, the local tracker's keys), where the
     * normalizer and three regular expressions dominated.
     */
    static String asciiTitleKey(String title) {
        StringBuilder sb = new StringBuilder(title.length() + 4);
        boolean gap = false;
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (gap && sb.length() > 0) {
                    sb.append(' ');
                }
                gap = false;
                sb.append(c);
            } else if (c == '&') {
                // " and ", a word between two gaps
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append("and");
                gap = true;
            } else {
                gap = true;
            }
        }
        int article = startsWithWord(sb, "the") ? 4 : startsWithWord(sb, "an") ? 3 : startsWithWord(sb, "a") ? 2 : 0;
        // the article goes only when something follows its space
        if (article > 0 && sb.length() > article) {
            sb.delete(0, article);
        }
        return sb.toString();
    }

    private static boolean startsWithWord(StringBuilder sb, String word) {
        int n = word.length();
        if (sb.length() <= n || sb.charAt(n) != ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (sb.charAt(i) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the item has no id at all, so only a weak title+year match is possible */
    public static boolean isWeak(MediaItem item) {
        return new Tokens().of(item).weak();
    }

    private static String best(MediaIds ids, String typeKey) {
        if (ids.isEmpty()) {
            return null;
        }
        for (String ns : KEY_PRIORITY) {
            String v = ids.values().get(ns);
            if (v != null) {
                return typeKey + ":" + ns + ":" + v;
            }
        }
        String guid = ids.values().get(MediaIds.PLEX_GUID);
        if (guid != null) {
            return typeKey + ":" + MediaIds.PLEX_GUID + ":" + guid;
        }
        Map.Entry<String, String> first = ids.values().entrySet().iterator().next();
        return typeKey + ":" + first.getKey() + ":" + first.getValue();
    }

    private static String weakKey(MediaItem item) {
        if (item.type() == MediaType.MOVIE || item.type() == MediaType.SHOW) {
            return item.type().key() + ":title:" + weakTitleKey(item.title().orElse("")) + ":"
                    + item.year().map(String::valueOf).orElse("");
        }
        String show = weakTitleKey(item.showTitle().or(item::title).orElse(""));
        return item.type() == MediaType.SEASON
                ? "show:title:" + show + "#s" + twoDigits(item.season().orElse(0))
                : "show:title:" + show + "#s" + twoDigits(item.season().orElse(0)) + "e" + twoDigits(item.episode().orElse(0));
    }

    /**
     * What {@code String.format(Locale.ROOT, "%02d", n)} gives, without a formatter: keys are built
     * for every episode of every run (hundreds of thousands), where the formatter dominated.
     */
    static String twoDigits(int n) {
        return n >= 0 && n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String namespaceOfAgent(String agent) {
        switch (agent) {
            case "imdb": return MediaIds.IMDB;
            case "tmdb": case "themoviedb": return MediaIds.TMDB;
            case "tvdb": case "thetvdb": return MediaIds.TVDB;
            case "anidb": return MediaIds.ANIDB;
            case "mal": case "myanimelist": return MediaIds.MAL;
            case "anilist": return MediaIds.ANILIST;
            default: return null;
        }
    }

    private static String namespaceOfProviderKey(String key) {
        switch (key) {
            case "imdb": return MediaIds.IMDB;
            case "tmdb": return MediaIds.TMDB;
            case "tvdb": return MediaIds.TVDB;
            case "trakt": return MediaIds.TRAKT;
            case "anidb": return MediaIds.ANIDB;
            case "anilist": return MediaIds.ANILIST;
            case "mal": case "myanimelist": return MediaIds.MAL;
            case "kitsu": return MediaIds.KITSU;
            case "simkl": return MediaIds.SIMKL;
            default: return null;
        }
    }

    private static Integer parseNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 6 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(s);
    }
}
