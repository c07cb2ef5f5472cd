package io.crosswatch.core.internal.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Trakt's data export: JSON files shaped like the API's {@code /sync/*} responses, in the old
 * nested ({@code <user>/watched/…}, {@code lists/watchlist.json}) or new flat
 * ({@code watched-history-1.json}, {@code lists-watchlist.json}) layout, matched by base name.
 * History comes from the play-by-play history files; the summary {@code watched-*.json} files are
 * used only when an export has no history file (one play at {@code last_watched_at}).
 */
public final class TraktExportImporter {

    /** Attribute holding Trakt's history event id (what a removal by id needs). */
    public static final String HISTORY_ID = "trakt.history_id";

    private static final Pattern HISTORY = Pattern.compile("(watched-)?history(-\\d+)?\\.json");
    private static final Pattern RATINGS = Pattern.compile("ratings(-(movies|shows|seasons|episodes))?(-\\d+)?\\.json");
    private static final Pattern WATCHLIST = Pattern.compile("(lists-)?watchlist(-\\d+)?\\.json");
    private static final Pattern WATCHED = Pattern.compile("watched-(movies|shows)(-\\d+)?\\.json");
    private static final Pattern LIST = Pattern.compile("lists-(.+?)(-\\d+)?\\.json");

    private TraktExportImporter() {
    }

    /** @return whether a file name belongs to a Trakt export's watch data */
    static boolean isTraktFile(ImportSource.Entry e) {
        String n = e.baseName();
        return HISTORY.matcher(n).matches() || RATINGS.matcher(n).matches() || WATCHLIST.matcher(n).matches()
                || WATCHED.matcher(n).matches() || LIST.matcher(n).matches() || n.equals("user-profile.json");
    }

    /**
     * @param entries the export's files
     * @param ctx     where items and problems go
     */
    public static void readAll(List<ImportSource.Entry> entries, ImportContext ctx) throws IOException {
        boolean hasHistory = entries.stream().anyMatch(e -> HISTORY.matcher(e.baseName()).matches());
        for (ImportSource.Entry e : entries) {
            String n = e.baseName();
            String lower = e.name().toLowerCase(java.util.Locale.ROOT);
            boolean inListsDir = lower.startsWith("lists/") || lower.contains("/lists/");
            if (!n.endsWith(".json")) {
                continue;
            }
            if (HISTORY.matcher(n).matches()) {
                read(e, ctx, (node, path) -> history(node, path, e, ctx));
            } else if (RATINGS.matcher(n).matches()) {
                read(e, ctx, (node, path) -> rating(node, path, e, ctx));
            } else if (WATCHLIST.matcher(n).matches()) {
                read(e, ctx, (node, path) -> simple(node, path, e, ctx, Feature.WATCHLIST, null));
            } else if (WATCHED.matcher(n).matches()) {
                if (!hasHistory) {
                    read(e, ctx, (node, path) -> watched(node, path, e, ctx));
                }
            } else if (LIST.matcher(n).matches() || inListsDir) {
                String slug = LIST.matcher(n).matches() ? n.replaceFirst("^lists-", "").replaceFirst("(-\\d+)?\\.json$", "")
                        : n.replaceFirst("\\.json$", "");
                if (!slug.equals("favorites") && !slug.equals("likes")) {
                    read(e, ctx, (node, path) -> simple(node, path, e, ctx, Feature.PLAYLISTS, slug));
                }
            }
        }
    }

    private interface NodeHandler {
        void handle(JsonNode node, String path);
    }

    private static void read(ImportSource.Entry e, ImportContext ctx, NodeHandler h) throws IOException {
        try (InputStream in = e.open()) {
            boolean ok = JsonArrays.each(in, (node, i) -> {
                String path = "$[" + i + "]";
                try {
                    h.handle(node, path);
                } catch (IllegalArgumentException ex) {
                    ctx.skip(e.display(), 0, path, ex.getMessage());
                }
            });
            if (!ok) {
                ctx.skip(e.display(), 0, "$", "expected a JSON array of items");
            }
        } catch (JsonProcessingException ex) {
            ctx.skip(e.display(), ex.getLocation() == null ? 0 : ex.getLocation().getLineNr(), null,
                    "malformed JSON: " + ex.getOriginalMessage() + "; the rest of this file was not read");
        }
    }

    private static void history(JsonNode node, String path, ImportSource.Entry e, ImportContext ctx) {
        MediaItem.Builder b = media(node, path, e, ctx);
        Instant at = instant(node, "watched_at");
        if (at == null) {
            throw new IllegalArgumentException("a history entry needs watched_at");
        }
        b.watchedAt(at);
        if (node.hasNonNull("id")) {
            b.attribute(HISTORY_ID, node.get("id").asText());
        }
        ctx.item(Feature.HISTORY, b.build());
    }

    private static void rating(JsonNode node, String path, ImportSource.Entry e, ImportContext ctx) {
        MediaItem.Builder b = media(node, path, e, ctx);
        JsonNode r = node.get("rating");
        if (r == null || !r.canConvertToInt() || r.asInt() < 1 || r.asInt() > 10) {
            throw new IllegalArgumentException("rating " + r + " is not 1–10");
        }
        ctx.item(Feature.RATINGS, b.rating(r.asInt()).ratedAt(instant(node, "rated_at")).build());
    }

    private static void simple(JsonNode node, String path, ImportSource.Entry e, ImportContext ctx, Feature f, String list) {
        ctx.item(f, media(node, path, e, ctx).list(list).build());
    }

    /** A watched-movies / watched-shows summary: one play per item (episode) at its last watch. */
    private static void watched(JsonNode node, String path, ImportSource.Entry e, ImportContext ctx) {
        Instant last = instant(node, "last_watched_at");
        if (node.has("movie")) {
            if (last == null) {
                throw new IllegalArgumentException("a watched movie needs last_watched_at");
            }
            ctx.item(Feature.HISTORY, media(node, path, e, ctx).watchedAt(last).build());
            return;
        }
        JsonNode show = node.get("show");
        if (show == null || !show.isObject()) {
            throw new IllegalArgumentException("expected a movie or show object");
        }
        MediaIds showIds = ids(show.get("ids"));
        for (JsonNode s : node.path("seasons")) {
            for (JsonNode ep : s.path("episodes")) {
                Instant at = instant(ep, "last_watched_at");
                if (at == null || !s.hasNonNull("number") || !ep.hasNonNull("number")) {
                    ctx.skip(e.display(), 0, path, "an episode without season, number or last_watched_at");
                    continue;
                }
                ctx.item(Feature.HISTORY, MediaItem.builder(MediaType.EPISODE).showIds(showIds)
                        .showTitle(text(show, "title")).season(s.get("number").asInt()).episode(ep.get("number").asInt())
                        .watchedAt(at).build());
            }
        }
    }

    /** The media part of a Trakt item: {@code {type, movie|show|season|episode (+show)}}. */
    private static MediaItem.Builder media(JsonNode node, String path, ImportSource.Entry e, ImportContext ctx) {
        String type = text(node, "type");
        if (type == null) {
            for (String t : List.of("episode", "season", "movie", "show")) {
                if (node.has(t)) {
                    type = t;
                    break;
                }
            }
        }
        if (type == null || !node.has(type) || !node.get(type).isObject()) {
            throw new IllegalArgumentException("expected a movie, show, season or episode object");
        }
        MediaType mt = MediaType.fromKey(type);
        JsonNode m = node.get(type);
        JsonNode show = node.get("show");
        MediaItem.Builder b = MediaItem.builder(mt).ids(ids(m.get("ids")));
        switch (mt) {
            case MOVIE, SHOW -> b.title(text(m, "title")).year(year(m, path + "." + type, e, ctx));
            case SEASON -> b.season(intOrNull(m, "number"));
            case EPISODE -> b.title(text(m, "title")).season(intOrNull(m, "season")).episode(intOrNull(m, "number"));
            default -> throw new IllegalStateException("unreachable");
        }
        if ((mt == MediaType.SEASON || mt == MediaType.EPISODE) && show != null && show.isObject()) {
            b.showIds(ids(show.get("ids"))).showTitle(text(show, "title"));
        }
        return b;
    }

    private static Integer year(JsonNode m, String path, ImportSource.Entry e, ImportContext ctx) {
        Integer y = intOrNull(m, "year");
        if (y != null && (y < 1870 || y > 2200)) {
            ctx.problem(e.display(), 0, path + ".year", "year " + y + " is out of range; ignored");
            return null;
        }
        return y;
    }

    private static MediaIds ids(JsonNode ids) {
        if (ids == null || !ids.isObject()) {
            return MediaIds.empty();
        }
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, JsonNode> f : ids.properties()) {
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                m.put(f.getKey(), f.getValue().asText());
            }
        }
        return new MediaIds(m);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer intOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() || !v.canConvertToInt() ? null : v.asInt();
    }

    private static Instant instant(JsonNode n, String key) {
        String s = text(n, key);
        return s == null || s.isBlank() ? null : Dates.parse(s);
    }
}
