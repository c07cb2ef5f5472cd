package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ProviderConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordingProviderStoreTest {

    @Test
    void recordsUpdatesIncludingRemovalsAndTracksSecretKeys() {
        RecordingProviderStore store = RecordingProviderStore.of(
                ProviderConfig.of("plex", "default", Map.of("baseUrl", "http://localhost:32400")));
        assertFalse(store.persistedASecret());
        store.update(Map.of("token", "plex-token-0001", "server", Map.of("accessToken", "srv-token-0002")));
        assertTrue(store.persistedASecret());
        assertEquals(Set.of("token", "server.accessToken"), store.secretKeys());
        assertEquals("plex-token-0001", store.secrets().get("token"));
        Map<String, Object> removal = new HashMap<>();
        removal.put("token", null);
        store.update(removal);
        assertEquals(Set.of("server.accessToken"), store.secretKeys());
        assertEquals(2, store.updates().size());
        assertTrue(store.updates().get(1).containsKey("token"), "a removal is recorded as a null value");
        assertFalse(store.toString().contains("srv-token-0002"), store.toString());
    }

    @Test
    void testContextReadsTheStoreOnEveryCallAndCarriesItsToken() {
        RecordingProviderStore store = RecordingProviderStore.of(ProviderConfig.empty("x"));
        VirtualTime time = VirtualTime.create();
        TestContext ctx = TestContext.of(store, time);
        store.update(Map.of("apiKey", "k-123456"));
        assertEquals("k-123456", ctx.config().require("apiKey"));
        assertEquals(time.clock(), ctx.clock());
        assertFalse(ctx.cancellation().isCancelled());
        CancellationToken token = CancellationToken.create();
        token.cancel("stop");
        TestContext cancelled = TestContext.copyOf(ctx, token);
        assertTrue(cancelled.cancellation().isCancelled());
        assertEquals(store, cancelled.store());
        assertFalse(cancelled.toString().contains("k-123456"), cancelled.toString());
    }
}
