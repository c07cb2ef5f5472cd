package io.crosswatch.core;

import io.crosswatch.api.Api;

/**
 * Counters of a {@link MetadataManager}, for monitoring and tests.
 *
 * @param hits          requests answered from the cache (misses cached negatively included)
 * @param misses        requests that had to ask providers
 * @param providerCalls calls made to providers
 * @param coalesced     requests that joined an identical request already in flight
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record MetadataStats(long hits, long misses, long providerCalls, long coalesced) {
}
