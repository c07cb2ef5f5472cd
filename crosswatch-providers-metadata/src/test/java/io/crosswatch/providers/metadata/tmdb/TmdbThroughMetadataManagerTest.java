package io.crosswatch.providers.metadata.tmdb;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.MetadataCache;
import io.crosswatch.core.MetadataManager;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TMDB behind the {@link MetadataManager}: memory cache, TTLs, coalescing and the disk cache. */
class TmdbThroughMetadataManagerTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private static final MetadataRequest FIGHT_CLUB = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "550"), "de-DE");
    private static final MetadataRequest UNKNOWN = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "999999999"), "de-DE");

    private VirtualTime time;

    @BeforeEach
    void setUp() {
        time = VirtualTime.create();
        TmdbFixtures.stubCatalog(wm);
    }

    private MetadataManager.Builder manager() {
        TmdbMetadataProvider tmdb = new TmdbMetadataProvider(HttpToolkit.builder().clock(time.clock())
                .sleeper(time.sleeper()).build());
        return MetadataManager.builder().provider(tmdb, TmdbFixtures.config(wm)).clock(time.clock())
                .ttl(Duration.ofHours(24)).negativeTtl(Duration.ofHours(1));
    }

    @Test
    void cacheHitTtlExpiryAndNegativeCaching() {
        MetadataManager m = manager().build();

        Metadata first = m.fetch(FIGHT_CLUB).orElseThrow();
        assertEquals(first, m.fetch(FIGHT_CLUB).orElseThrow());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/movie/550")));

        time.advance(Duration.ofHours(24));
        m.fetch(FIGHT_CLUB).orElseThrow();
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/3/movie/550")));

        assertTrue(m.fetch(UNKNOWN).isEmpty());
        // The manager asks again in English for an unknown item's empty texts: one 404 each.
        int afterMiss = wm.getAllServeEvents().size();
        assertTrue(m.fetch(UNKNOWN).isEmpty());
        assertEquals(afterMiss, wm.getAllServeEvents().size(), "the miss is cached");
        time.advance(Duration.ofHours(1));
        assertTrue(m.fetch(UNKNOWN).isEmpty());
        assertTrue(wm.getAllServeEvents().size() > afterMiss, "the miss expired after the negative TTL");
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/configuration")));
    }

    @Test
    void twentyConcurrentRequestsMakeOneHttpCall() throws Exception {
        // A slow answer keeps the first request in flight while the other nineteen arrive.
        wm.stubFor(get(urlPathEqualTo("/3/movie/550")).willReturn(okJson(TmdbFixtures.MOVIE_550_DE).withFixedDelay(400)));
        MetadataManager m = manager().build();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<Metadata>>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return m.fetch(FIGHT_CLUB);
                }));
            }
            start.countDown();
            for (Future<Optional<Metadata>> f : futures) {
                assertEquals("Fight Club", f.get().orElseThrow().title().orElseThrow());
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/movie/550")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/configuration")));
        assertEquals(2, wm.getAllServeEvents().size());
        assertEquals(1, m.stats().misses());
        assertEquals(19, m.stats().hits() + m.stats().coalesced());
    }

    @Test
    void diskCacheSurvivesANewManager() {
        Path file = dir.resolve("metadata-cache.db");
        Metadata fetched;
        try (MetadataCache disk = MetadataCache.sqlite(file)) {
            MetadataManager m = manager().diskCache(disk).build();
            fetched = m.fetch(FIGHT_CLUB).orElseThrow();
            assertTrue(m.fetch(UNKNOWN).isEmpty());
        }
        int requests = wm.getAllServeEvents().size();
        try (MetadataCache disk = MetadataCache.sqlite(file)) {
            MetadataManager restarted = manager().diskCache(disk).build();
            assertEquals(fetched, restarted.fetch(FIGHT_CLUB).orElseThrow());
            assertEquals(fetched.poster(), restarted.fetch(FIGHT_CLUB).orElseThrow().poster());
            assertTrue(restarted.fetch(UNKNOWN).isEmpty());
            assertEquals(0, restarted.stats().providerCalls());
        }
        assertEquals(requests, wm.getAllServeEvents().size(), "the restart made no HTTP call");
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/3/movie/550")));
    }
}
