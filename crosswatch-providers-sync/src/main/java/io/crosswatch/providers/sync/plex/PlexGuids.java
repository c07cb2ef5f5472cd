package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import java.util.Locale;

/**
 * Reads the ids of a Plex metadata row: the {@code Guid[]} array of the new agents
 * ({@code imdb://…}, {@code tmdb://…}, {@code tvdb://…}) and the top-level {@code guid}
 * ({@code plex://movie/<hex>} kept as {@link MediaIds#PLEX_GUID}, or a legacy agent guid such
 * as {@code com.plexapp.agents.imdb://tt0133093?lang=en} carrying one external id).
 */
final class PlexGuids {

    /**
     * One parsed guid: its ids and, for a legacy TVDB episode guid
     * ({@code com.plexapp.agents.thetvdb://<show>/<season>/<episode>}), the numbers; the ids of
     * such a guid are the show's.
     */
    record Parsed(MediaIds ids, Integer season, Integer episode) {
        boolean isEpisodeOfShow() {
            return season != null && episode != null;
        }
    }

    private static final Parsed NONE = new Parsed(MediaIds.empty(), null, null);

    private PlexGuids() {
    }

    /**
     * @param guid a guid, may be {@code null}
     * @return its ids; none for unmatched agents ({@code local://}, {@code com.plexapp.agents.none://})
     */
    static Parsed parse(String guid) {
        // Temporary: core's Ids.parsePlexGuid (engine branch) replaces this once it is in main.
        if (guid == null || guid.isBlank()) {
            return NONE;
        }
        String g = guid.trim();
        int sep = g.indexOf("://");
        if (sep < 0) {
            return g.toLowerCase(Locale.ROOT).startsWith("tt") ? new Parsed(MediaIds.of(MediaIds.IMDB, g), null, null) : NONE;
        }
        String agent = g.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = g.substring(sep + 3);
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (agent.equals("plex")) {
            return rest.isEmpty() ? NONE : new Parsed(MediaIds.of(MediaIds.PLEX_GUID, "plex://" + rest), null, null);
        }
        agent = agent.replaceFirst("^com\\.plexapp\\.agents\\.", "").replaceFirst("^tv\\.plex\\.agents\\.", "");
        String ns = switch (agent) {
            case "imdb" -> MediaIds.IMDB;
            case "tmdb", "themoviedb" -> MediaIds.TMDB;
            case "tvdb", "thetvdb" -> MediaIds.TVDB;
            default -> null;
        };
        if (ns == null) {
            return NONE;
        }
        String[] path = rest.split("/");
        MediaIds ids = MediaIds.of(ns, path.length == 0 ? "" : path[0]);
        if (ids.isEmpty()) {
            return NONE;
        }
        Integer season = path.length > 2 ? number(path[1]) : null;
        Integer episode = season != null ? number(path[2]) : null;
        return new Parsed(ids, season, episode);
    }

    /**
     * @param metadata a metadata row (requested with {@code includeGuids=1})
     * @return the union of the {@code Guid[]} ids and the top-level guid's ids; the ids of a
     *         legacy episode guid (which name the show) are left out
     */
    static MediaIds idsOf(JsonNode metadata) {
        MediaIds out = MediaIds.empty();
        for (JsonNode g : metadata.path("Guid")) {
            out = out.merge(parse(g.path("id").asText(null)).ids());
        }
        Parsed top = parse(metadata.path("guid").asText(null));
        if (!top.isEpisodeOfShow()) {
            out = out.merge(top.ids());
        }
        return out;
    }

    /** @return whether {@code ids} hold an id other services know (not only a Plex guid) */
    static boolean hasExternalId(MediaIds ids) {
        return ids.values().keySet().stream().anyMatch(ns -> !ns.equals(MediaIds.PLEX_GUID) && !ns.equals(MediaIds.PLEX));
    }

    private static Integer number(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
