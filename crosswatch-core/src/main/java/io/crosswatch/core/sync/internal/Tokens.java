package io.crosswatch.core.sync.internal;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The match tokens of one item, computed into reusable buffers so the identity graph can build
 * millions of them without allocating per token.
 *
 * <p>A token names one external id in its scope. Most fit a packed {@code long}: namespace code
 * (4 bits), scope (2 bits: none, movie, show, episode-own), season+1 (12 bits), episode+1 (14
 * bits) and the numeric id (32 bits). Ids that do not fit, Plex guids and service-local ids use
 * the string form of the same token ({@code tmdb:s:1399#s1e3}). Episode tokens are scoped by
 * their show ({@code <show token>#s1e3}), so two services that know different ids of the same
 * show still match the episode. Service-local ids (plex, jellyfin, …) are used only when an
 * item has no global id; an item without any id gets one weak title+year token.
 */
public final class Tokens {

    /** Global numeric namespaces with their packing codes (index = code). */
    static final String[] NAMESPACES = {null, MediaIds.TMDB, MediaIds.IMDB, MediaIds.TVDB, MediaIds.TRAKT,
        MediaIds.MAL, MediaIds.ANILIST, MediaIds.KITSU, MediaIds.ANIDB, MediaIds.SIMKL};

    /** Namespaces whose ids are unique across media types (no type scope needed). */
    private static final boolean[] UNSCOPED = {false, false, true, false, false, true, true, true, true, false};

    static final int SCOPE_NONE = 0;
    static final int SCOPE_MOVIE = 1;
    static final int SCOPE_SHOW = 2;
    static final int SCOPE_EPISODE = 3;
    private static final String[] SCOPE_NAMES = {"-", "m", "s", "e"};

    private long[] packed = new long[8];
    private int packedCount;
    private final List<String> strings = new ArrayList<>(4);
    private boolean weak;

    /** @return the packed tokens; only the first {@link #packedCount()} are valid */
    public long[] packed() {
        return packed;
    }

    /** @return how many packed tokens there are */
    public int packedCount() {
        return packedCount;
    }

    /** @return the string tokens */
    public List<String> strings() {
        return strings;
    }

    /** @return whether the only token is the weak title fallback */
    public boolean weak() {
        return weak;
    }

    /** @return every token in string form, packed ones decoded */
    public List<String> all() {
        List<String> out = new ArrayList<>(packedCount + strings.size());
        for (int i = 0; i < packedCount; i++) {
            out.add(describe(packed[i]));
        }
        out.addAll(strings);
        return out;
    }

    /**
     * Fills this buffer with the tokens of {@code item}.
     *
     * @param item the item
     * @return this
     */
    public Tokens of(MediaItem item) {
        packedCount = 0;
        strings.clear();
        localCount = 0;
        weak = false;
        MediaType type = item.type();
        if (type == MediaType.MOVIE) {
            addIds(item.ids(), SCOPE_MOVIE, -1, -1, null);
        } else if (type == MediaType.SHOW) {
            addIds(item.ids(), SCOPE_SHOW, -1, -1, null);
        } else {
            addEpisodeIds(item, type);
        }
        if (packedCount == 0 && strings.isEmpty()) {
            addFallbacks(item);
        }
        return this;
    }

    private void addEpisodeIds(MediaItem item, MediaType type) {
        int season = item.season().orElse(0);
        int episode = type == MediaType.EPISODE ? item.episode().orElse(0) : -1;
        addIds(item.showIds(), SCOPE_SHOW, season, episode, null);
        // A connector may copy the show's ids into the episode's own; those would merge every
        // episode with its show, so ids equal to a show id are ignored.
        addIds(item.ids(), SCOPE_EPISODE, -1, -1, item.showIds());
    }

    /** No global id: the service-local ids, else the weak title+year token. Rare, so kept out of {@link #of}. */
    private void addFallbacks(MediaItem item) {
        for (int i = 0; i < localCount; i++) {
            strings.add(text(localNs.get(i), localShape[3 * i], localValues.get(i), localShape[3 * i + 1], localShape[3 * i + 2]));
        }
        if (strings.isEmpty()) {
            weak = true;
            strings.add(weakToken(item));
        }
    }

    // the id currently being visited: fields instead of a capturing lambda, so a visit allocates nothing
    private int curScope;
    private int curSeason;
    private int curEpisode;
    private Map<String, String> curExclude;
    private final java.util.function.BiConsumer<String, String> visitor = this::visit;
    // service-local ids met so far: namespace, value and (scope, season, episode) triples, kept in
    // reused buffers because most items of a media server carry one and almost none need it
    private final List<String> localNs = new ArrayList<>(2);
    private final List<String> localValues = new ArrayList<>(2);
    private int[] localShape = new int[6];
    private int localCount;

    private void addIds(MediaIds ids, int scope, int season, int episode, MediaIds exclude) {
        if (ids.isEmpty()) {
            return;
        }
        curScope = scope;
        curSeason = season;
        curEpisode = episode;
        curExclude = exclude == null || exclude.isEmpty() ? null : exclude.values();
        ids.values().forEach(visitor);
    }

    private void visit(String ns, String value) {
        if (curExclude != null && value.equals(curExclude.get(ns))) {
            return;
        }
        int code = code(ns);
        if (code > 0) {
            int sc = UNSCOPED[code] ? SCOPE_NONE : curScope;
            long numeric = parse(value, code == 2 ? 2 : 0);
            if (numeric >= 1 && numeric <= 0xFFFFFFFFL && curSeason < 4095 && curEpisode < 16383) {
                add(((long) code << 60) | ((long) sc << 58) | ((long) (curSeason + 1) << 46)
                        | ((long) (curEpisode + 1) << 32) | numeric);
            } else {
                strings.add(text(ns, sc, numeric >= 0 ? Long.toString(numeric) : value, curSeason, curEpisode));
            }
        } else if (MediaIds.PLEX_GUID.equals(ns)) {
            strings.add(text(ns, SCOPE_NONE, value, curSeason, curEpisode));
        } else {
            // service-local ids matter only when there is no global id; their strings are built lazily
            if (localCount == localNs.size()) {
                localNs.add(ns);
                localValues.add(value);
            } else {
                localNs.set(localCount, ns);
                localValues.set(localCount, value);
            }
            if (3 * localCount + 3 > localShape.length) {
                localShape = java.util.Arrays.copyOf(localShape, localShape.length * 2);
            }
            localShape[3 * localCount] = curScope;
            localShape[3 * localCount + 1] = curSeason;
            localShape[3 * localCount + 2] = curEpisode;
            localCount++;
        }
    }

    private void add(long token) {
        if (packedCount == packed.length) {
            packed = java.util.Arrays.copyOf(packed, packedCount * 2);
        }
        packed[packedCount++] = token;
    }

    static int code(String ns) {
        // MediaIds hands out its namespace constants, so the common ones are found by identity
        // before the switch hashes and compares the string
        if (ns == MediaIds.TMDB) {
            return 1;
        }
        if (ns == MediaIds.IMDB) {
            return 2;
        }
        switch (ns) {
            case MediaIds.TMDB: return 1;
            case MediaIds.IMDB: return 2;
            case MediaIds.TVDB: return 3;
            case MediaIds.TRAKT: return 4;
            case MediaIds.MAL: return 5;
            case MediaIds.ANILIST: return 6;
            case MediaIds.KITSU: return 7;
            case MediaIds.ANIDB: return 8;
            case MediaIds.SIMKL: return 9;
            default: return 0;
        }
    }

    /** Parses up to 18 decimal digits from {@code from}; -1 when not a number or too long. */
    private static long parse(String digits, int from) {
        int n = digits.length();
        if (n <= from || n - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < n; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String text(String ns, int scope, String value, int season, int episode) {
        StringBuilder sb = new StringBuilder(24).append(ns).append(':').append(SCOPE_NAMES[scope]).append(':').append(value);
        appendNumbers(sb, season, episode);
        return sb.toString();
    }

    private static void appendNumbers(StringBuilder sb, int season, int episode) {
        if (season >= 0) {
            sb.append("#s").append(season);
            if (episode >= 0) {
                sb.append('e').append(episode);
            }
        }
    }

    /**
     * @param token a packed token
     * @return its string form, identical to the form used when a token does not pack
     */
    public static String describe(long token) {
        int code = (int) (token >>> 60);
        int scope = (int) ((token >>> 58) & 3);
        int season = (int) ((token >>> 46) & 0xFFF) - 1;
        int episode = (int) ((token >>> 32) & 0x3FFF) - 1;
        long value = token & 0xFFFFFFFFL;
        return text(NAMESPACES[code], scope, Long.toString(value), season, episode);
    }

    /**
     * @param item an item
     * @return the weak title+year token: type, folded title, year, and season/episode numbers
     */
    public static String weakToken(MediaItem item) {
        StringBuilder sb = new StringBuilder("title:");
        if (item.type() == MediaType.MOVIE) {
            sb.append("movie:").append(fold(item.title().orElse(""))).append(':').append(item.year().map(String::valueOf).orElse(""));
        } else {
            String show = item.type() == MediaType.SHOW ? item.title().orElse("") : item.showTitle().or(item::title).orElse("");
            sb.append("show:").append(fold(show));
            if (item.type() == MediaType.SHOW) {
                sb.append(':').append(item.year().map(String::valueOf).orElse(""));
            }
            appendNumbers(sb, item.type() == MediaType.SHOW ? -1 : item.season().orElse(0),
                    item.type() == MediaType.EPISODE ? item.episode().orElse(0) : -1);
        }
        return sb.toString();
    }

    /**
     * Folds a title for weak matching with the shared rule, {@link io.crosswatch.core.sync.Ids#weakTitleKey(String)}.
     *
     * @param title a title
     * @return the folded title
     */
    public static String fold(String title) {
        return io.crosswatch.core.sync.Ids.weakTitleKey(title);
    }
}
