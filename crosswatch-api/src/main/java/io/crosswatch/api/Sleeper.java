package io.crosswatch.api;

import java.time.Duration;

/**
 * Waits for a duration. Injected everywhere CrossWatch waits (polling, backoff, rate limits)
 * so tests advance virtual time instead of sleeping.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the real clock with {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait; zero or negative returns at once
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
}
