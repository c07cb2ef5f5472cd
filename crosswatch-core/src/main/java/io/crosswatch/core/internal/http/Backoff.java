package io.crosswatch.core.internal.http;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): the wait before retry {@code n} (1-based) is uniform in
 * {@code [0, min(max, base * 2^(n-1))]}, which spreads concurrent retries apart.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param retry  the retry number, 1 for the first retry
     * @param base   the first cap
     * @param max    the largest cap
     * @param random the source of jitter
     * @return the wait before that retry
     */
    public static Duration fullJitter(int retry, Duration base, Duration max, RandomGenerator random) {
        long baseMs = Math.max(1, base.toMillis());
        int shift = Math.min(30, Math.max(0, retry - 1));
        long cap = Math.min(max.toMillis(), baseMs << shift);
        double r = random.nextDouble();
        return Duration.ofMillis((long) Math.floor(r * cap));
    }
}
