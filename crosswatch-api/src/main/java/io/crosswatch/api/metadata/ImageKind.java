package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;

/**
 * Kinds of artwork.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum ImageKind {
    /** Portrait key art. */
    POSTER,
    /** Landscape background art. */
    BACKDROP,
    /** A transparent title logo. */
    LOGO,
    /** An episode still. */
    STILL
}
