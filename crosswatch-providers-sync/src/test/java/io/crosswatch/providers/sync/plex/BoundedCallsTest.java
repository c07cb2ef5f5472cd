package io.crosswatch.providers.sync.plex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.api.sync.WriteResult.ItemOutcome;
import io.crosswatch.api.sync.WriteResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BoundedCallsTest {

    private static List<MediaItem> items(int n) {
        List<MediaItem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MediaItem.builder(MediaType.MOVIE).id("tmdb", Integer.toString(100 + i)).build());
        }
        return out;
    }

    @Test
    @Timeout(30)
    void fourWritesRunAtOnceAndNeverMore() {
        // Each task waits until four run together: fewer threads would time out the barrier.
        CyclicBarrier four = new CyclicBarrier(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (BoundedCalls writes = new BoundedCalls(4, CancellationToken.none())) {
            WriteResult w = writes.run(items(12), item -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    four.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    running.decrementAndGet();
                }
                return new ItemOutcome(item, Outcome.ADDED, null);
            });
            assertEquals(12, w.count(Outcome.ADDED));
        }
        assertEquals(4, most.get());
    }

    @Test
    void a404IsNotFoundOtherFailuresFailAndCancelledItemsAreNotStarted() {
        List<MediaItem> items = items(3);
        try (BoundedCalls writes = new BoundedCalls(4, CancellationToken.none())) {
            WriteResult w = writes.run(items, item -> {
                if (item == items.get(0)) {
                    throw new ProviderException("plex", 404, false, "PUT /:/scrobble found nothing (HTTP 404)", null);
                }
                if (item == items.get(1)) {
                    throw new ProviderException("plex", 500, true, "PUT /:/scrobble failed with HTTP 500", null);
                }
                return new ItemOutcome(item, Outcome.ADDED, null);
            });
            assertEquals(List.of(Outcome.NOT_FOUND, Outcome.FAILED, Outcome.ADDED),
                    w.outcomes().stream().map(ItemOutcome::outcome).toList());
        }
        CancellationToken token = CancellationToken.create();
        token.cancel("stop");
        try (BoundedCalls writes = new BoundedCalls(4, token)) {
            WriteResult w = writes.run(items, item -> new ItemOutcome(item, Outcome.ADDED, null));
            assertEquals(3, w.count(Outcome.FAILED));
            assertTrue(w.outcomes().get(0).reason().contains("cancelled"));
        }
    }
}
