package io.crosswatch.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataManifest;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.config.ConfigStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataManagerTest {

    @TempDir
    Path dir;

    /** A clock tests move by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Answers through a function and counts calls. */
    private static final class FakeProvider implements MetadataProvider {
        final String name;
        final Function<MetadataRequest, Optional<Metadata>> answer;
        final AtomicInteger calls = new AtomicInteger();
        final List<String> locales = new ArrayList<>();

        FakeProvider(String name, Function<MetadataRequest, Optional<Metadata>> answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public MetadataManifest manifest() {
            return MetadataManifest.builder(name, ApiVersion.CURRENT).entities(MediaType.MOVIE, MediaType.SHOW).build();
        }

        @Override
        public Optional<Metadata> fetch(ProviderContext context, MetadataRequest request) {
            calls.incrementAndGet();
            synchronized (locales) {
                locales.add(request.locale());
            }
            return answer.apply(request);
        }
    }

    private static final MetadataRequest MATRIX = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("imdb", "tt0133093"), "en-US");

    private static Image img(String name, String lang) {
        return new Image("https://img.example/" + name + ".jpg", 500, 750, lang);
    }

    private final FakeProvider first = new FakeProvider("first", r -> Optional.of(Metadata.builder(r.entity())
            .ids(r.ids().with("tmdb", "603")).title("The Matrix").image(ImageKind.POSTER, img("p1", "en")).build()));
    private final FakeProvider second = new FakeProvider("second", r -> Optional.of(Metadata.builder(r.entity())
            .ids(MediaIds.of("trakt", "481")).title("Matrix").overview("A hacker learns the truth.").year(1999)
            .image(ImageKind.POSTER, img("p2", "en")).image(ImageKind.POSTER, img("p1", "en"))
            .image(ImageKind.BACKDROP, img("b1", null)).build()));

    @Test
    void mergesFieldsInPriorityOrder() {
        MetadataManager m = MetadataManager.builder().provider(first).provider(second).build();
        Metadata md = m.fetch(MATRIX).orElseThrow();
        assertEquals("The Matrix", md.title().orElseThrow());
        assertEquals("A hacker learns the truth.", md.overview().orElseThrow());
        assertEquals(1999, md.year().orElseThrow());
        assertEquals("imdb:tt0133093,tmdb:603,trakt:481", md.ids().toString());
        assertEquals(List.of(img("p1", "en"), img("p2", "en")), md.images().get(ImageKind.POSTER), "concatenated, no duplicate");
        assertEquals(List.of(img("b1", null)), md.images().get(ImageKind.BACKDROP));
        assertEquals("first,second", md.source().orElseThrow());

        MetadataManager reversed = MetadataManager.builder().provider(first).provider(second)
                .priority(List.of("second", "first")).build();
        assertEquals(List.of("second", "first"), reversed.providerOrder());
        assertEquals("Matrix", reversed.fetch(MATRIX).orElseThrow().title().orElseThrow());
    }

    @Test
    void priorityComesFromTheConfigFile() throws IOException {
        Path f = dir.resolve("crosswatch.json");
        Files.writeString(f, "{\"metadata\": {\"priority\": [\"second\", \"missing\"]}}");
        PlatformManager pm = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(f))
                .register(first).register(second).build();
        MetadataManager m = MetadataManager.builder().platform(pm).build();
        assertEquals(List.of("second", "first"), m.providerOrder());
        assertEquals("Matrix", m.fetch(MATRIX).orElseThrow().title().orElseThrow());
    }

    @Test
    void fallsBackToEnglishForEmptyFieldsOnly() {
        FakeProvider localized = new FakeProvider("loc", r -> {
            Metadata.Builder b = Metadata.builder(r.entity()).ids(r.ids()).locale(r.locale());
            if (r.language().equals("de")) {
                b.title("Matrix (de)").image(ImageKind.POSTER, img("en-poster", "en")).image(ImageKind.POSTER, img("de-poster", "de"));
            } else {
                b.title("The Matrix").overview("English overview");
            }
            return Optional.of(b.build());
        });
        MetadataManager m = MetadataManager.builder().provider(localized).build();
        Metadata md = m.fetch(MATRIX.withLocale("de-DE")).orElseThrow();
        assertEquals("Matrix (de)", md.title().orElseThrow());
        assertEquals("English overview", md.overview().orElseThrow());
        assertEquals("de-DE", md.locale().orElseThrow());
        assertEquals(List.of("de-DE", "en-US"), localized.locales);
        assertEquals(List.of(img("de-poster", "de"), img("en-poster", "en")), md.images().get(ImageKind.POSTER),
                "requested language first");

        FakeProvider noText = new FakeProvider("none", r -> Optional.of(Metadata.builder(r.entity()).ids(r.ids()).build()));
        Metadata empty = MetadataManager.builder().provider(noText).build().fetch(MATRIX.withLocale("fr-FR")).orElseThrow();
        assertTrue(empty.title().isEmpty(), "requested, then English, then none");
        assertEquals(2, noText.calls.get());

        FakeProvider english = new FakeProvider("en", r -> Optional.of(Metadata.builder(r.entity()).title("T").build()));
        MetadataManager.builder().provider(english).build().fetch(MATRIX);
        assertEquals(List.of("en-US"), english.locales, "no second ask when English was requested");
    }

    @Test
    void cachesWithTtlAndNegativeCaching() {
        MutableClock clock = new MutableClock();
        FakeProvider counting = new FakeProvider("c", r -> r.ids().tmdb().isPresent() ? Optional.empty()
                : Optional.of(Metadata.builder(r.entity()).title("X").build()));
        MetadataManager m = MetadataManager.builder().provider(counting).clock(clock)
                .ttl(Duration.ofHours(2)).negativeTtl(Duration.ofMinutes(10)).build();

        m.fetch(MATRIX);
        m.fetch(MATRIX);
        assertEquals(1, counting.calls.get(), "second ask is a cache hit");
        assertEquals(new MetadataStats(1, 1, 1, 0), m.stats());
        clock.advance(Duration.ofMinutes(119));
        m.fetch(MATRIX);
        assertEquals(1, counting.calls.get());
        clock.advance(Duration.ofMinutes(1));
        m.fetch(MATRIX);
        assertEquals(2, counting.calls.get(), "expired after the TTL");

        MetadataRequest unknown = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "999"), "en-US");
        assertTrue(m.fetch(unknown).isEmpty());
        assertTrue(m.fetch(unknown).isEmpty());
        assertEquals(3, counting.calls.get(), "a miss is cached too");
        clock.advance(Duration.ofMinutes(10));
        m.fetch(unknown);
        assertEquals(4, counting.calls.get(), "but only for the negative TTL");

        FakeProvider failing = new FakeProvider("f", r -> {
            throw new IllegalStateException("503");
        });
        MetadataManager f = MetadataManager.builder().provider(failing).clock(clock).build();
        assertTrue(f.fetch(MATRIX).isEmpty());
        assertTrue(f.fetch(MATRIX).isEmpty());
        assertEquals(2, failing.calls.get(), "a failure is not cached");
    }

    @Test
    void boundedCacheDropsTheLeastRecentlyUsed() {
        FakeProvider p = new FakeProvider("p", r -> Optional.of(Metadata.builder(r.entity()).title("X").build()));
        MetadataManager m = MetadataManager.builder().provider(p).cacheSize(2).build();
        MetadataRequest a = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "1"), null);
        MetadataRequest b = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "2"), null);
        MetadataRequest c = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "3"), null);
        m.fetch(a);
        m.fetch(b);
        m.fetch(a);
        m.fetch(c);
        assertEquals(3, p.calls.get());
        m.fetch(a);
        assertEquals(3, p.calls.get(), "a was used recently and kept");
        m.fetch(b);
        assertEquals(4, p.calls.get(), "b was evicted");
    }

    @Test
    void concurrentIdenticalRequestsMakeOneProviderCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeProvider slow = new FakeProvider("slow", r -> {
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(Metadata.builder(r.entity()).title("Once").build());
        });
        MetadataManager m = MetadataManager.builder().provider(slow).build();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Optional<Metadata>>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> m.fetch(MATRIX)));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (m.stats().coalesced() < 19 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertEquals(19, m.stats().coalesced(), "19 callers joined the one in flight");
            release.countDown();
            for (Future<Optional<Metadata>> f : futures) {
                assertEquals("Once", f.get(30, TimeUnit.SECONDS).orElseThrow().title().orElseThrow());
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(1, slow.calls.get());
    }

    @Test
    void fetchAllKeepsOrderAndBoundsParallelism() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        CountDownLatch threeTogether = new CountDownLatch(3);
        FakeProvider p = new FakeProvider("p", r -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                threeTogether.countDown();
                assertTrue(threeTogether.await(30, TimeUnit.SECONDS), "three lookups must run at once");
                return Optional.of(Metadata.builder(r.entity()).title("t" + r.ids().tmdb().orElseThrow()).build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                active.decrementAndGet();
            }
        });
        MetadataManager m = MetadataManager.builder().provider(p).parallelism(3).build();
        List<MetadataRequest> requests = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            requests.add(MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", String.valueOf(i)), null));
        }
        List<Optional<Metadata>> out = m.fetchAll(requests);
        for (int i = 0; i < 12; i++) {
            assertEquals("t" + (i + 1), out.get(i).orElseThrow().title().orElseThrow());
        }
        assertEquals(3, maxActive.get());
    }

    @Test
    void diskCacheAnswersANewManagerUntilItExpires() {
        MutableClock clock = new MutableClock();
        FakeProvider counting = new FakeProvider("c", r -> r.ids().tmdb().isPresent() ? Optional.empty()
                : Optional.of(Metadata.builder(r.entity()).ids(r.ids()).title("The Matrix").overview("o").year(1999)
                .locale("en-US").image(ImageKind.POSTER, img("p1", "en")).image(ImageKind.BACKDROP, img("b1", null))
                .build()));
        MetadataRequest unknown = MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "999"), "en-US");
        Path file = dir.resolve("cache/metadata.db");
        Metadata original;
        try (MetadataCache disk = MetadataCache.sqlite(file)) {
            MetadataManager m = MetadataManager.builder().provider(counting).clock(clock).diskCache(disk)
                    .ttl(Duration.ofHours(2)).negativeTtl(Duration.ofMinutes(10)).build();
            original = m.fetch(MATRIX).orElseThrow();
            assertTrue(m.fetch(unknown).isEmpty());
            assertEquals(2, counting.calls.get());
        }
        try (MetadataCache disk = MetadataCache.sqlite(file)) {
            MetadataManager restarted = MetadataManager.builder().provider(counting).clock(clock).diskCache(disk)
                    .ttl(Duration.ofHours(2)).negativeTtl(Duration.ofMinutes(10)).build();
            assertEquals(original, restarted.fetch(MATRIX).orElseThrow(), "read back from disk, every field equal");
            assertEquals(original.source(), restarted.fetch(MATRIX).orElseThrow().source());
            assertTrue(restarted.fetch(unknown).isEmpty());
            assertEquals(2, counting.calls.get(), "the restarted manager asked no provider");
            assertEquals(new MetadataStats(3, 0, 0, 0), restarted.stats());

            clock.advance(Duration.ofMinutes(10));
            assertTrue(restarted.fetch(unknown).isEmpty());
            assertEquals(3, counting.calls.get(), "the cached miss expired after the negative TTL, on disk too");
        }
        try (MetadataCache disk = MetadataCache.sqlite(file)) {
            clock.advance(Duration.ofHours(2));
            MetadataManager later = MetadataManager.builder().provider(counting).clock(clock).diskCache(disk)
                    .ttl(Duration.ofHours(2)).build();
            later.fetch(MATRIX).orElseThrow();
            assertEquals(4, counting.calls.get(), "an expired disk entry is fetched again");
            assertEquals(1, disk.purgeExpired(clock.instant()), "the expired negative entry");
        }
    }

    @Test
    void diskCacheIsKeyedByProvidersAndSeasonEpisode() {
        AtomicInteger calls = new AtomicInteger();
        MetadataProvider counting = new MetadataProvider() {
            @Override
            public MetadataManifest manifest() {
                return MetadataManifest.builder("c", ApiVersion.CURRENT).entities(MediaType.SEASON, MediaType.EPISODE).build();
            }

            @Override
            public Optional<Metadata> fetch(ProviderContext context, MetadataRequest r) {
                calls.incrementAndGet();
                return Optional.of(Metadata.builder(r.entity()).ids(r.ids())
                        .title(r.entity() + " " + r.season() + "x" + r.episode()).build());
            }
        };
        MetadataProvider other = new MetadataProvider() {
            @Override
            public MetadataManifest manifest() {
                return MetadataManifest.builder("d", ApiVersion.CURRENT).entities(MediaType.SEASON).build();
            }

            @Override
            public Optional<Metadata> fetch(ProviderContext context, MetadataRequest r) {
                return Optional.of(Metadata.builder(r.entity()).title("d").build());
            }
        };
        try (MetadataCache disk = MetadataCache.sqlite(dir.resolve("m.db"))) {
            MetadataManager m = MetadataManager.builder().provider(counting).diskCache(disk).build();
            MediaIds show = MediaIds.of("tmdb", "1399");
            assertEquals("EPISODE 1x1", m.fetch(MetadataRequest.episode(show, 1, 1, "en-US")).orElseThrow().title().orElseThrow());
            assertEquals("EPISODE 1x2", m.fetch(MetadataRequest.episode(show, 1, 2, "en-US")).orElseThrow().title().orElseThrow());
            assertEquals("SEASON 1xnull", m.fetch(MetadataRequest.season(show, 1, "en-US")).orElseThrow().title().orElseThrow());
            assertEquals(3, calls.get(), "three different requests");

            MetadataManager otherProviders = MetadataManager.builder().provider(other).diskCache(disk).build();
            assertEquals("d", otherProviders.fetch(MetadataRequest.season(show, 1, "en-US")).orElseThrow().title().orElseThrow(),
                    "another provider set does not read the first one's answers");
        }
    }

    @Test
    void brokenDiskCacheCostsARefetchNotALookup() {
        MetadataCache broken = new MetadataCache() {
            @Override
            public Optional<Entry> get(String providers, String request, Instant now) {
                throw new IllegalStateException("disk I/O error");
            }

            @Override
            public void put(String providers, String request, Entry entry) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public int purgeExpired(Instant now) {
                return 0;
            }

            @Override
            public void clear() {
            }

            @Override
            public void close() {
            }
        };
        MetadataManager m = MetadataManager.builder().provider(first).diskCache(broken).build();
        assertEquals("The Matrix", m.fetch(MATRIX).orElseThrow().title().orElseThrow());
        assertEquals(1, first.calls.get());
    }
}
