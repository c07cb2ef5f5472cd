package io.crosswatch.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handler queue keeps order, drops only the oldest periodic calls when full, and drains on close. */
class HandlerQueueTest {

    final BlockingQueue<String> ran = new LinkedBlockingQueue<>();

    Runnable note(String what) {
        return () -> ran.add(what);
    }

    String next() throws InterruptedException {
        String s = ran.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "nothing ran");
        return s;
    }

    @Test
    void whenFullTheOldestPeriodicCallIsDroppedAndStartsAndStopsNeverAre() throws Exception {
        HandlerQueue queue = new HandlerQueue("test", 3);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue.submit(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.add("blocker");
        }, false);
        assertTrue(started.await(10, TimeUnit.SECONDS));

        queue.submit(note("progress 1"), true);
        queue.submit(note("start"), false);
        queue.submit(note("progress 2"), true);
        queue.submit(note("stop"), false); // full: progress 1 goes
        assertEquals(1, queue.dropped());
        queue.submit(note("progress 3"), true); // full: progress 2 goes
        queue.submit(note("pause"), false); // full: progress 3 goes
        queue.submit(note("progress 4"), true); // full of calls that must stay: the new periodic one goes
        queue.submit(note("stop 2"), false); // nothing droppable: queued beyond the capacity
        assertEquals(4, queue.dropped());
        assertEquals(4, queue.pending());

        release.countDown();
        queue.close();
        List<String> order = List.of(next(), next(), next(), next(), next());
        assertEquals(List.of("blocker", "start", "stop", "pause", "stop 2"), order);
        assertTrue(ran.isEmpty());
        queue.submit(note("after close"), false);
        assertEquals(0, queue.pending(), "closed: no more calls");
    }
}
