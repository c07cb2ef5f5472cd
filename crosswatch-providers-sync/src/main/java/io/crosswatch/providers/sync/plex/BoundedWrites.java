package io.crosswatch.providers.sync.plex;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs per-item writes with bounded concurrency. Plex has no batch endpoints for watched
 * state, ratings or resume points, and a home server must not be flooded, so at most
 * {@code threads} calls run at once. Each item gets its own outcome: a {@code 404} is
 * {@link Outcome#NOT_FOUND}, any other failure {@link Outcome#FAILED} with the reason, and
 * items not started before a cancellation fail as cancelled.
 */
final class BoundedWrites implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final int threads;
    private final CancellationToken cancellation;
    private ExecutorService pool;

    BoundedWrites(int threads, CancellationToken cancellation) {
        this.threads = threads;
        this.cancellation = cancellation;
    }

    /**
     * @param items the items, one task each
     * @param task  the write of one item; it may throw a {@link CrossWatchException}
     * @return the outcomes in the order of {@code items}
     */
    WriteResult run(List<MediaItem> items, Function<MediaItem, ItemOutcome> task) {
        if (items.size() <= 1) {
            List<ItemOutcome> out = new ArrayList<>();
            items.forEach(i -> out.add(guarded(i, task)));
            return new WriteResult(out);
        }
        ExecutorService p = pool();
        List<Future<ItemOutcome>> futures = new ArrayList<>(items.size());
        for (MediaItem item : items) {
            futures.add(p.submit(() -> guarded(item, task)));
        }
        List<ItemOutcome> out = new ArrayList<>(items.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new CancelledException("writing to Plex was interrupted");
            } catch (ExecutionException e) {
                out.add(new ItemOutcome(items.get(i), Outcome.FAILED, e.getCause().getClass().getSimpleName()));
            }
        }
        return new WriteResult(out);
    }

    private ItemOutcome guarded(MediaItem item, Function<MediaItem, ItemOutcome> task) {
        if (cancellation.isCancelled()) {
            return new ItemOutcome(item, Outcome.FAILED, "cancelled before the write started");
        }
        try {
            return task.apply(item);
        } catch (ProviderException e) {
            if (e.httpStatus().orElse(0) == 404) {
                return new ItemOutcome(item, Outcome.NOT_FOUND, e.getMessage());
            }
            return new ItemOutcome(item, Outcome.FAILED, e.getMessage());
        } catch (CrossWatchException e) {
            return new ItemOutcome(item, Outcome.FAILED, e.getMessage());
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "crosswatch-plex-write-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
