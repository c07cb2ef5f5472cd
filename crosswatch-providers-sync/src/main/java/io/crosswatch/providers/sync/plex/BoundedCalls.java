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
 * Runs per-item calls with bounded concurrency. Plex has no batch endpoints for watched
 * state, ratings or resume points (nor for Discover metadata), and a home server must not be
 * flooded, so at most {@code threads} calls run at once. Each item gets its own outcome: a {@code 404} is
 * {@link Outcome#NOT_FOUND}, any other failure {@link Outcome#FAILED} with the reason, and
 * items not started before a cancellation fail as cancelled.
 */
final class BoundedCalls implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final int threads;
    private final CancellationToken cancellation;
    private ExecutorService pool;

    BoundedCalls(int threads, CancellationToken cancellation) {
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

    /**
     * Applies {@code call} to every input, at most {@code threads} at once (reads such as
     * Discover metadata lookups).
     *
     * @param inputs the inputs
     * @param call   the call per input
     * @return the results in the order of {@code inputs}
     * @throws CrossWatchException the first failure, after the other calls were stopped
     */
    <T, R> List<R> map(List<T> inputs, Function<T, R> call) {
        cancellation.throwIfCancelled();
        if (inputs.size() <= 1) {
            return inputs.stream().map(call).toList();
        }
        ExecutorService p = pool();
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            futures.add(p.submit(() -> {
                cancellation.throwIfCancelled();
                return call.apply(input);
            }));
        }
        List<R> out = new ArrayList<>(inputs.size());
        try {
            for (Future<R> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("calling Plex was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ProviderException("plex", false, "a parallel call failed: " + e.getCause().getClass().getSimpleName());
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return out;
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
