package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderContext;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches normalized metadata. Discovered with {@link java.util.ServiceLoader}.
 *
 * <p>Contract: the no-argument constructor MUST do no work; {@link #fetch} MUST return empty
 * for an unknown item (not throw), MUST return absolute image URLs with positive sizes, and
 * SHOULD honour the request's locale, falling back to English.
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
