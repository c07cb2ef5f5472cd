package io.crosswatch.core.sync;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Activities;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test connector keeping its inventory in memory, with knobs for failure: failed or partial
 * reads, items it rejects as not found, items it accepts but never lists (phantoms), and a hook
 * called before each write (the crash test kills the JVM there). Activity tokens move on every write.
 */
class InMemoryConnector implements Connector, ConnectorSession {

    final ConnectorManifest manifest;
    final Map<Feature, List<MediaItem>> data = new EnumMap<>(Feature.class);
    final Map<Feature, Integer> version = new EnumMap<>(Feature.class);
    final Set<Feature> failReads = new HashSet<>();
    final Set<Feature> partialReads = new HashSet<>();
    final Set<String> notFound = new HashSet<>();
    final Set<String> phantoms = new HashSet<>();
    Runnable beforeWrite = () -> { };
    RatingScale sessionScale;
    Instant now = Instant.parse("2024-06-01T12:00:00Z");
    int reads;
    int writes;
    int activityProbes;

    InMemoryConnector(String name, ConnectorCapabilities caps) {
        this.manifest = ConnectorManifest.builder(name, ApiVersion.CURRENT).features(Feature.WATCHLIST, Feature.values())
                .capabilities(caps).authProvider(null).build();
        for (Feature f : Feature.values()) {
            data.put(f, new ArrayList<>());
            version.put(f, 0);
        }
    }

    @Override
    public java.util.Optional<RatingScale> ratingScale() {
        return java.util.Optional.ofNullable(sessionScale);
    }

    InMemoryConnector put(Feature f, List<MediaItem> items) {
        data.get(f).addAll(items);
        version.merge(f, 1, Integer::sum);
        return this;
    }

    List<MediaItem> items(Feature f) {
        return data.get(f);
    }

    @Override
    public ConnectorManifest manifest() {
        return manifest;
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        return this;
    }

    @Override
    public ReadResult read(ReadRequest request) {
        reads++;
        Feature f = request.feature();
        if (failReads.contains(f)) {
            return ReadResult.failed("HTTP 503 from " + manifest.name());
        }
        List<MediaItem> items = List.copyOf(data.get(f));
        if (partialReads.contains(f)) {
            return ReadResult.partial(items.subList(0, items.size() / 2), "page 2 timed out");
        }
        return ReadResult.complete(items);
    }

    private String key(Feature f, MediaItem item) {
        String k = Ids.key(item).value();
        if (f == Feature.PLAYLISTS) {
            k += "|" + item.list().orElse("");
        }
        if (f == Feature.HISTORY && manifest.capabilities().keepsPlayEvents()) {
            k += "@" + item.watchedAt().map(t -> t.truncatedTo(ChronoUnit.MINUTES)).orElse(null);
        }
        return k;
    }

    @Override
    public WriteResult add(Feature f, List<MediaItem> items, boolean dryRun) {
        beforeWrite.run();
        writes++;
        List<WriteResult.ItemOutcome> out = new ArrayList<>();
        for (MediaItem item : items) {
            String id = item.ids().tmdb().orElse("");
            if (notFound.contains(id)) {
                out.add(new WriteResult.ItemOutcome(item, WriteResult.Outcome.NOT_FOUND, "no such tmdb id"));
                continue;
            }
            if (!dryRun && !phantoms.contains(id)) {
                MediaItem stored = item;
                if (f == Feature.HISTORY && !manifest.capabilities().setsWatchedDate()) {
                    stored = item.toBuilder().watchedAt(now).build();
                }
                String k = key(f, stored);
                data.get(f).removeIf(x -> key(f, x).equals(k));
                data.get(f).add(stored);
            }
            out.add(new WriteResult.ItemOutcome(item, WriteResult.Outcome.ADDED, null));
        }
        if (!dryRun) {
            version.merge(f, 1, Integer::sum);
        }
        return new WriteResult(out);
    }

    @Override
    public WriteResult remove(Feature f, List<MediaItem> items, boolean dryRun) {
        beforeWrite.run();
        writes++;
        if (!dryRun) {
            for (MediaItem item : items) {
                String k = key(f, item);
                data.get(f).removeIf(x -> key(f, x).equals(k));
            }
            version.merge(f, 1, Integer::sum);
        }
        return WriteResult.all(items, WriteResult.Outcome.REMOVED);
    }

    @Override
    public java.util.Optional<Activities> activities() {
        activityProbes++;
        Map<Feature, String> tokens = new EnumMap<>(Feature.class);
        version.forEach((f, v) -> tokens.put(f, "v" + v));
        return java.util.Optional.of(new Activities(tokens));
    }

    @Override
    public String toString() {
        return "InMemoryConnector[" + manifest.name() + "]";
    }

    static boolean complete(ReadResult r) {
        return r.completeness() == Completeness.COMPLETE;
    }
}
