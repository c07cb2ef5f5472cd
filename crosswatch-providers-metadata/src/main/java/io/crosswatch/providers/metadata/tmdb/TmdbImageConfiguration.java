package io.crosswatch.providers.metadata.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.core.http.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The image part of {@code GET /configuration}: the secure base URL and the sizes per kind.
 * Cached per provider instance and base URL for a TTL, because it changes only every few
 * days and every image URL depends on it.
 */
final class TmdbImageConfiguration {

    /** What one {@code /configuration} answer says about images. */
    record Images(String secureBaseUrl, Map<ImageKind, List<String>> sizes, Instant fetchedAt) {

        /**
         * @param kind      the image kind
         * @param preferred the configured size ({@code original}, {@code w500}, …)
         * @return the preferred size when TMDB offers it for this kind, else {@code original}
         */
        String size(ImageKind kind, String preferred) {
            List<String> offered = sizes.getOrDefault(kind, List.of());
            return offered.contains(preferred) ? preferred : "original";
        }
    }

    private final Duration ttl;
    private final Map<String, Images> byBaseUrl = new ConcurrentHashMap<>();
    private final Object fetchLock = new Object();

    TmdbImageConfiguration(Duration ttl) {
        this.ttl = ttl;
    }

    /** @return the cached configuration, fetched once per TTL; concurrent callers share one fetch */
    Images get(TmdbApi api, Instant now) {
        Images cached = byBaseUrl.get(api.baseUrl());
        if (fresh(cached, now)) {
            return cached;
        }
        synchronized (fetchLock) {
            cached = byBaseUrl.get(api.baseUrl());
            if (fresh(cached, now)) {
                return cached;
            }
            JsonNode images = api.get("/configuration", Query.empty())
                    .orElseThrow(() -> new ProviderException(TmdbApi.NAME, 404, false,
                            "GET /configuration found nothing (HTTP 404); is baseUrl the TMDB v3 API?", null))
                    .path("images");
            String base = images.path("secure_base_url").asText("");
            if (base.isBlank()) {
                base = images.path("base_url").asText("");
            }
            if (base.isBlank()) {
                throw new ProviderException(TmdbApi.NAME, 200, false,
                        "GET /configuration returned no images.secure_base_url", null);
            }
            Images fetched = new Images(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, Map.of(
                    ImageKind.POSTER, sizes(images.path("poster_sizes")),
                    ImageKind.BACKDROP, sizes(images.path("backdrop_sizes")),
                    ImageKind.LOGO, sizes(images.path("logo_sizes")),
                    ImageKind.STILL, sizes(images.path("still_sizes"))), now);
            byBaseUrl.put(api.baseUrl(), fetched);
            return fetched;
        }
    }

    private boolean fresh(Images images, Instant now) {
        return images != null && now.isBefore(images.fetchedAt().plus(ttl)) && !now.isBefore(images.fetchedAt());
    }

    private static List<String> sizes(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
