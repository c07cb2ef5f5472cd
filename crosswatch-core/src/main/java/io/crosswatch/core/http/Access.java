package io.crosswatch.core.http;

import io.crosswatch.api.Api;

/**
 * Which rate-limit budget a request spends. Services often limit writes much harder than
 * reads (Trakt: 1 write per second, 1000 reads per 5 minutes).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum Access {
    /** GET and HEAD, and reads sent as POST (GraphQL queries). */
    READ,
    /** POST, PUT, PATCH and DELETE. */
    WRITE;

    /**
     * @param method an HTTP method
     * @return {@link #READ} for GET, HEAD and OPTIONS, else {@link #WRITE}
     */
    public static Access of(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            default -> WRITE;
        };
    }
}
