package io.crosswatch.core.scrobble;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.scrobble.ScrobbleOutcome;
import io.crosswatch.api.scrobble.ScrobbleTarget;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Trakt-like tracker in memory: a history of play events that APPENDS every play it is given
 * (so a duplicate post is visible), a scrobble stop that stamps "now", a dated {@code recordPlay},
 * a 409-like answer for a stop of the same item within an hour, and an outage switch.
 */
final class FakeTracker implements Connector, ConnectorSession, ScrobbleTarget {

    final String name;
    final List<MediaItem> history = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final Clock clock;
    boolean down;
    int rateLimited;
    int reads;
    Runnable beforeSyncWrite = () -> { };

    FakeTracker(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    private void check(String call) {
        if (down) {
            throw new ProviderException(name, 503, true, name + " is down (HTTP 503)", null);
        }
        if (rateLimited > 0) {
            rateLimited--;
            throw new io.crosswatch.api.RateLimitedException(name, Duration.ofMinutes(5), "slow down");
        }
        calls.add(call);
    }

    // ---- connector

    @Override
    public ConnectorManifest manifest() {
        return ConnectorManifest.builder(name, ApiVersion.CURRENT).features(Feature.HISTORY)
                .capabilities(ConnectorCapabilities.builder().keepsPlayEvents(true).build()).authProvider(null).build();
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        return this;
    }

    @Override
    public ReadResult read(ReadRequest request) {
        reads++;
        if (down) {
            return ReadResult.failed(name + " is down");
        }
        return ReadResult.complete(List.copyOf(history));
    }

    @Override
    public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
        if (down) {
            return WriteResult.failed(items, name + " is down");
        }
        Runnable before = beforeSyncWrite;
        beforeSyncWrite = () -> { };
        before.run(); // what happens between the sync's planning and its write
        calls.add("sync/history " + items.size());
        if (!dryRun) {
            history.addAll(items);
        }
        return WriteResult.all(items, WriteResult.Outcome.ADDED);
    }

    @Override
    public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
        return WriteResult.all(items, WriteResult.Outcome.UNSUPPORTED);
    }

    @Override
    public void close() {
    }

    // ---- scrobble target

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScrobbleOutcome start(ProviderContext context, MediaItem item, double percent) {
        check("start " + item.ids().tmdb().orElse("?"));
        return ScrobbleOutcome.of(ScrobbleOutcome.Status.ACCEPTED);
    }

    @Override
    public ScrobbleOutcome pause(ProviderContext context, MediaItem item, double percent) {
        check("pause " + item.ids().tmdb().orElse("?"));
        return ScrobbleOutcome.of(ScrobbleOutcome.Status.ACCEPTED);
    }

    @Override
    public ScrobbleOutcome stop(ProviderContext context, MediaItem item, double percent) {
        check("stop " + item.ids().tmdb().orElse("?"));
        Instant now = clock.instant();
        for (MediaItem h : history) {
            if (h.ids().tmdb().equals(item.ids().tmdb()) && Duration.between(h.watchedAt().orElseThrow(), now).abs()
                    .compareTo(Duration.ofHours(1)) < 0) {
                return new ScrobbleOutcome(ScrobbleOutcome.Status.ALREADY_WATCHED, h.watchedAt().get(), "409");
            }
        }
        history.add(item.toBuilder().watchedAt(now).build());
        return new ScrobbleOutcome(ScrobbleOutcome.Status.WATCHED, now, null);
    }

    @Override
    public ScrobbleOutcome recordPlay(ProviderContext context, MediaItem item) {
        check("record " + item.ids().tmdb().orElse("?"));
        history.add(item);
        return new ScrobbleOutcome(ScrobbleOutcome.Status.WATCHED, item.watchedAt().orElseThrow(), null);
    }

    long plays(String tmdb, Instant around, Duration window) {
        return history.stream().filter(h -> h.ids().tmdb().orElse("").equals(tmdb)
                && Duration.between(h.watchedAt().orElseThrow(), around).abs().compareTo(window) <= 0).count();
    }

    @Override
    public String toString() {
        return "FakeTracker[" + name + "]";
    }
}
