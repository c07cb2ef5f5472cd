package io.crosswatch.core.http;

import io.crosswatch.api.Api;

/**
 * Whose budget a provider's published limit counts, and therefore which clients share one
 * {@link RateLimiter} (and one pause after a {@code 429} or an exhausted
 * {@code X-RateLimit-Remaining}).
 *
 * <p>Most services count per account or token, so several configured accounts of one service
 * ({@code trakt:work}, {@code trakt:home}) each have their own budget and one account hitting
 * its limit must not hold the others. A provider declares {@link #APP} or {@link #IP} only
 * where its fact sheet says the limit is per client id or per address.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public enum RateLimitScope {

    /**
     * Per provider instance (account, token or API key): the default. Clients of different
     * instances of the provider have separate limiters (Trakt and SIMKL per user token, MDBList
     * per API key).
     */
    ACCOUNT,

    /**
     * Per application (client id): every instance of the provider in the toolkit shares one
     * limiter (Trakt's unauthenticated calls, SIMKL's calls before a user token exists).
     */
    APP,

    /**
     * Per caller address: every instance of the provider in the toolkit shares one limiter, as
     * every request leaves from this machine (TMDB, AniList).
     */
    IP;

    /** @return whether every instance of a provider shares the budget */
    public boolean shared() {
        return this != ACCOUNT;
    }
}
