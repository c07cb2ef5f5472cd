package io.crosswatch.providers.metadata.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps a TMDB details body (with {@code images} and {@code external_ids} appended) to {@link Metadata}. */
final class TmdbMapping {

    /** The arrays of the appended {@code images} object per kind. */
    private static final Map<ImageKind, String> ARRAYS = Map.of(
            ImageKind.POSTER, "posters", ImageKind.BACKDROP, "backdrops", ImageKind.LOGO, "logos",
            ImageKind.STILL, "stills");

    private TmdbMapping() {
    }

    static Metadata metadata(JsonNode body, MediaType entity, MetadataRequest request,
                             TmdbImageConfiguration.Images config, String preferredSize) {
        boolean movie = entity == MediaType.MOVIE;
        Metadata.Builder b = Metadata.builder(entity)
                .ids(ids(body, entity))
                .title(body.path(movie ? "title" : "name").asText(null))
                .overview(body.path("overview").asText(null))
                .year(year(body.path(switch (entity) {
                    case MOVIE -> "release_date";
                    case SHOW -> "first_air_date";
                    case SEASON, EPISODE -> "air_date";
                }).asText("")))
                .locale(request.locale())
                .source(TmdbApi.NAME);
        if (config != null) {
            for (ImageKind kind : request.need()) {
                List<Image> images = images(body.path("images").path(ARRAYS.get(kind)), kind, request.language(), config,
                        preferredSize);
                if (!images.isEmpty()) {
                    b.images(kind, images);
                }
            }
        }
        return b.build();
    }

    private static MediaIds ids(JsonNode body, MediaType entity) {
        MediaIds ids = MediaIds.empty();
        if (body.path("id").isNumber()) {
            ids = ids.with(MediaIds.TMDB, body.path("id").asText());
        }
        JsonNode external = body.path("external_ids");
        String imdb = external.path("imdb_id").asText(body.path("imdb_id").asText(""));
        if (!imdb.isBlank() && !"null".equals(imdb)) {
            ids = ids.with(MediaIds.IMDB, imdb);
        }
        // Movies have no tvdb id; for shows and episodes it is an integer or null.
        if (entity != MediaType.MOVIE && external.path("tvdb_id").isNumber()) {
            ids = ids.with(MediaIds.TVDB, external.path("tvdb_id").asText());
        }
        return ids;
    }

    /**
     * Images best first: the requested language, then language-less art, then English, then
     * the rest; within a language by vote average, then vote count.
     */
    static List<Image> images(JsonNode array, ImageKind kind, String language, TmdbImageConfiguration.Images config,
                              String preferredSize) {
        if (!array.isArray()) {
            return List.of();
        }
        String size = config.size(kind, preferredSize);
        List<JsonNode> entries = new ArrayList<>();
        array.forEach(entries::add);
        entries.sort(Comparator.<JsonNode>comparingInt(n -> languageRank(n, language))
                .thenComparing(Comparator.<JsonNode>comparingDouble(n -> n.path("vote_average").asDouble()).reversed())
                .thenComparing(Comparator.<JsonNode>comparingInt(n -> n.path("vote_count").asInt()).reversed()));
        List<Image> out = new ArrayList<>();
        for (JsonNode n : entries) {
            String path = n.path("file_path").asText("");
            int w = n.path("width").asInt();
            int h = n.path("height").asInt();
            if (path.isBlank() || w <= 0 || h <= 0) {
                continue;
            }
            int[] scaled = scale(size, w, h);
            out.add(new Image(config.secureBaseUrl() + "/" + size + (path.startsWith("/") ? path : "/" + path),
                    scaled[0], scaled[1], lang(n)));
        }
        return List.copyOf(out);
    }

    private static int languageRank(JsonNode image, String language) {
        String l = lang(image);
        if (l == null) {
            return 1;
        }
        return l.equals(language) ? 0 : l.equals("en") ? 2 : 3;
    }

    private static String lang(JsonNode image) {
        JsonNode l = image.path("iso_639_1");
        return l.isTextual() && !l.asText().isBlank() ? l.asText().toLowerCase(Locale.ROOT) : null;
    }

    /** A {@code wNNN} or {@code hNNN} rendition keeps the aspect ratio of the original. */
    private static int[] scale(String size, int w, int h) {
        try {
            if (size.startsWith("w")) {
                int sw = Integer.parseInt(size.substring(1));
                return sw >= w ? new int[]{w, h} : new int[]{sw, Math.max(1, Math.round((float) h * sw / w))};
            }
            if (size.startsWith("h")) {
                int sh = Integer.parseInt(size.substring(1));
                return sh >= h ? new int[]{w, h} : new int[]{Math.max(1, Math.round((float) w * sh / h)), sh};
            }
        } catch (NumberFormatException e) {
            // an unknown size name: report the original dimensions
        }
        return new int[]{w, h};
    }

    /** @return the year of a {@code YYYY-MM-DD} date; TMDB sends {@code ""} for unknown dates */
    static Integer year(String date) {
        if (date == null || date.length() < 4) {
            return null;
        }
        try {
            return Integer.valueOf(date.substring(0, 4));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
