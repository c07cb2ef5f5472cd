package io.crosswatch.providers.sync.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.core.sync.Ids;

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
        /** @return whether the guid names a show's episode by numbers (a legacy TVDB episode guid) */
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
        return Ids.parsePlexGuid(guid).map(g -> new Parsed(g.ids(), g.season(), g.episode())).orElse(NONE);
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
}
