package io.crosswatch.providers.metadata.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataCapability;
import io.crosswatch.api.metadata.MetadataManifest;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Query;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * TMDB metadata: one details request per item ({@code append_to_response=images,external_ids})
 * yields title, overview, year, ids and artwork in the requested language, with language-less
 * and English art as fallback. Items known only by imdb or tvdb id are resolved through
 * {@code /find}; items known only by title through a year-confirmed search.
 *
 * <p>Config keys: {@code apiKey} (v3 key, sent as {@code api_key}; a JWT-looking value is sent
 * as Bearer), {@code readAccessToken} (v4 read access token, sent as Bearer),
 * {@code baseUrl} (default {@code https://api.themoviedb.org/3}), {@code imageSize}
 * ({@code original} by default, or a TMDB size such as {@code w500}) and
 * {@code configurationTtlHours} (how long {@code /configuration} is reused, default 72).
 */
public final class TmdbMetadataProvider implements MetadataProvider {

    static final String IMAGE_SIZE = "imageSize";
    static final String CONFIGURATION_TTL_HOURS = "configurationTtlHours";
    private static final long DEFAULT_CONFIGURATION_TTL_HOURS = 72;

    private static final MetadataManifest MANIFEST = MetadataManifest.builder(TmdbApi.NAME, ApiVersion.CURRENT)
            .label("TMDB")
            .entities(MediaType.MOVIE, MediaType.SHOW, MediaType.SEASON, MediaType.EPISODE)
            .assets(ImageKind.POSTER, ImageKind.BACKDROP, ImageKind.LOGO, ImageKind.STILL)
            .needsApiKey(true)
            .build();

    private final HttpToolkit toolkit;
    private volatile TmdbImageConfiguration imageConfiguration;

    /** For {@link java.util.ServiceLoader}; does no work. */
    public TmdbMetadataProvider() {
        this(null);
    }

    /** @param toolkit the HTTP toolkit to use instead of the shared one (tests inject time and limits) */
    TmdbMetadataProvider(HttpToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public MetadataManifest manifest() {
        return MANIFEST;
    }

    @Override
    public Set<MetadataCapability> capabilities() {
        return Set.of(MetadataCapability.FIND_BY_EXTERNAL_ID, MetadataCapability.SEARCH, MetadataCapability.LOCALIZED);
    }

    @Override
    public Optional<Metadata> fetch(ProviderContext context, MetadataRequest request) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(request, "request");
        TmdbApi api = new TmdbApi(toolkit != null ? toolkit : HttpToolkit.shared(), context);
        Optional<TmdbIdResolver.Target> target = TmdbIdResolver.resolve(api, request);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        String language = request.language();
        Query query = Query.of("language", request.locale(), "append_to_response", "images,external_ids",
                "include_image_language", String.join(",", new java.util.LinkedHashSet<>(
                        java.util.List.of(language, "null", "en"))));
        Optional<JsonNode> body = api.get(path(target.get()), query);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        TmdbImageConfiguration.Images images = request.need().isEmpty() ? null
                : imageConfiguration(context.config()).get(api, context.clock().instant());
        String size = context.config().string(IMAGE_SIZE).filter(s -> !s.isBlank()).orElse("original");
        return Optional.of(TmdbMapping.metadata(body.get(), target.get().entity(), request, images, size));
    }

    private static String path(TmdbIdResolver.Target t) {
        return switch (t.entity()) {
            case MOVIE -> "/movie/" + t.id();
            case SHOW -> "/tv/" + t.id();
            case SEASON -> "/tv/" + t.id() + "/season/" + t.season();
            case EPISODE -> "/tv/" + t.id() + "/season/" + t.season() + "/episode/" + t.episode();
        };
    }

    private TmdbImageConfiguration imageConfiguration(ProviderConfig config) {
        TmdbImageConfiguration c = imageConfiguration;
        if (c == null) {
            synchronized (this) {
                c = imageConfiguration;
                if (c == null) {
                    long hours = config.number(CONFIGURATION_TTL_HOURS, DEFAULT_CONFIGURATION_TTL_HOURS);
                    c = new TmdbImageConfiguration(Duration.ofHours(Math.max(1, hours)));
                    imageConfiguration = c;
                }
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "TmdbMetadataProvider[" + TmdbApi.NAME + "]";
    }
}
