package io.crosswatch.providers.sync.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.core.http.Query;
import java.util.Optional;

/** The TMDB id of an item to write: its own (an episode's show's), else {@code GET /find} from its imdb or tvdb id. */
final class TmdbIdLookup {

    private TmdbIdLookup() {
    }

    /**
     * @return the movie's or show's TMDB id; for an episode, its show's (TMDB addresses episodes
     *         by show id, season and number)
     */
    static Optional<String> tmdbId(TmdbSyncApi api, MediaItem item) {
        boolean episode = item.type() == MediaType.EPISODE;
        MediaIds ids = episode ? item.showIds() : item.ids();
        Optional<String> own = ids.tmdb();
        if (own.isPresent()) {
            return own;
        }
        String results = item.type() == MediaType.MOVIE ? "movie_results" : "tv_results";
        Optional<String> found = ids.imdb().flatMap(imdb -> find(api, imdb, "imdb_id", results));
        if (found.isEmpty() && item.type() != MediaType.MOVIE) {
            found = ids.tvdb().flatMap(tvdb -> find(api, tvdb, "tvdb_id", results));
        }
        return found;
    }

    private static Optional<String> find(TmdbSyncApi api, String id, String source, String results) {
        JsonNode body = api.request("GET", "/find/" + id, Query.of("external_source", source)).json();
        JsonNode list = body.path(results);
        return list.isArray() && list.size() > 0 && list.get(0).path("id").isNumber()
                ? Optional.of(list.get(0).path("id").asText()) : Optional.empty();
    }
}
