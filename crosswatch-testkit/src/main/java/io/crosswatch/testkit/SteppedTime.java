package io.crosswatch.testkit;

import io.crosswatch.api.Api;
import io.crosswatch.api.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Virtual time for code that runs on its own threads (a reconnecting websocket, a daemon loop):
 * a {@link FakeClock} and a {@link Sleeper} that <em>blocks</em> until the test moves the clock
 * past the sleep's end with {@link #advance}. Unlike {@link VirtualTime}, whose sleeps return at
 * once, a background loop cannot race ahead of the test: it waits exactly where the real one
 * would, and the test decides when time passes.
 *
 * <pre>{@code
 * SteppedTime time = SteppedTime.create();
 * socket = ReconnectingWebSocket.builder("x").clock(time.clock()).sleeper(time.sleeper())...start();
 * assertEquals(Duration.ofSeconds(1), time.awaitSleep(0));   // the first backoff was requested
 * time.advance(Duration.ofSeconds(1));                        // and now it has passed
 * }</pre>
 *
 * <p>The {@code await…} methods wait on a monitor for the background thread (bounded by a real
 * timeout only as a safety net against a hung test); they never sleep.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class SteppedTime {

    /** How long the {@code await…} methods wait for the background thread before failing. */
    public static final Duration AWAIT_LIMIT = Duration.ofSeconds(10);

    private final FakeClock clock;
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper;
    private int sleeping;

    private SteppedTime(Instant start) {
        this.clock = FakeClock.at(start);
        this.sleeper = this::sleep;
    }

    /** @return stepped time starting at {@link VirtualTime#DEFAULT_START} */
    public static SteppedTime create() {
        return new SteppedTime(VirtualTime.DEFAULT_START);
    }

    private synchronized void sleep(Duration duration) throws InterruptedException {
        Duration d = duration.isNegative() ? Duration.ZERO : duration;
        sleeps.add(d);
        Instant until = clock.instant().plus(d);
        sleeping++;
        notifyAll();
        try {
            while (clock.instant().isBefore(until)) {
                wait();
            }
        } finally {
            sleeping--;
            notifyAll();
        }
    }

    /** @return the clock; only {@link #advance} moves it */
    public FakeClock clock() {
        return clock;
    }

    /** @return the sleeper that blocks until the clock reaches the sleep's end */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * Moves the clock and wakes every sleep that has ended.
     *
     * @param duration how far
     * @return the new instant
     */
    public synchronized Instant advance(Duration duration) {
        Instant now = clock.advance(duration);
        notifyAll();
        return now;
    }

    /** @return every sleep requested so far, in order */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** @return how many threads are in a sleep now */
    public synchronized int sleeping() {
        return sleeping;
    }

    /**
     * Waits until the {@code index}-th sleep (from 0) has been requested.
     *
     * @param index which sleep
     * @return its duration
     * @throws TimeoutException     when it is not requested within {@link #AWAIT_LIMIT}
     * @throws InterruptedException when the test thread is interrupted
     */
    public synchronized Duration awaitSleep(int index) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
        while (sleeps.size() <= index) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("sleep #" + index + " was not requested; sleeps so far: " + sleeps);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return sleeps.get(index);
    }

    @Override
    public synchronized String toString() {
        return "SteppedTime[now=" + clock.instant() + ", sleeps=" + sleeps + ", sleeping=" + sleeping + "]";
    }
}
