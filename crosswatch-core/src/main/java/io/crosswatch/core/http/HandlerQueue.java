package io.crosswatch.core.http;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The ordered, bounded queue of a {@link ReconnectingWebSocket}'s handler calls, run one at a
 * time on its own thread, so a slow handler (a scrobble target answering slowly) never holds
 * OkHttp's reader thread: frames, pongs and close frames keep being read.
 *
 * <p>When {@code capacity} calls wait, the oldest <em>droppable</em> one (a message the handler
 * called a periodic repeat) is dropped with a warning; calls that are not droppable (opens,
 * disconnects, state changes such as a start or a stop) are never dropped, so the queue may then
 * exceed its capacity, with one warning per backlog.
 */
final class HandlerQueue implements Executor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HandlerQueue.class.getName());

    /** One handler call; {@code droppable} marks a periodic repeat the handler can do without. */
    private record Call(Runnable run, boolean droppable) {
    }

    private final String name;
    private final int capacity;
    private final Deque<Call> calls = new ArrayDeque<>();
    private Thread worker;
    private boolean closed;
    private boolean warnedOverCapacity;
    private long dropped;

    HandlerQueue(String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("handler queue capacity must be positive, got " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    public void execute(Runnable run) {
        submit(run, false);
    }

    /** Queues a call; after {@link #close()} calls are ignored. */
    synchronized void submit(Runnable run, boolean droppable) {
        if (closed) {
            return;
        }
        if (calls.size() >= capacity) {
            if (!dropOldestDroppable() && droppable) {
                dropped++;
                LOG.log(Level.WARNING, "{0}: the handler is {1} calls behind; dropped a periodic message ({2} so far)",
                        name, calls.size(), dropped);
                return;
            }
            if (calls.size() >= capacity && !warnedOverCapacity) {
                warnedOverCapacity = true;
                LOG.log(Level.WARNING, "{0}: the handler is {1} calls behind; nothing more can be dropped, queueing anyway",
                        name, calls.size());
            }
        } else if (calls.size() < capacity / 2) {
            warnedOverCapacity = false;
        }
        calls.addLast(new Call(run, droppable));
        if (worker == null) {
            worker = new Thread(this::work, "crosswatch-handler-" + name);
            worker.setDaemon(true);
            worker.start();
        }
        notifyAll();
    }

    private boolean dropOldestDroppable() {
        Iterator<Call> it = calls.iterator();
        while (it.hasNext()) {
            if (it.next().droppable()) {
                it.remove();
                dropped++;
                LOG.log(Level.WARNING, "{0}: the handler is {1} calls behind; dropped the oldest periodic message ({2} so far)",
                        name, calls.size() + 1, dropped);
                return true;
            }
        }
        return false;
    }

    /** @return how many calls wait (not counting one running) */
    synchronized int pending() {
        return calls.size();
    }

    /** @return how many droppable calls were dropped */
    synchronized long dropped() {
        return dropped;
    }

    private void work() {
        while (true) {
            Call next;
            synchronized (this) {
                while (calls.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // closed: checked by the loop
                    }
                }
                if (calls.isEmpty()) {
                    return; // closed and drained
                }
                next = calls.pollFirst();
            }
            try {
                next.run().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: a handler call failed: {1}", name, e.getClass().getName());
            }
        }
    }

    /**
     * Takes no more calls and lets the worker finish what is queued (a stop heard just before
     * closing still reaches the handler), waiting up to {@code waitSeconds}; a worker still busy
     * then is interrupted and left to end on its own (it is a daemon thread).
     */
    void close(long waitSeconds) {
        Thread t;
        synchronized (this) {
            closed = true;
            t = worker;
            notifyAll();
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(waitSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.log(Level.WARNING, "{0}: the handler did not finish within {1} s of closing; interrupting it", name, waitSeconds);
            t.interrupt();
        }
    }

    @Override
    public void close() {
        close(5);
    }
}
