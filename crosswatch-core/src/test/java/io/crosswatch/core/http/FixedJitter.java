package io.crosswatch.core.http;

import java.util.random.RandomGenerator;

/** A jitter source that always draws the same fraction, so backoff waits are predictable. */
final class FixedJitter implements RandomGenerator {

    private final double fraction;

    FixedJitter(double fraction) {
        this.fraction = fraction;
    }

    @Override
    public long nextLong() {
        return (long) (fraction * Long.MAX_VALUE);
    }

    @Override
    public double nextDouble() {
        return fraction;
    }
}
