package io.crosswatch.core.http;

import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.api.Sleeper;
import io.crosswatch.core.internal.http.Waiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Paces one provider's requests to its published limits. Callers WAIT for a permit (through
 * the injected {@link Sleeper}); they are never refused, unless the wait would pass their
 * deadline.
 *
 * <p>Each budget is a token bucket of {@code permits} tokens in which a spent token comes
 * back exactly one window after it was spent. That keeps every window of that length at or
 * under the limit, which is how services count; a bucket refilled at a steady rate would let
 * a full bucket plus a window's refill (twice the limit) through in one window.
 *
 * <p>A limiter is shared by every client of one budget in a toolkit: by the clients of one
 * provider instance (account) by default, or by every client of the provider when it declares an
 * app- or IP-wide budget (see {@link RateLimitScope} and {@link
 * HttpToolkit#rateLimiter(String, String, RateLimitScope, RateLimitPolicy)}). It is thread-safe.
 *
 * <p>A limiter counts on one time line: every caller of one limiter reads the same clock (up to
 * its zone). {@link HttpToolkit} keys its limiters by that time line as well as the budget, so
 * callers on another clock (a test's virtual time) get a limiter of their own instead of one
 * whose grants and pauses were counted in another time.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class RateLimiter {

    private final String provider;
    private final String instance;
    private final RateLimitPolicy policy;
    private final Bucket readBucket;
    private final Bucket writeBucket;

    /**
     * A limiter of a budget every instance of the provider shares.
     *
     * @param provider the provider name, for error messages
     * @param policy   the limits
     */
    public RateLimiter(String provider, RateLimitPolicy policy) {
        this(provider, null, policy);
    }

    /**
     * @param provider the provider name, for error messages
     * @param instance the provider instance (account) whose budget this is, {@code null} when
     *                 every instance shares it
     * @param policy   the limits
     * @since 0.1
     */
    public RateLimiter(String provider, String instance, RateLimitPolicy policy) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.instance = instance;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.readBucket = new Bucket(policy.limit(Access.READ).orElse(null));
        this.writeBucket = policy.shared() ? readBucket : new Bucket(policy.limit(Access.WRITE).orElse(null));
    }

    /** @return the provider name */
    public String provider() {
        return provider;
    }

    /**
     * @return the provider instance whose budget this is; empty when every instance of the
     *         provider shares it ({@link RateLimitScope#APP} or {@link RateLimitScope#IP})
     * @since 0.1
     */
    public java.util.Optional<String> instance() {
        return java.util.Optional.ofNullable(instance);
    }

    /** @return the limits */
    public RateLimitPolicy policy() {
        return policy;
    }

    /**
     * Takes a permit if one is free now.
     *
     * @param access which budget
     * @param now    the current time
     * @return {@link Duration#ZERO} when the permit was taken, else how long to wait before
     *         asking again (nothing was taken)
     */
    public Duration tryAcquire(Access access, Instant now) {
        return bucket(access).tryAcquire(() -> now).wait;
    }

    /**
     * Waits until a permit is free and takes it.
     *
     * @param access   which budget
     * @param clock    the clock
     * @param sleeper  waits
     * @param deadline no wait may end after it, {@code null} for none
     * @param token    cancels the wait
     * @return the time the permit was granted
     * @throws RateLimitedException                   when the wait would pass the deadline
     * @throws io.crosswatch.api.CancelledException when cancelled while waiting
     */
    public Instant acquire(Access access, Clock clock, Sleeper sleeper, Instant deadline, CancellationToken token) {
        Waiter waiter = new Waiter(clock, sleeper);
        while (true) {
            token.throwIfCancelled();
            // The clock is read under the bucket's lock, so concurrent callers are granted in
            // time order and the returned instant is the one the bucket counted.
            Attempt attempt = bucket(access).tryAcquire(clock::instant);
            Duration wait = attempt.wait;
            if (attempt.grantedAt != null) {
                return attempt.grantedAt;
            }
            try {
                waiter.sleep(wait, deadline, token);
            } catch (Waiter.DeadlineExceeded e) {
                throw new RateLimitedException(provider, wait, "waiting " + wait.toMillis()
                        + " ms for the " + access.name().toLowerCase(java.util.Locale.ROOT)
                        + " rate limit would pass the deadline " + e.deadline());
            }
        }
    }

    /**
     * Holds every request of {@code access} until {@code until}, because the service said
     * its budget is spent (a {@code 429}, or a remaining count of zero).
     *
     * @param access which budget
     * @param until  when the service said the budget comes back
     */
    public void pauseUntil(Access access, Instant until) {
        bucket(access).pauseUntil(Objects.requireNonNull(until, "until"));
    }

    private Bucket bucket(Access access) {
        return access == Access.READ ? readBucket : writeBucket;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + provider + (instance == null ? "" : ":" + instance) + ": " + policy + "]";
    }

    /** The outcome of one try: granted at an instant, or a wait before trying again. */
    private static final class Attempt {
        final Instant grantedAt;
        final Duration wait;

        Attempt(Instant grantedAt, Duration wait) {
            this.grantedAt = grantedAt;
            this.wait = wait;
        }
    }

    /** One budget: the grant times of the last {@code permits} requests and a pause. */
    private static final class Bucket {
        private final RateLimit limit;
        private final ArrayDeque<Instant> granted = new ArrayDeque<>();
        private Instant pausedUntil = Instant.MIN;

        Bucket(RateLimit limit) {
            this.limit = limit;
        }

        synchronized Attempt tryAcquire(java.util.function.Supplier<Instant> clock) {
            Instant now = clock.get();
            if (now.isBefore(pausedUntil)) {
                return new Attempt(null, Duration.between(now, pausedUntil));
            }
            if (limit == null) {
                return new Attempt(now, Duration.ZERO);
            }
            if (!granted.isEmpty() && granted.peekLast().isAfter(now)) {
                if (granted.peekLast().minus(limit.window()).isAfter(now)) {
                    // The clock jumped back by more than a window (a wall-clock
                    // change): start over rather than wait for a time that may never come.
                    granted.clear();
                } else {
                    // Another thread read a later time and was granted first; count from there.
                    now = granted.peekLast();
                }
            }
            while (!granted.isEmpty() && !granted.peekFirst().plus(limit.window()).isAfter(now)) {
                granted.pollFirst();
            }
            if (granted.size() < limit.permits()) {
                granted.addLast(now);
                return new Attempt(now, Duration.ZERO);
            }
            return new Attempt(null, Duration.between(now, granted.peekFirst().plus(limit.window())));
        }

        synchronized void pauseUntil(Instant until) {
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
    }
}
