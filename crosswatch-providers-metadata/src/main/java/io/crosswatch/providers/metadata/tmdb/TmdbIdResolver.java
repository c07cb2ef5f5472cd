package io.crosswatch.providers.metadata.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.http.Query;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the TMDB id of a request's item: its own {@code tmdb} id, else {@code GET
 * /find/{id}} with the imdb or tvdb id, else a title search confirmed by the year.
 */
final class TmdbIdResolver {

    /** Where a movie, show, season or episode lives in TMDB. */
    record Target(MediaType entity, String id, Integer season, Integer episode) {
    }

    private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TmdbIdResolver() {
    }

    static Optional<Target> resolve(TmdbApi api, MetadataRequest request) {
        return switch (request.entity()) {
            case MOVIE, SHOW -> showOrMovieId(api, request).map(id -> new Target(request.entity(), id, null, null));
            case SEASON -> request.seasonNumber().isEmpty() ? Optional.empty()
                    : showOrMovieId(api, request).map(id -> new Target(MediaType.SEASON, id, request.season(), null));
            case EPISODE -> request.episodeNumber().isPresent()
                    ? showOrMovieId(api, request).map(id -> new Target(MediaType.EPISODE, id, request.season(),
                    request.episode()))
                    : episodeByExternalId(api, request);
        };
    }

    /** For movies and shows the ids are the item's; for seasons and episodes they are the show's. */
    private static Optional<String> showOrMovieId(TmdbApi api, MetadataRequest request) {
        Optional<String> tmdb = request.ids().tmdb();
        if (tmdb.isPresent()) {
            return tmdb;
        }
        boolean movie = request.entity() == MediaType.MOVIE;
        String results = movie ? "movie_results" : "tv_results";
        Optional<String> found = request.ids().imdb().flatMap(imdb -> find(api, imdb, "imdb_id", request))
                .flatMap(body -> firstId(body.path(results)));
        if (found.isEmpty() && !movie) {
            // Movies have no tvdb id in TMDB; shows do.
            found = request.ids().tvdb().flatMap(tvdb -> find(api, tvdb, "tvdb_id", request))
                    .flatMap(body -> firstId(body.path(results)));
        }
        if (found.isEmpty() && request.title() != null && (movie || request.entity() == MediaType.SHOW)) {
            found = search(api, request, movie);
        }
        return found;
    }

    /** An episode named only by its own imdb or tvdb id lands in {@code tv_episode_results}. */
    private static Optional<Target> episodeByExternalId(TmdbApi api, MetadataRequest request) {
        Optional<JsonNode> body = request.ids().imdb().flatMap(imdb -> find(api, imdb, "imdb_id", request));
        if (body.map(b -> b.path("tv_episode_results").isEmpty()).orElse(true)) {
            body = request.ids().tvdb().flatMap(tvdb -> find(api, tvdb, "tvdb_id", request));
        }
        return body.map(b -> b.path("tv_episode_results")).filter(a -> a.isArray() && a.size() > 0)
                .map(a -> a.get(0))
                .filter(e -> e.path("show_id").isNumber() && e.path("season_number").isNumber()
                        && e.path("episode_number").isNumber())
                .map(e -> new Target(MediaType.EPISODE, e.path("show_id").asText(), e.path("season_number").asInt(),
                        e.path("episode_number").asInt()));
    }

    private static Optional<JsonNode> find(TmdbApi api, String externalId, String source, MetadataRequest request) {
        return api.get("/find/" + externalId, Query.of("external_source", source, "language", request.locale()));
    }

    private static Optional<String> firstId(JsonNode results) {
        return results.isArray() && results.size() > 0 && results.get(0).path("id").isNumber()
                ? Optional.of(results.get(0).path("id").asText()) : Optional.empty();
    }

    /**
     * Searches by title with the year as a filter and accepts only a confident match: exactly
     * one item whose normalized title (or original title) equals the request's and whose
     * year equals the request's. Without a year nothing is confident enough.
     */
    private static Optional<String> search(TmdbApi api, MetadataRequest request, boolean movie) {
        if (request.year() == null) {
            return Optional.empty();
        }
        Query q = Query.of("query", request.title(), "language", request.locale(), "include_adult", false,
                movie ? "year" : "first_air_date_year", request.year());
        JsonNode results = api.get(movie ? "/search/movie" : "/search/tv", q).map(b -> b.path("results"))
                .orElse(null);
        if (results == null || !results.isArray()) {
            return Optional.empty();
        }
        String wanted = normalize(request.title());
        Set<String> matches = new HashSet<>();
        for (JsonNode r : results) {
            String title = r.path(movie ? "title" : "name").asText("");
            String original = r.path(movie ? "original_title" : "original_name").asText("");
            Integer year = TmdbMapping.year(r.path(movie ? "release_date" : "first_air_date").asText(""));
            if ((normalize(title).equals(wanted) || normalize(original).equals(wanted))
                    && request.year().equals(year) && r.path("id").isNumber()) {
                matches.add(r.path("id").asText());
            }
        }
        return matches.size() == 1 ? Optional.of(matches.iterator().next()) : Optional.empty();
    }

    /** Lower case, accents removed, punctuation and spacing collapsed, {@code &} read as {@code and}. */
    static String normalize(String title) {
        String s = Normalizer.normalize(title, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT).replace("&", " and ");
        return NOT_ALNUM.matcher(s).replaceAll(" ").trim();
    }
}
