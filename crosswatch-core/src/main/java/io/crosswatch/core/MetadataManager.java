package io.crosswatch.core;

import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.Sleeper;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.config.ConfigStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Fetches metadata from every provider that knows the entity, in priority order, and merges
 * the answers into one normalized {@link Metadata}.
 *
 * <ul>
 *   <li><b>Order</b>: the builder's {@link Builder#priority priority}, else the config's {@code
 *       metadata.priority}, else discovery order; unnamed providers follow in discovery order.</li>
 *   <li><b>Merge</b>: per field the first non-empty value wins; ids are unioned (and passed on,
 *       so a provider that needs a TMDB id can use one an earlier provider resolved); images
 *       are concatenated per kind in provider order without duplicate URLs, then ordered by
 *       language: the requested one, English, no text, others.</li>
 *   <li><b>Locale</b>: providers are asked in the requested locale; a text still empty is
 *       filled from an {@code en-US} ask; if that is empty too it stays empty.</li>
 *   <li><b>Cache</b>: bounded (least recently used goes first) with a TTL read from the
 *       injected clock; misses are cached for a shorter TTL; a provider failure is never
 *       cached. Concurrent identical requests make one provider call.</li>
 *   <li><b>Disk cache</b> (optional, {@link Builder#diskCache}): answers and misses are also
 *       written to a {@link MetadataCache} with the same expiry, keyed by the provider order and
 *       the request, so a restarted manager answers from it instead of asking providers again.
 *       A failing disk cache costs a refetch, never a lookup.</li>
 * </ul>
 * Thread-safe.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class MetadataManager {

    private static final System.Logger LOG = System.getLogger(MetadataManager.class.getName());
    private static final String ENGLISH = "en-US";

    /** A provider with the context it is called with. */
    private record Source(String name, MetadataProvider provider, Supplier<ProviderContext> context) {
    }

    private record CacheEntry(Optional<Metadata> value, Instant expiresAt) {
    }

    private record Lookup(Optional<Metadata> value, boolean failed) {
    }

    private final List<Source> sources;
    private final Clock clock;
    private final int cacheSize;
    private final Duration ttl;
    private final Duration negativeTtl;
    private final int parallelism;
    private final LinkedHashMap<String, CacheEntry> cache;
    private final MetadataCache diskCache;
    private final String providersKey;
    private final ConcurrentHashMap<String, CompletableFuture<Optional<Metadata>>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong providerCalls = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();

    private MetadataManager(Builder b, List<Source> ordered) {
        this.sources = List.copyOf(ordered);
        this.clock = b.clock != null ? b.clock : b.platform != null ? b.platform.clock() : Clock.systemUTC();
        this.cacheSize = b.cacheSize;
        this.ttl = b.ttl;
        this.negativeTtl = b.negativeTtl;
        this.parallelism = b.parallelism;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
        this.diskCache = b.diskCache;
        this.providersKey = String.join(",", providerOrder());
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the provider names in the order they are asked */
    public List<String> providerOrder() {
        return sources.stream().map(Source::name).toList();
    }

    /** @return the counters so far */
    public MetadataStats stats() {
        return new MetadataStats(hits.get(), misses.get(), providerCalls.get(), coalesced.get());
    }

    /** Empties the cache, and the disk cache when there is one. */
    public void clearCache() {
        synchronized (cache) {
            cache.clear();
        }
        if (diskCache != null) {
            diskCache.clear();
        }
    }

    /**
     * @param request what to fetch
     * @return the merged metadata, or empty when no provider knows the item
     * @throws CancelledException when a provider was cancelled
     */
    public Optional<Metadata> fetch(MetadataRequest request) {
        Objects.requireNonNull(request, "request");
        String key = key(request);
        Optional<Optional<Metadata>> cached = cached(key);
        if (cached.isPresent()) {
            hits.incrementAndGet();
            return cached.get();
        }
        CompletableFuture<Optional<Metadata>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Metadata>> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            coalesced.incrementAndGet();
            return join(running);
        }
        try {
            // Another caller may have finished between our cache miss and claiming the key.
            cached = cached(key);
            if (cached.isPresent()) {
                hits.incrementAndGet();
                mine.complete(cached.get());
                return cached.get();
            }
            Optional<MetadataCache.Entry> disk = fromDisk(key);
            if (disk.isPresent()) {
                hits.incrementAndGet();
                store(key, disk.get().value(), disk.get().expiresAt());
                mine.complete(disk.get().value());
                return disk.get().value();
            }
            misses.incrementAndGet();
            Lookup result = lookup(request);
            if (result.value().isPresent() || !result.failed()) {
                Instant expires = clock.instant().plus(result.value().isPresent() ? ttl : negativeTtl);
                store(key, result.value(), expires);
                toDisk(key, result.value(), expires);
            }
            mine.complete(result.value());
            return result.value();
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * Fetches many items with at most {@code parallelism} provider lookups at a time.
     *
     * @param requests what to fetch
     * @return one result per request, in the same order
     */
    public List<Optional<Metadata>> fetchAll(List<MetadataRequest> requests) {
        List<MetadataRequest> list = List.copyOf(requests);
        if (list.size() <= 1 || parallelism == 1) {
            return list.stream().map(this::fetch).toList();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, list.size()), r -> {
            Thread t = new Thread(r, "crosswatch-metadata-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Optional<Metadata>>> futures = new ArrayList<>(list.size());
            for (MetadataRequest r : list) {
                futures.add(pool.submit(() -> fetch(r)));
            }
            List<Optional<Metadata>> out = new ArrayList<>(list.size());
            for (Future<Optional<Metadata>> f : futures) {
                out.add(f.get());
            }
            return List.copyOf(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while fetching metadata");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- lookup and merge ------------------------------------------------------------------

    private Lookup lookup(MetadataRequest request) {
        List<Source> asked = sources.stream()
                .filter(s -> s.provider().manifest().entities().isEmpty()
                        || s.provider().manifest().entities().contains(request.entity()))
                .toList();
        boolean[] failed = {false};
        Merge merge = new Merge(request);
        for (Source s : asked) {
            ask(s, request.withIds(merge.ids), failed).ifPresent(m -> merge.add(s.name(), m, false));
        }
        if (!isEnglish(request) && (merge.title == null || merge.overview == null)) {
            MetadataRequest english = request.withLocale(ENGLISH);
            for (Source s : asked) {
                if (merge.title != null && merge.overview != null) {
                    break;
                }
                ask(s, english.withIds(merge.ids), failed).ifPresent(m -> merge.add(s.name(), m, true));
            }
        }
        return new Lookup(merge.build(), failed[0]);
    }

    private Optional<Metadata> ask(Source s, MetadataRequest request, boolean[] failed) {
        providerCalls.incrementAndGet();
        try {
            Optional<Metadata> m = s.provider().fetch(s.context().get(), request);
            return m == null ? Optional.empty() : m;
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            failed[0] = true;
            LOG.log(Level.WARNING, "metadata provider {0} failed for {1}: {2}", s.name(), request.ids(), e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isEnglish(MetadataRequest request) {
        return "en".equals(request.language());
    }

    /** Accumulates provider answers in priority order. */
    private static final class Merge {
        private final MetadataRequest request;
        private MediaIds ids;
        private String title;
        private String overview;
        private Integer year;
        private String locale;
        private final Map<ImageKind, List<Image>> images = new EnumMap<>(ImageKind.class);
        private final Set<String> seenUrls = new HashSet<>();
        private final Set<String> contributors = new LinkedHashSet<>();
        private boolean any;

        Merge(MetadataRequest request) {
            this.request = request;
            this.ids = request.ids();
        }

        void add(String provider, Metadata m, boolean englishFallback) {
            any = true;
            contributors.add(provider);
            ids = ids.merge(m.ids());
            if (title == null && m.title().isPresent()) {
                title = m.title().get();
                locale = m.locale().orElse(englishFallback ? ENGLISH : request.locale());
            }
            if (overview == null) {
                overview = m.overview().orElse(null);
            }
            if (year == null) {
                year = m.year().orElse(null);
            }
            m.images().forEach((kind, list) -> {
                if (!request.need().contains(kind)) {
                    return;
                }
                for (Image i : list) {
                    if (seenUrls.add(kind + " " + i.url())) {
                        images.computeIfAbsent(kind, k -> new ArrayList<>()).add(i);
                    }
                }
            });
        }

        Optional<Metadata> build() {
            if (!any) {
                return Optional.empty();
            }
            String lang = request.language();
            Comparator<Image> byLanguage = Comparator.comparingInt(i -> i.lang() == null ? 2
                    : i.lang().toLowerCase(Locale.ROOT).equals(lang) ? 0
                    : i.lang().toLowerCase(Locale.ROOT).equals("en") ? 1 : 3);
            Metadata.Builder b = Metadata.builder(request.entity()).ids(ids).title(title).overview(overview).year(year)
                    .locale(locale).source(String.join(",", contributors));
            images.forEach((kind, list) -> {
                List<Image> sorted = new ArrayList<>(list);
                sorted.sort(byLanguage); // stable: provider order kept within a language
                b.images(kind, sorted);
            });
            return Optional.of(b.build());
        }
    }

    // ---- cache -----------------------------------------------------------------------------

    private static String key(MetadataRequest r) {
        return r.entity().key() + "|" + r.ids() + "|" + r.locale() + "|"
                + r.need().stream().map(Enum::name).sorted().collect(Collectors.joining(",")) + "|"
                + (r.title() == null ? "" : r.title().toLowerCase(Locale.ROOT)) + "|" + (r.year() == null ? "" : r.year())
                + (r.season() == null ? "" : "|s" + r.season()) + (r.episode() == null ? "" : "|e" + r.episode());
    }

    private Optional<Optional<Metadata>> cached(String key) {
        Instant now = clock.instant();
        synchronized (cache) {
            CacheEntry e = cache.get(key);
            if (e == null) {
                return Optional.empty();
            }
            if (!now.isBefore(e.expiresAt())) {
                cache.remove(key);
                return Optional.empty();
            }
            return Optional.of(e.value());
        }
    }

    private void store(String key, Optional<Metadata> value, Instant expires) {
        if (cacheSize == 0) {
            return;
        }
        synchronized (cache) {
            cache.put(key, new CacheEntry(value, expires));
            while (cache.size() > cacheSize) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
    }

    private Optional<MetadataCache.Entry> fromDisk(String key) {
        if (diskCache == null) {
            return Optional.empty();
        }
        try {
            return diskCache.get(providersKey, key, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "metadata disk cache read failed: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    private void toDisk(String key, Optional<Metadata> value, Instant expires) {
        if (diskCache == null) {
            return;
        }
        try {
            diskCache.put(providersKey, key, new MetadataCache.Entry(value, expires));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "metadata disk cache write failed: {0}", e.getMessage());
        }
    }

    private static Optional<Metadata> join(CompletableFuture<Optional<Metadata>> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "MetadataManager[" + providerOrder() + " " + stats() + "]";
    }

    /** Builds a {@link MetadataManager}. */
    public static final class Builder {
        private PlatformManager platform;
        private final Map<String, Source> extra = new LinkedHashMap<>();
        private List<String> priority;
        private Clock clock;
        private int cacheSize = 10_000;
        private Duration ttl = Duration.ofHours(24);
        private Duration negativeTtl = Duration.ofHours(1);
        private int parallelism = 4;
        private MetadataCache diskCache;

        private Builder() {
        }

        /**
         * @param value a persistent cache (such as {@link MetadataCache#sqlite}) consulted after
         *              the memory cache and filled with every answer; the caller closes it
         * @return this
         * @since 0.2
         */
        public Builder diskCache(MetadataCache value) {
            this.diskCache = value;
            return this;
        }

        /** @return this; uses the platform's metadata providers, their configs, clock and {@code metadata.priority} */
        public Builder platform(PlatformManager value) {
            this.platform = value;
            return this;
        }

        /** @return this, adding a provider with an empty configuration */
        public Builder provider(MetadataProvider provider) {
            return provider(provider, ProviderConfig.empty(provider.manifest().name()));
        }

        /** @return this, adding a provider with its configuration (an API key) */
        public Builder provider(MetadataProvider provider, ProviderConfig config) {
            String name = provider.manifest().name();
            ProviderStore store = ProviderStore.inMemory(config);
            extra.put(name, new Source(name, provider,
                    () -> ProviderContext.of(store, clock == null ? Clock.systemUTC() : clock, Sleeper.SYSTEM)));
            return this;
        }

        /** @return this; provider names most trusted first, overriding the config */
        public Builder priority(List<String> names) {
            this.priority = List.copyOf(names);
            return this;
        }

        /** @return this */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** @return this; how many answers the cache keeps (0 disables it) */
        public Builder cacheSize(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("cache size must not be negative");
            }
            this.cacheSize = value;
            return this;
        }

        /** @return this; how long an answer is kept */
        public Builder ttl(Duration value) {
            this.ttl = Objects.requireNonNull(value, "ttl");
            return this;
        }

        /** @return this; how long "no provider knows this item" is kept */
        public Builder negativeTtl(Duration value) {
            this.negativeTtl = Objects.requireNonNull(value, "negativeTtl");
            return this;
        }

        /** @return this; at most this many lookups run at once in {@link MetadataManager#fetchAll} */
        public Builder parallelism(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1");
            }
            this.parallelism = value;
            return this;
        }

        /** @return the manager */
        public MetadataManager build() {
            Map<String, Source> all = new LinkedHashMap<>();
            if (platform != null) {
                for (MetadataProvider p : platform.metadataProviders()) {
                    String name = p.manifest().name();
                    all.put(name, new Source(name, p, () -> platform.context(name, null, CancellationToken.none())));
                }
            }
            extra.forEach(all::putIfAbsent);
            List<String> order = priority;
            if (order == null && platform != null) {
                order = platform.configStore().map(ConfigStore::load).map(c -> c.metadata().priority()).orElse(List.of());
            }
            List<Source> ordered = new ArrayList<>();
            for (String name : order == null ? List.<String>of() : order) {
                Source s = all.remove(name);
                if (s != null) {
                    ordered.add(s);
                } else {
                    LOG.log(Level.WARNING, "metadata priority names ''{0}'', which is not installed", name);
                }
            }
            ordered.addAll(all.values());
            return new MetadataManager(this, ordered);
        }
    }
}
