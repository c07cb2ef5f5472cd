package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaIds;
import java.util.Optional;

/**
 * A parsed Plex guid: the external ids it names and, for a legacy TV agent episode guid such
 * as {@code com.plexapp.agents.thetvdb://123/1/2}, the season and episode numbers. In that legacy
 * form the id is the <em>show's</em> id, so {@link #showScoped()} is {@code true}.
 *
 * @param ids     the ids found (may be empty for {@code local://} or {@code none} agents)
 * @param season  the season number from the path, or {@code null}
 * @param episode the episode number from the path, or {@code null}
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record PlexGuid(MediaIds ids, Integer season, Integer episode) {

    /** Validates. */
    public PlexGuid {
        ids = ids == null ? MediaIds.empty() : ids;
    }

    /** @return whether the ids belong to the show and the numbers pick a season or episode in it */
    public boolean showScoped() {
        return season != null;
    }

    /** @return the season number, if the guid carries one */
    public Optional<Integer> seasonNumber() {
        return Optional.ofNullable(season);
    }

    /** @return the episode number, if the guid carries one */
    public Optional<Integer> episodeNumber() {
        return Optional.ofNullable(episode);
    }
}
