package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderContext;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches normalized metadata. Discovered with {@link java.util.ServiceLoader}: declare it with
 * {@code provides io.crosswatch.api.metadata.MetadataProvider with …} in {@code
 * module-info.java} and list the class in {@code
 * META-INF/services/io.crosswatch.api.metadata.MetadataProvider}.
 *
 * <p>Core's metadata manager asks the installed providers in priority order, merges what they
 * return and caches it, an empty result included ("unknown"). So a service failure MUST be
 * thrown as a {@link io.crosswatch.api.ProviderException} (or {@link
 * io.crosswatch.api.RateLimitedException}), never returned as empty, or the item would be
 * cached as unknown. Each call's {@link ProviderContext#config()} is this provider's own config
 * block (its API key, a {@code baseUrl}); the API key MUST NOT appear in the metadata, a
 * message or {@code toString}.
 *
 * <p>Contract: the public no-argument constructor MUST do no work; {@link #fetch} MUST return
 * empty for an unknown item (not throw), MUST return absolute image URLs with positive sizes,
 * MUST return ids normalized as {@link io.crosswatch.api.media.MediaIds} does, and SHOULD honour
 * the request's locale, falling back to English.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public interface MetadataProvider {

    /** @return what this provider is */
    MetadataManifest manifest();

    /** @return optional abilities; none by default */
    default Set<MetadataCapability> capabilities() {
        return Set.of();
    }

    /**
     * @param context the provider's configuration (API key), clock and cancellation
     * @param request what to fetch
     * @return the metadata, or empty when the item is unknown
     */
    Optional<Metadata> fetch(ProviderContext context, MetadataRequest request);
}
