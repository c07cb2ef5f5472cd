package io.crosswatch.core.http;

import io.crosswatch.api.Api;

import java.util.Objects;
import java.util.Optional;

/**
 * The limits one provider publishes: either one budget for every request, or separate read
 * and write budgets.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class RateLimitPolicy {

    private static final RateLimitPolicy UNLIMITED = new RateLimitPolicy(null, null, false);

    private final RateLimit reads;
    private final RateLimit writes;
    private final boolean shared;

    private RateLimitPolicy(RateLimit reads, RateLimit writes, boolean shared) {
        this.reads = reads;
        this.writes = writes;
        this.shared = shared;
    }

    /** @return no proactive limit (429 and rate-limit headers are still honoured) */
    public static RateLimitPolicy unlimited() {
        return UNLIMITED;
    }

    /**
     * @param all the one budget every request spends (AniList 90/min, TMDB ~40/s)
     * @return the policy
     */
    public static RateLimitPolicy of(RateLimit all) {
        return new RateLimitPolicy(Objects.requireNonNull(all, "all"), all, true);
    }

    /**
     * @param reads  the budget of {@link Access#READ} requests, {@code null} for none
     * @param writes the budget of {@link Access#WRITE} requests, {@code null} for none
     * @return the policy (Trakt: 1000 reads / 5 min, 1 write / s)
     */
    public static RateLimitPolicy split(RateLimit reads, RateLimit writes) {
        return new RateLimitPolicy(reads, writes, false);
    }

    /** @return the budget of {@code access}, empty when unlimited */
    public Optional<RateLimit> limit(Access access) {
        return Optional.ofNullable(access == Access.READ ? reads : writes);
    }

    /** @return whether reads and writes spend one budget */
    public boolean shared() {
        return shared;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimitPolicy p && Objects.equals(p.reads, reads) && Objects.equals(p.writes, writes)
                && p.shared == shared;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reads, writes, shared);
    }

    @Override
    public String toString() {
        if (reads == null && writes == null) {
            return "unlimited";
        }
        return shared ? "all " + reads : "reads " + reads + ", writes " + writes;
    }
}
