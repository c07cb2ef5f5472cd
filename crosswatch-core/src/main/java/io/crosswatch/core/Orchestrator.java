package io.crosswatch.core;

import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.Sleeper;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.ProgressEvent;
import io.crosswatch.api.sync.ProgressListener;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.internal.orchestrator.RunLock;
import io.crosswatch.core.state.SyncStateStore;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs configured pairs, in order, each with the {@link SyncModule} registered for its
 * {@code (source connector, target connector)}: the first module that {@link
 * SyncModule#handles handles} the pair, else the generic fallback.
 *
 * <p>For each pair the orchestrator opens a session on both connectors through {@link
 * PlatformManager#contextFor} (so token refreshes persist), narrows the pair's features to those
 * the module and both connectors support, runs the module and closes the sessions. A pair whose
 * connector is not installed or not configured is {@link SyncStatus#SKIPPED} with the reason; a
 * failure of one pair never stops the next. Cancellation and the deadline are checked between
 * pairs and passed to the module.
 *
 * <p>One run at a time per config: a lock file next to the config file ({@code <config>.lock})
 * is held for the whole run, and a second run fails at once with {@link RunInProgressException}.
 * {@link RunListener}s added with {@link #addRunListener} are told when each run starts and ends.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class Orchestrator {

    private static final System.Logger LOG = System.getLogger(Orchestrator.class.getName());

    private final PlatformManager platform;
    private final StateStore state;
    private final SyncModule fallback;
    private final List<SyncModule> modules;
    private final List<PairSpec> explicitPairs;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Path lockFile;
    private final AtomicBoolean runningInProcess = new AtomicBoolean();
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

    private Orchestrator(Builder b) {
        this.platform = Objects.requireNonNull(b.platform, "platform");
        this.state = Objects.requireNonNull(b.state, "stateStore");
        this.fallback = Objects.requireNonNull(b.fallback, "fallback sync module");
        List<SyncModule> all = new ArrayList<>(b.modules);
        platform.syncModules().stream().filter(m -> all.stream().noneMatch(x -> x == m)).forEach(all::add);
        all.removeIf(m -> m == fallback);
        this.modules = List.copyOf(all);
        this.explicitPairs = b.pairs == null ? null : List.copyOf(b.pairs);
        this.clock = b.clock == null ? platform.clock() : b.clock;
        this.sleeper = b.sleeper == null ? platform.sleeper() : b.sleeper;
        Path lock = b.lockFile;
        if (lock == null) {
            lock = platform.configStore().map(ConfigStore::path).map(RunLock::pathFor).orElse(null);
        }
        this.lockFile = lock;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param sourceConnector the source connector name
     * @param targetConnector the target connector name
     * @return the first registered module that handles the pair, else the fallback
     */
    public SyncModule moduleFor(String sourceConnector, String targetConnector) {
        for (SyncModule m : modules) {
            if (m.handles(sourceConnector, targetConnector)) {
                return m;
            }
        }
        return fallback;
    }

    /** @return the lock file runs hold, if runs are locked through a file */
    public Optional<Path> lockFile() {
        return Optional.ofNullable(lockFile);
    }

    /**
     * Registers a listener told when each run and undo starts and ends (inside the lock).
     *
     * @param listener the listener
     */
    public void addRunListener(RunListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener a listener added before; no longer told */
    public void removeRunListener(RunListener listener) {
        listeners.remove(listener);
    }

    /** Runs {@code body} between the listeners' start and end calls. */
    private RunReport told(Supplier<RunReport> body) {
        tell(RunListener::runStarted);
        try {
            return body.get();
        } finally {
            tell(RunListener::runEnded);
        }
    }

    private void tell(Consumer<RunListener> call) {
        for (RunListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "run listener {0} failed: {1}", l, e.toString());
            }
        }
    }

    /**
     * Runs the requested pairs.
     *
     * @param request which pairs and how
     * @return one result per pair
     * @throws RunInProgressException at once when another run for the same config is going on
     * @throws ConfigException        when the config is invalid or names an unknown pair
     */
    public RunReport run(RunRequest request) {
        Objects.requireNonNull(request, "request");
        Instant started = clock.instant();
        if (lockFile != null) {
            String what = platform.configStore().map(s -> s.path().toString()).orElse(lockFile.toString());
            try (RunLock ignored = RunLock.acquire(lockFile, what, started)) {
                return told(() -> runLocked(request, started));
            }
        }
        if (!runningInProcess.compareAndSet(false, true)) {
            throw new RunInProgressException("another sync is running for this orchestrator (no config file to lock)");
        }
        try {
            return told(() -> runLocked(request, started));
        } finally {
            runningInProcess.set(false);
        }
    }

    /**
     * Reverts a recorded run: for every configured pair that has a record of {@code runId}, removes
     * what the run added, restores what it removed and puts back what it changed (see {@link
     * UndoService}). A run whose process was killed mid-apply (listed as interrupted) is reverted
     * from its write-ahead journal. The undo holds the same lock as a run and is itself recorded as
     * a run, which can in turn be undone.
     *
     * @param runId  the run to revert (the {@link RunReport#runId()} of a real run)
     * @param dryRun report what would be written and write nothing
     * @return one result per reverted pair
     * @throws RunInProgressException at once when a run for the same config is going on
     * @throws ConfigException        when the state store keeps no run history or no pair recorded the run
     */
    public RunReport undo(String runId, boolean dryRun) {
        Objects.requireNonNull(runId, "runId");
        Instant started = clock.instant();
        if (lockFile != null) {
            String what = platform.configStore().map(s -> s.path().toString()).orElse(lockFile.toString());
            try (RunLock ignored = RunLock.acquire(lockFile, what, started)) {
                return told(() -> undoLocked(runId, dryRun, started));
            }
        }
        if (!runningInProcess.compareAndSet(false, true)) {
            throw new RunInProgressException("another sync is running for this orchestrator (no config file to lock)");
        }
        try {
            return told(() -> undoLocked(runId, dryRun, started));
        } finally {
            runningInProcess.set(false);
        }
    }

    private RunReport undoLocked(String runId, boolean dryRun, Instant started) {
        if (!(state instanceof SyncStateStore history)) {
            throw new ConfigException("state", "the state store " + state.getClass().getSimpleName()
                    + " keeps no run history, so runs cannot be undone");
        }
        UndoService undo = new UndoService(history, clock);
        CrossWatchConfig config = platform.configStore().map(ConfigStore::load).orElse(null);
        List<PairSpec> configured = explicitPairs != null ? explicitPairs : config == null ? List.of() : config.pairs();
        List<SyncResult> results = new ArrayList<>();
        for (PairSpec pair : configured) {
            if (undo.find(pair.name(), runId).isEmpty()) {
                continue;
            }
            results.add(undoPair(undo, runId, pair, dryRun));
        }
        if (results.isEmpty()) {
            throw new ConfigException("run " + runId, "no configured pair has a recorded run " + runId);
        }
        RunReport report = RunReport.of(results.get(0).runId(), started, clock.instant(), dryRun, results);
        LOG.log(Level.INFO, "undo of run {0} ended {1}", runId, report.status());
        return report;
    }

    private SyncResult undoPair(UndoService undo, String runId, PairSpec pair, boolean dryRun) {
        Instant start = clock.instant();
        Optional<Connector> source = platform.connector(pair.source().provider());
        Optional<Connector> target = platform.connector(pair.target().provider());
        if (source.isEmpty() || target.isEmpty()) {
            String missing = source.isEmpty() ? pair.source().provider() : pair.target().provider();
            return ended(runId, pair, start, dryRun, SyncStatus.FAILED, "cannot undo: connector '" + missing
                    + "' is not installed");
        }
        CancellationToken token = CancellationToken.none();
        ConnectorSession sourceSession = null;
        ConnectorSession targetSession = null;
        try {
            sourceSession = source.get().open(platform.contextFor(pair.source().provider(), pair.source().instance(), token));
            targetSession = target.get().open(platform.contextFor(pair.target().provider(), pair.target().instance(), token));
            return undo.undo(pair.name(), runId, sourceSession, targetSession, dryRun);
        } catch (CrossWatchException e) {
            return ended(runId, pair, start, dryRun, SyncStatus.FAILED, "undo failed: " + e.getMessage());
        } finally {
            close(pair, targetSession);
            close(pair, sourceSession);
        }
    }

    private RunReport runLocked(RunRequest request, Instant started) {
        CrossWatchConfig config = platform.configStore().map(ConfigStore::load).orElse(null);
        List<PairSpec> configured = explicitPairs != null ? explicitPairs : config == null ? List.of() : config.pairs();
        List<PairSpec> selected = select(configured, request.pairs());
        boolean dryRun = request.dryRun().orElse(config != null && config.sync().dryRun());
        Map<String, String> guards = config == null ? Map.of() : config.sync().guards();
        Instant deadline = deadline(request, started);
        String runId = UUID.randomUUID().toString();
        ProgressListener progress = request.progress();
        CancellationToken token = request.cancellation();
        List<SyncResult> results = new ArrayList<>();
        LOG.log(Level.INFO, "run {0}: {1} pair(s){2}", runId, selected.size(), dryRun ? " (dry run)" : "");
        for (int i = 0; i < selected.size(); i++) {
            PairSpec pair = withGuards(selected.get(i), guards);
            progress.onProgress(new ProgressEvent("pairs", i, selected.size(), pair.name()));
            Instant now = clock.instant();
            if (token.isCancelled()) {
                results.add(ended(runId, pair, now, dryRun, SyncStatus.CANCELLED, "cancelled before this pair started"));
            } else if (deadline != null && !now.isBefore(deadline)) {
                results.add(ended(runId, pair, now, dryRun, SyncStatus.CANCELLED,
                        "the run's deadline " + deadline + " passed before this pair started"));
            } else {
                results.add(runPair(runId, pair, dryRun, request.force(), deadline, token, progress));
            }
        }
        progress.onProgress(new ProgressEvent("pairs", selected.size(), selected.size(), null));
        RunReport report = RunReport.of(runId, started, clock.instant(), dryRun, results);
        LOG.log(Level.INFO, "run {0} ended {1}", runId, report.status());
        return report;
    }

    private static List<PairSpec> select(List<PairSpec> configured, List<String> names) {
        if (names.isEmpty()) {
            return configured;
        }
        Set<String> wanted = new LinkedHashSet<>(names);
        Set<String> known = configured.stream().map(PairSpec::name).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String n : wanted) {
            if (!known.contains(n)) {
                throw new ConfigException("$.pairs", "no pair named '" + n + "'; configured pairs: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        return configured.stream().filter(p -> wanted.contains(p.name())).toList();
    }

    private static Instant deadline(RunRequest request, Instant started) {
        Instant d = request.deadline().orElse(null);
        if (request.timeout().isPresent()) {
            Instant t = started.plus(request.timeout().get());
            d = d == null || t.isBefore(d) ? t : d;
        }
        return d;
    }

    /** The config's guard defaults apply unless the pair sets its own. */
    private static PairSpec withGuards(PairSpec pair, Map<String, String> guards) {
        if (guards.isEmpty()) {
            return pair;
        }
        PairSpec.Builder b = pair.toBuilder();
        guards.forEach((k, v) -> {
            if (!pair.options().containsKey(k)) {
                b.option(k, v);
            }
        });
        return b.build();
    }

    private SyncResult runPair(String runId, PairSpec pair, boolean dryRun, boolean force, Instant deadline,
                               CancellationToken token, ProgressListener progress) {
        Instant start = clock.instant();
        Optional<Connector> source = platform.connector(pair.source().provider());
        Optional<Connector> target = platform.connector(pair.target().provider());
        if (source.isEmpty() || target.isEmpty()) {
            String missing = source.isEmpty() ? pair.source().provider() : pair.target().provider();
            return ended(runId, pair, start, dryRun, SyncStatus.SKIPPED, "connector '" + missing
                    + "' is not installed; run 'crosswatch providers' to list the installed ones");
        }
        ConnectorSession sourceSession = null;
        ConnectorSession targetSession = null;
        try {
            ProviderContext sourceContext = platform.contextFor(pair.source().provider(), pair.source().instance(), token);
            ProviderContext targetContext = platform.contextFor(pair.target().provider(), pair.target().instance(), token);
            Optional<String> unconfigured = unconfigured(pair.source().toString(), source.get(), sourceContext)
                    .or(() -> unconfigured(pair.target().toString(), target.get(), targetContext));
            if (unconfigured.isPresent()) {
                return ended(runId, pair, start, dryRun, SyncStatus.SKIPPED, unconfigured.get());
            }
            ConnectorManifest sourceManifest = source.get().manifest();
            ConnectorManifest targetManifest = target.get().manifest();
            SyncModule module = moduleFor(sourceManifest.name(), targetManifest.name());
            PairSpec effective = supportedOnly(pair, module, sourceManifest, targetManifest);
            if (effective.enabledFeatures().isEmpty()) {
                return ended(runId, pair, start, dryRun, SyncStatus.SKIPPED, "none of the enabled features "
                        + keys(pair.enabledFeatures()) + " is supported by " + sourceManifest.name() + ", "
                        + targetManifest.name() + " and sync module '" + module.name() + "'");
            }
            LOG.log(Level.INFO, "pair {0}: module {1}, features {2}", pair.name(), module.name(),
                    keys(effective.enabledFeatures()));
            sourceSession = source.get().open(sourceContext);
            targetSession = target.get().open(targetContext);
            SyncContext context = SyncContext.builder(effective).runId(runId)
                    .source(sourceManifest, sourceSession).target(targetManifest, targetSession)
                    .state(state).dryRun(dryRun).force(force).deadline(deadline).cancellation(token)
                    .progress(progress).clock(clock).sleeper(sleeper).build();
            SyncResult result = module.runSync(context);
            return result == null
                    ? ended(runId, pair, start, dryRun, SyncStatus.FAILED, "sync module '" + module.name()
                            + "' returned no result")
                    : result;
        } catch (CancelledException e) {
            return ended(runId, pair, start, dryRun, SyncStatus.CANCELLED, e.getMessage());
        } catch (CrossWatchException e) {
            return ended(runId, pair, start, dryRun, SyncStatus.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pair " + pair.name() + " failed", e);
            return ended(runId, pair, start, dryRun, SyncStatus.FAILED, "unexpected " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            close(pair, targetSession);
            close(pair, sourceSession);
        }
    }

    private static Optional<String> unconfigured(String endpoint, Connector connector, ProviderContext context) {
        if (connector.isConfigured(context.config())) {
            return Optional.empty();
        }
        String auth = connector.manifest().authProvider().orElse(connector.manifest().name());
        String instance = context.config().instance();
        return Optional.of(endpoint + " is not configured; run 'crosswatch connect " + auth
                + ("default".equals(instance) ? "" : " --instance " + instance) + "'");
    }

    private static PairSpec supportedOnly(PairSpec pair, SyncModule module, ConnectorManifest s, ConnectorManifest t) {
        PairSpec.Builder b = pair.toBuilder();
        for (Feature f : pair.enabledFeatures()) {
            if (!module.supportedFeatures().contains(f) || !s.features().contains(f) || !t.features().contains(f)) {
                b.feature(f, FeatureOptions.OFF);
                LOG.log(Level.INFO, "pair {0}: {1} is not supported by both sides and the module; left out",
                        pair.name(), f.key());
            }
        }
        return b.build();
    }

    private static String keys(Set<Feature> features) {
        return features.stream().map(Feature::key).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    private SyncResult ended(String runId, PairSpec pair, Instant start, boolean dryRun, SyncStatus status, String why) {
        LOG.log(Level.INFO, "pair {0}: {1}: {2}", pair.name(), status, why);
        SyncResult.Builder b = SyncResult.builder(runId, pair.name(), start).finishedAt(clock.instant()).dryRun(dryRun)
                .status(status);
        if (status == SyncStatus.SKIPPED || status == SyncStatus.CANCELLED) {
            b.warning(why);
        } else {
            b.error(why);
        }
        return b.metadata("reason", why).build();
    }

    private static void close(PairSpec pair, ConnectorSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pair " + pair.name() + ": closing a session failed", e);
        }
    }

    /** Builds an {@link Orchestrator}. */
    public static final class Builder {
        private PlatformManager platform;
        private StateStore state;
        private SyncModule fallback;
        private final List<SyncModule> modules = new ArrayList<>();
        private List<PairSpec> pairs;
        private Clock clock;
        private Sleeper sleeper;
        private Path lockFile;

        private Builder() {
        }

        /** @return this; required: connectors, contexts, discovered sync modules and the config */
        public Builder platform(PlatformManager value) {
            this.platform = value;
            return this;
        }

        /** @return this; required: where baselines live (the caller owns it and closes it) */
        public Builder stateStore(StateStore value) {
            this.state = value;
            return this;
        }

        /** @return this; required: the module used when no other handles a pair (the generic one) */
        public Builder fallback(SyncModule value) {
            this.fallback = value;
            return this;
        }

        /** @return this, registering a specialised module ahead of the discovered ones */
        public Builder module(SyncModule value) {
            modules.add(Objects.requireNonNull(value, "module"));
            return this;
        }

        /** @return this; run these pairs instead of the config's */
        public Builder pairs(List<PairSpec> value) {
            this.pairs = value;
            return this;
        }

        /** @return this; defaults to the platform's clock */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** @return this; defaults to the platform's sleeper */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** @return this; defaults to {@code <config file>.lock} next to the config */
        public Builder lockFile(Path value) {
            this.lockFile = value;
            return this;
        }

        /** @return the orchestrator */
        public Orchestrator build() {
            return new Orchestrator(this);
        }
    }
}
