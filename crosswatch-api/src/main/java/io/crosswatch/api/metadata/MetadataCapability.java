package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;

/**
 * Optional abilities of a {@link MetadataProvider}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum MetadataCapability {
    /** Resolves an item from another namespace's id (imdb → tmdb). */
    FIND_BY_EXTERNAL_ID,
    /** Finds an item from its title and year. */
    SEARCH,
    /** Returns texts in the requested locale. */
    LOCALIZED
}
