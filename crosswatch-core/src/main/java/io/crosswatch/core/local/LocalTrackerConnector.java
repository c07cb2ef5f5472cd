package io.crosswatch.core.local;

import io.crosswatch.api.Api;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Activities;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Health;
import io.crosswatch.api.sync.IndexSemantics;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.internal.local.LocalStore;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code local} connector: every feature kept in a SQLite file on this machine, no account
 * needed — the embedded default target.
 *
 * <p>Configuration block keys: {@code path} (default {@code local-tracker.db}); a relative path is
 * resolved against {@code baseDir} (which core sets to the config directory), else the working
 * directory. Full-index reads; history keeps each play with its date.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class LocalTrackerConnector implements Connector {

    /** The connector name. */
    public static final String NAME = "local";
    /** The file name used when the config does not set {@code path}. */
    public static final String DEFAULT_FILE = "local-tracker.db";

    private static final ConnectorManifest MANIFEST = buildManifest();

    /** Does no work; {@link #open} reads the configuration. */
    public LocalTrackerConnector() {
    }

    private static ConnectorManifest buildManifest() {
        ConnectorCapabilities.Builder caps = ConnectorCapabilities.builder()
                .keepsPlayEvents(true)
                .setsWatchedDate(true)
                .supportsRemoval(true)
                .hasActivities(true);
        for (Feature f : Feature.values()) {
            caps.index(f, IndexSemantics.FULL).batchSize(f, 1000);
        }
        return ConnectorManifest.builder(NAME, ApiVersion.CURRENT)
                .label("Local tracker")
                .features(Feature.WATCHLIST, Feature.RATINGS, Feature.HISTORY, Feature.PROGRESS, Feature.PLAYLISTS)
                .capabilities(caps.build())
                .authProvider(null)
                .version("0.1")
                .build();
    }

    @Override
    public ConnectorManifest manifest() {
        return MANIFEST;
    }

    /** Always configured: the file is created on first use. */
    @Override
    public boolean isConfigured(ProviderConfig config) {
        return true;
    }

    /**
     * Where the tracker file of a configuration lives.
     *
     * @param config the {@code local} block
     * @return the absolute file path
     * @throws ConfigException naming {@code path} or {@code baseDir} when it is not a valid path
     */
    public static Path resolveFile(ProviderConfig config) {
        String path = config.string("path").orElse(DEFAULT_FILE);
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new ConfigException(config.path() + ".path", "is not a valid file path: '" + path + "'");
        }
        if (!p.isAbsolute()) {
            String base = config.string("baseDir").orElse(null);
            try {
                p = base == null ? p : Path.of(base).resolve(p);
            } catch (InvalidPathException e) {
                throw new ConfigException(config.path() + ".baseDir", "is not a valid directory path: '" + base + "'");
            }
        }
        return p.toAbsolutePath().normalize();
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        Path file = resolveFile(context.config());
        return new Session(LocalTracker.open(file, context.clock()), context);
    }

    /** A session over an open tracker file; closing it closes the file. */
    private static final class Session implements ConnectorSession {
        private final LocalTracker tracker;
        private final ProviderContext context;

        Session(LocalTracker tracker, ProviderContext context) {
            this.tracker = tracker;
            this.context = context;
        }

        @Override
        public ReadResult read(ReadRequest request) {
            LocalStore.Snapshot snap;
            try {
                snap = tracker.store().read(request.feature());
            } catch (CrossWatchException e) {
                return ReadResult.failed(e.getMessage());
            }
            if (snap.corrupt() > 0) {
                return ReadResult.partial(snap.items(), snap.corrupt() + " row(s) of " + request.feature().key()
                        + " in " + tracker.file() + " cannot be decoded");
            }
            return ReadResult.complete(snap.items());
        }

        /** Per-feature change counters: a feature nobody wrote since the last run is not read again. */
        @Override
        public Optional<Activities> activities() {
            Map<Feature, String> tokens = new EnumMap<>(Feature.class);
            for (Feature f : MANIFEST.features()) {
                tokens.put(f, tracker.store().activityToken(f));
            }
            return Optional.of(new Activities(tokens));
        }

        @Override
        public WriteResult add(Feature feature, List<MediaItem> items, boolean dryRun) {
            context.cancellation().throwIfCancelled();
            return tracker.add(feature, items, dryRun);
        }

        @Override
        public WriteResult remove(Feature feature, List<MediaItem> items, boolean dryRun) {
            context.cancellation().throwIfCancelled();
            return tracker.remove(feature, items, dryRun);
        }

        @Override
        public Health health() {
            long start = System.nanoTime();
            try {
                tracker.count(Feature.WATCHLIST);
            } catch (CrossWatchException e) {
                return new Health(Health.State.DOWN, Duration.ofNanos(System.nanoTime() - start), e.getMessage());
            }
            return Health.up(Duration.ofNanos(System.nanoTime() - start));
        }

        @Override
        public void close() {
            tracker.close();
        }
    }
}
