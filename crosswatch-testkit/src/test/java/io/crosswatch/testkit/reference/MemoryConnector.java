package io.crosswatch.testkit.reference;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A correct connector over {@link MemoryBackend} (watchlist, ratings, history); with {@link
 * Fault}s it breaks one rule family at a time.
 */
public class MemoryConnector implements Connector {

    /** Deliberate faults. */
    public enum Fault {
        /** add() writes even with dryRun. */
        IGNORES_DRY_RUN,
        /** A session reads the library once, when opened, and serves that snapshot ever after. */
        STALE_READS,
        /** A failing backend surfaces as an UncheckedIOException. */
        UNTYPED_ERRORS,
        /** A cancelled token makes read() return an empty COMPLETE result. */
        COMPLETE_EMPTY_ON_CANCEL,
        /** add() appends without checking what is there. */
        DUPLICATES,
        /** add() accepts media types the capabilities leave out. */
        ACCEPTS_UNDECLARED_TYPES,
        /** A failing write names the access token in its exception. */
        LEAKS_TOKEN_IN_ERROR
    }

    private final Set<Fault> faults;

    /** The correct connector (what ServiceLoader instantiates). */
    public MemoryConnector() {
        this(Set.of());
    }

    /** @param faults the faults to commit */
    public MemoryConnector(Set<Fault> faults) {
        this.faults = faults.isEmpty() ? Set.of() : EnumSet.copyOf(faults);
    }

    @Override
    public ConnectorManifest manifest() {
        return ConnectorManifest.builder("memory", ApiVersion.CURRENT).label("Memory")
                .features(Feature.WATCHLIST, Feature.RATINGS, Feature.HISTORY)
                .capabilities(ConnectorCapabilities.builder()
                        .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
                        .mediaTypes(Feature.HISTORY, MediaType.MOVIE, MediaType.EPISODE)
                        .build())
                .build();
    }

    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has("backend") && config.has("accessToken");
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        ProviderConfig c = context.config();
        MemoryBackend b = MemoryBackend.of(c).orElseThrow(() ->
                new ConfigException(c.path() + ".backend", "names no backend"));
        return new Session(context, b, faults.contains(Fault.STALE_READS) ? snapshot(b) : null);
    }

    private static Map<Feature, List<MediaItem>> snapshot(MemoryBackend b) {
        if (b.isDown()) {
            return Map.of();
        }
        return Map.of(Feature.WATCHLIST, b.items(Feature.WATCHLIST), Feature.RATINGS, b.items(Feature.RATINGS),
                Feature.HISTORY, b.items(Feature.HISTORY));
    }

    /** The backend's identity rule: same type, a shared id, and for history the same play time. */
    static boolean same(Feature feature, MediaItem a, MediaItem b) {
        if (a.type() != b.type()) {
            return false;
        }
        boolean shared = a.ids().values().entrySet().stream()
                .anyMatch(e -> e.getValue().equals(b.ids().values().get(e.getKey())));
        return shared && (feature != Feature.HISTORY || Objects.equals(a.watchedAt(), b.watchedAt()));
    }

    private final class Session implements ConnectorSession {
        private final ProviderContext context;
        private final MemoryBackend backend;
        private final Map<Feature, List<MediaItem>> snapshot;

        Session(ProviderContext context, MemoryBackend backend, Map<Feature, List<MediaItem>> snapshot) {
            this.context = context;
            this.backend = backend;
            this.snapshot = snapshot;
        }

        @Override
        public ReadResult read(ReadRequest request) {
            Feature f = request.feature();
            if (context.cancellation().isCancelled()) {
                if (faults.contains(Fault.COMPLETE_EMPTY_ON_CANCEL)) {
                    return ReadResult.complete(List.of());
                }
                context.cancellation().throwIfCancelled();
            }
            if (!manifest().features().contains(f)) {
                return ReadResult.failed("memory does not support " + f.key());
            }
            if (backend.isDown()) {
                if (faults.contains(Fault.UNTYPED_ERRORS)) {
                    throw new UncheckedIOException(new IOException("connection refused"));
                }
                return ReadResult.failed("the memory service is unavailable");
            }
            return ReadResult.complete(snapshot != null ? snapshot.getOrDefault(f, List.of()) : backend.items(f));
        }

        @Override
        public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
            context.cancellation().throwIfCancelled();
            failIfDown();
            Set<MediaType> types = manifest().capabilities().mediaTypes(feature);
            List<WriteResult.ItemOutcome> out = new ArrayList<>();
            for (MediaItem item : items) {
                WriteResult.Outcome o;
                if (!types.contains(item.type()) && !faults.contains(Fault.ACCEPTS_UNDECLARED_TYPES)) {
                    o = WriteResult.Outcome.UNSUPPORTED;
                } else if (!faults.contains(Fault.DUPLICATES)
                        && backend.items(feature).stream().anyMatch(i -> same(feature, i, item))) {
                    o = WriteResult.Outcome.EXISTING;
                } else {
                    if (!dryRun || faults.contains(Fault.IGNORES_DRY_RUN)) {
                        backend.put(feature, item);
                    }
                    o = WriteResult.Outcome.ADDED;
                }
                out.add(new WriteResult.ItemOutcome(item, o, o == WriteResult.Outcome.UNSUPPORTED
                        ? feature.key() + " takes " + types : null));
            }
            return new WriteResult(out);
        }

        @Override
        public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
            context.cancellation().throwIfCancelled();
            failIfDown();
            List<WriteResult.ItemOutcome> out = new ArrayList<>();
            for (MediaItem item : items) {
                boolean present = backend.items(feature).stream().anyMatch(i -> same(feature, i, item));
                if (present && !dryRun) {
                    backend.delete(feature, item);
                }
                out.add(new WriteResult.ItemOutcome(item, present ? WriteResult.Outcome.REMOVED
                        : WriteResult.Outcome.NOT_FOUND, null));
            }
            return new WriteResult(out);
        }

        private void failIfDown() {
            if (backend.isDown()) {
                if (faults.contains(Fault.UNTYPED_ERRORS)) {
                    throw new UncheckedIOException(new IOException("connection refused"));
                }
                String detail = faults.contains(Fault.LEAKS_TOKEN_IN_ERROR)
                        ? " (sent Authorization: Bearer " + context.config().string("accessToken").orElse("") + ")" : "";
                throw new ProviderException("memory", 503, true, "the memory service is unavailable" + detail, null);
            }
        }
    }
}
