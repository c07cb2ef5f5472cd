package io.crosswatch.core.internal.http;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits through an injected {@link Sleeper} so that a cancelled {@link CancellationToken}
 * wakes the waiting thread at once, and so that no wait runs past a deadline.
 *
 * <p>The waiting thread is interrupted through {@link CancelHooks} only while it waits.
 */
public final class Waiter {

    /** Thrown when a wait would end after the deadline; callers turn it into a typed error. */
    public static final class DeadlineExceeded extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Instant deadline;

        DeadlineExceeded(Instant deadline) {
            super("deadline " + deadline, null, false, false);
            this.deadline = deadline;
        }

        /** @return the deadline that would have been passed */
        public Instant deadline() {
            return deadline;
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param clock   the clock deadlines are compared with
     * @param sleeper the sleeper that does the waiting
     */
    public Waiter(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /**
     * Throws when the deadline has passed or when {@code now + wait} would pass it.
     *
     * @param wait     the planned wait
     * @param deadline the deadline, {@code null} for none
     * @throws DeadlineExceeded when the wait cannot finish in time
     */
    public void checkDeadline(Duration wait, Instant deadline) throws DeadlineExceeded {
        if (deadline != null && clock.instant().plus(wait).isAfter(deadline)) {
            throw new DeadlineExceeded(deadline);
        }
    }

    /**
     * Waits for {@code duration}.
     *
     * @param duration the wait; zero or negative returns at once
     * @param deadline no wait may end after it; {@code null} for none
     * @param token    cancels the wait; {@link CancellationToken#none()} for none
     * @throws DeadlineExceeded   when the wait would pass the deadline (nothing is waited)
     * @throws CancelledException when the token is cancelled before or during the wait, or
     *                            the thread is interrupted
     */
    public void sleep(Duration duration, Instant deadline, CancellationToken token) throws DeadlineExceeded {
        token.throwIfCancelled();
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        checkDeadline(duration, deadline);
        Thread me = Thread.currentThread();
        try (CancelHooks.Registration ignored = CancelHooks.register(token, me::interrupt)) {
            // The token may have been cancelled before the registration.
            token.throwIfCancelled();
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            if (token.isCancelled()) {
                token.throwIfCancelled();
            }
            Thread.currentThread().interrupt();
            throw new CancelledException("the wait was interrupted");
        } catch (CancelledException e) {
            // Cancelled while registering: the hook may already have interrupted this thread.
            Thread.interrupted();
            throw e;
        }
        if (token.isCancelled()) {
            // A late wake-up may have left the interrupt flag set after the sleeper returned.
            Thread.interrupted();
            token.throwIfCancelled();
        }
    }
}
