package io.crosswatch.api.media;

import io.crosswatch.api.Api;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The external ids of an item, normalized on construction so that equal ids compare equal
 * whatever service they came from.
 *
 * <p>Namespaces are lower-case names ({@link #IMDB}, {@link #TMDB}, …; service-local ids such
 * as {@code plex} or {@code jellyfin} too). Normalization drops empty and sentinel values
 * ({@code ""}, {@code none}, {@code null}, {@code 0}, {@code unknown}), writes imdb as lower
 * case {@code tt\d+} (bare digits gain {@code tt}), and strips leading zeros from numeric
 * namespaces. A value that does not fit its namespace is dropped rather than trusted.
 *
 * @param values namespace → normalized id, sorted by namespace, immutable
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record MediaIds(Map<String, String> values) {

    /** IMDb, {@code tt0133093}. */
    public static final String IMDB = "imdb";
    /** The Movie Database. */
    public static final String TMDB = "tmdb";
    /** TheTVDB. */
    public static final String TVDB = "tvdb";
    /** Trakt. */
    public static final String TRAKT = "trakt";
    /** SIMKL. */
    public static final String SIMKL = "simkl";
    /** AniList. */
    public static final String ANILIST = "anilist";
    /** MyAnimeList. */
    public static final String MAL = "mal";
    /** AniDB. */
    public static final String ANIDB = "anidb";
    /** Kitsu. */
    public static final String KITSU = "kitsu";
    /** A Plex rating key (server-local). */
    public static final String PLEX = "plex";
    /** A Plex guid such as {@code plex://movie/5d7768…} (account-wide). */
    public static final String PLEX_GUID = "plexguid";
    /** A Jellyfin item id (server-local). */
    public static final String JELLYFIN = "jellyfin";
    /** An Emby item id (server-local). */
    public static final String EMBY = "emby";
    /** A Trakt or URL slug. */
    public static final String SLUG = "slug";

    /** Namespaces whose ids are plain numbers. */
    public static final Set<String> NUMERIC = Set.of(TMDB, TVDB, TRAKT, SIMKL, ANILIST, MAL, ANIDB, KITSU, PLEX);

    private static final MediaIds EMPTY = new MediaIds(IdMap.EMPTY);

    /** Normalizes and copies. */
    public MediaIds {
        if (!(values instanceof IdMap)) {
            values = normalized(values);
        }
    }

    /**
     * Normalizes every pair into a sorted {@link IdMap}. A namespace that two keys normalize to
     * (such as {@code Tmdb} and {@code tmdb}) keeps the value met last, as a map put would.
     */
    private static IdMap normalized(Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return IdMap.EMPTY;
        }
        String[] slots = new String[values.size() * 2];
        int[] used = {0};
        values.forEach((ns, v) -> used[0] = put(slots, used[0], ns, v));
        return IdMap.of(slots, used[0]);
    }

    /**
     * Normalizes one pair as given and puts it into the sorted {@code slots[0..used)}; a null
     * namespace, an empty one and a value that normalizes to nothing are skipped.
     *
     * @return the new length
     */
    private static int put(String[] slots, int used, String rawNamespace, Object rawValue) {
        if (rawNamespace == null) {
            return used;
        }
        String n = namespace(rawNamespace);
        String norm = normalize(n, rawValue);
        return n.isEmpty() || norm == null ? used : insert(slots, used, n, norm);
    }

    /** Inserts or replaces one pair in the sorted {@code slots[0..used)}; returns the new length. */
    private static int insert(String[] slots, int used, String namespace, String value) {
        int i = 0;
        while (i < used && slots[i].compareTo(namespace) < 0) {
            i += 2;
        }
        if (i < used && slots[i].equals(namespace)) {
            slots[i + 1] = value;
            return used;
        }
        System.arraycopy(slots, i, slots, i + 2, used - i);
        slots[i] = namespace;
        slots[i + 1] = value;
        return used + 2;
    }

    /**
     * Lower-cases a namespace and answers the well-known ones with their constants, so millions
     * of ids read from JSON share a dozen namespace strings instead of one copy per id.
     */
    private static String namespace(String raw) {
        String n = raw.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case IMDB: return IMDB;
            case TMDB: return TMDB;
            case TVDB: return TVDB;
            case TRAKT: return TRAKT;
            case SIMKL: return SIMKL;
            case ANILIST: return ANILIST;
            case MAL: return MAL;
            case ANIDB: return ANIDB;
            case KITSU: return KITSU;
            case PLEX: return PLEX;
            case PLEX_GUID: return PLEX_GUID;
            case JELLYFIN: return JELLYFIN;
            case EMBY: return EMBY;
            case SLUG: return SLUG;
            default: return n;
        }
    }

    /** @return no ids */
    public static MediaIds empty() {
        return EMPTY;
    }

    /**
     * @param namespaceAndValue alternating namespace, value, namespace, value …
     * @return the normalized ids
     */
    public static MediaIds of(String... namespaceAndValue) {
        if (namespaceAndValue.length % 2 != 0) {
            throw new IllegalArgumentException("MediaIds.of takes namespace/value pairs");
        }
        String[] slots = new String[namespaceAndValue.length];
        int used = 0;
        for (int i = 0; i < namespaceAndValue.length; i += 2) {
            used = put(slots, used, namespaceAndValue[i], namespaceAndValue[i + 1]);
        }
        return new MediaIds(IdMap.of(slots, used));
    }

    /**
     * Normalizes one id.
     *
     * @param namespace a lower-case namespace
     * @param raw       the id as a service sent it (a {@code String} or a {@code Number})
     * @return the normalized id, or {@code null} when it is empty, a sentinel or malformed
     */
    public static String normalize(String namespace, Object raw) {
        if (raw == null) {
            return null;
        }
        String v = String.valueOf(raw).trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (v.isEmpty() || lower.equals("none") || lower.equals("null") || lower.equals("unknown")
                || lower.equals("n/a") || lower.equals("undefined")) {
            return null;
        }
        if (IMDB.equals(namespace)) {
            if (digits(lower, 0, 19)) {
                lower = "tt" + lower;
            }
            if (!lower.startsWith("tt") || !digits(lower, 2, 12)) {
                return null;
            }
            String digits = lower.substring(2);
            int start = 0;
            // IMDb pads to at least seven digits; strip only zeros beyond that padding.
            while (start < digits.length() - 7 && digits.charAt(start) == '0') {
                start++;
            }
            digits = digits.substring(start);
            return isAllZeros(digits) ? null : "tt" + digits;
        }
        if (NUMERIC.contains(namespace)) {
            if (raw instanceof Double d && d == Math.rint(d)) {
                v = String.valueOf(d.longValue());
            }
            if (!digits(v, 0, 19)) {
                return null;
            }
            int start = 0;
            while (start < v.length() && v.charAt(start) == '0') {
                start++;
            }
            return start == v.length() ? null : v.substring(start);
        }
        return lower.equals("0") ? null : v;
    }

    /**
     * Whether {@code s} from {@code from} on is 1 to {@code max} ASCII digits: what the patterns
     * {@code \\d{1,19}} and {@code tt\\d{1,12}} checked, without a matcher per id (every id of
     * every item read passes here).
     */
    private static boolean digits(String s, int from, int max) {
        int n = s.length() - from;
        if (n < 1 || n > max) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZeros(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** @return the id in {@code namespace}, if known */
    public Optional<String> get(String namespace) {
        return Optional.ofNullable(values.get(namespace));
    }

    /** @return the IMDb id, if known */
    public Optional<String> imdb() {
        return get(IMDB);
    }

    /** @return the TMDB id, if known */
    public Optional<String> tmdb() {
        return get(TMDB);
    }

    /** @return the TVDB id, if known */
    public Optional<String> tvdb() {
        return get(TVDB);
    }

    /** @return the Trakt id, if known */
    public Optional<String> trakt() {
        return get(TRAKT);
    }

    /** @return whether no id is known */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * @param namespace the namespace
     * @param value     the id (normalized; dropped when invalid)
     * @return a copy with the id set
     */
    public MediaIds with(String namespace, Object value) {
        TreeMap<String, String> m = new TreeMap<>(values);
        String norm = normalize(namespace, value);
        if (norm == null) {
            m.remove(namespace);
        } else {
            m.put(namespace, norm);
        }
        return new MediaIds(m);
    }

    /**
     * @param other ids to add; ids present here win on conflict
     * @return the union
     */
    public MediaIds merge(MediaIds other) {
        TreeMap<String, String> m = new TreeMap<>(other.values);
        m.putAll(values);
        return new MediaIds(m);
    }

    /** @return {@code ns:value} pairs joined with commas, e.g. {@code imdb:tt0133093,tmdb:603} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append(':').append(v));
        return sb.toString();
    }
}
