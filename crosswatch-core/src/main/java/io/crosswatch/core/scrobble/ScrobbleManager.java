package io.crosswatch.core.scrobble;

import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.RateLimitedException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.scrobble.ScrobbleEvent;
import io.crosswatch.api.scrobble.ScrobbleOutcome;
import io.crosswatch.api.scrobble.ScrobbleTarget;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.RunListener;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.internal.orchestrator.RunLock;
import io.crosswatch.core.state.QueuedScrobble;
import io.crosswatch.core.state.RecordedPlay;
import io.crosswatch.core.state.ScrobbleStore;
import io.crosswatch.core.sync.Ids;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns playback events into scrobbles on every configured target, exactly once per play.
 *
 * <p>Per event: the user/server/library filters (an event whose library is unknown passes the
 * library filter, with one warning per source: a source that cannot name libraries must not
 * lose every play to it); de-duplication of a repeated event (same
 * source, user, item and kind within {@link ScrobbleSettings#dedupWindow()}); then per target
 * PLAY/RESUME → {@code start}, PAUSE → {@code pause}, STOP at or past the watched threshold →
 * {@code stop} (below it → {@code pause}), PROGRESS → nothing.
 *
 * <p>Exactly once: before a watched stop is sent, the target is checked for the play — in the
 * plays scrobbles recorded there ({@link ScrobbleStore#recordedPlays}) and in the history
 * baselines of every pair the target belongs to (what the last sync read or wrote) — within
 * {@link ScrobbleSettings#playWindow()} of the event. Each delivered play is recorded with its
 * item key and minute, and the sync engine reads those records as present on the target.
 *
 * <p>Delivery: a stop or pause the target cannot take now (a retryable {@link
 * ProviderException}, {@link RateLimitedException}) goes to the durable queue, as does any call
 * for a target whose queue is not empty (order is kept per target). {@link #deliverDue()} sends
 * what is due, oldest first, and stops at a target's first failure, which is retried with
 * doubling backoff (or the server's retry-after). A stop delivered later than {@link
 * ScrobbleSettings#lateAfter()} after its event goes through {@link ScrobbleTarget#recordPlay}
 * so the play keeps its real time. A start is never queued: "now watching" is stale by then.
 *
 * <p>Holds: while a sync run may be posting the same play, watched stops wait in the queue and
 * are checked against the run's new baselines afterwards — during the runs of an {@linkplain
 * #attachTo attached} orchestrator, and while any process (a {@code crosswatch sync} next to the
 * daemon, say) holds the config's run lock, which is checked before each stop is sent.
 *
 * <p>Thread-safe: calls are serialized (webhook threads and the scheduler share one manager).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ScrobbleManager {

    private static final System.Logger LOG = System.getLogger(ScrobbleManager.class.getName());
    /** The target pseudo-name of results about a whole event. */
    public static final String ALL = "*";

    private final PlatformManager platform;
    private final ScrobbleStore store;
    private final StateStore baselines;
    private final ScrobbleSettings settings;
    private final List<PairSpec> pairs;
    private final Clock clock;
    private final Map<String, Instant> seen = new HashMap<>();
    /** Sources already warned about that their events name no library. */
    private final Set<String> warnedNoLibrary = new HashSet<>();
    private boolean held;
    /** Runs of attached orchestrators in progress in this JVM. */
    private final AtomicInteger runsInProgress = new AtomicInteger();
    /** The run lock files whose holder (any process) holds watched stops. */
    private final Set<Path> runLocks = new CopyOnWriteArraySet<>();
    private final Set<Orchestrator> attached = Collections.newSetFromMap(new IdentityHashMap<>());

    private ScrobbleManager(Builder b) {
        this.platform = Objects.requireNonNull(b.platform, "platform");
        this.store = Objects.requireNonNull(b.store, "store");
        this.baselines = b.baselines != null ? b.baselines : b.store instanceof StateStore s ? s : null;
        this.settings = b.settings == null ? ScrobbleSettings.defaults() : b.settings;
        this.pairs = List.copyOf(b.pairs);
        this.clock = b.clock != null ? b.clock : platform.clock();
        if (b.runLock != null) {
            watchLock(b.runLock);
        } else {
            platform.configStore().map(ConfigStore::path).map(RunLock::pathFor).ifPresent(this::watchLock);
        }
        for (Endpoint t : settings.targets()) {
            if (platform.scrobbleTarget(t.provider()).isEmpty()) {
                throw new ConfigException("scrobble", "scrobble.targets names '" + t + "', but no scrobble target '" + t.provider()
                        + "' is installed; installed: " + platform.scrobbleTargets().stream().map(ScrobbleTarget::name).toList());
            }
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings in use */
    public ScrobbleSettings settings() {
        return settings;
    }

    /**
     * Handles one playback event.
     *
     * @param event the event
     * @return one result per target, or one {@link #ALL} result when the event was filtered, repeated or ignored
     */
    public synchronized List<ScrobbleResult> onEvent(ScrobbleEvent event) {
        Objects.requireNonNull(event, "event");
        Instant now = clock.instant();
        String why = filtered(event);
        if (why != null) {
            return List.of(new ScrobbleResult(ALL, ScrobbleResult.Status.FILTERED, why));
        }
        if (repeated(event, now)) {
            return List.of(new ScrobbleResult(ALL, ScrobbleResult.Status.REPEATED,
                    event.kind() + " of " + event.item().describe() + " seen within " + settings.dedupWindow()));
        }
        QueuedScrobble.Action action = action(event);
        if (action == null) {
            return List.of(new ScrobbleResult(ALL, ScrobbleResult.Status.IGNORED, "progress report"));
        }
        MediaItem item = event.item().toBuilder().watchedAt(event.occurredAt()).build();
        List<ScrobbleResult> out = new ArrayList<>();
        for (Endpoint target : settings.targets()) {
            QueuedScrobble call = new QueuedScrobble(0, target.toString(), action, item, event.progress(), event.occurredAt(), 0, now);
            out.add(handle(call, !store.queued(call.target()).isEmpty()));
        }
        return out;
    }

    private String filtered(ScrobbleEvent e) {
        if (!admits(settings.users(), e.user())) {
            return "user not in scrobble.users";
        }
        if (!admits(settings.servers(), e.server())) {
            return "server not in scrobble.servers";
        }
        if (e.library() == null && !settings.libraries().isEmpty()) {
            // Unknown is not "another library": dropping it would lose every play of a source
            // (or of a lookup that failed) that cannot name one.
            if (warnedNoLibrary.add(e.source())) {
                LOG.log(Level.WARNING, "scrobble.libraries is set, but a {0} event names no library; such events are "
                        + "scrobbled unfiltered (warned once per source)", e.source());
            }
        } else if (!admits(settings.libraries(), e.library())) {
            return "library not in scrobble.libraries";
        }
        return null;
    }

    private static boolean admits(Set<String> allowed, String value) {
        return allowed.isEmpty() || value != null && allowed.contains(value.toLowerCase(Locale.ROOT));
    }

    private boolean repeated(ScrobbleEvent e, Instant now) {
        seen.values().removeIf(t -> !t.plus(settings.dedupWindow()).isAfter(now));
        String key = e.source() + '|' + e.user() + '|' + e.server() + '|' + Ids.key(e.item()).value() + '|' + e.kind();
        return seen.putIfAbsent(key, now) != null;
    }

    private QueuedScrobble.Action action(ScrobbleEvent e) {
        return switch (e.kind()) {
            case PLAY, RESUME -> QueuedScrobble.Action.START;
            case PAUSE -> QueuedScrobble.Action.PAUSE;
            case STOP -> e.progress() >= settings.watchedThreshold() ? QueuedScrobble.Action.STOP : QueuedScrobble.Action.PAUSE;
            case PROGRESS -> null;
        };
    }

    /** Sends one call now, or queues it; {@code behind} means older calls for the target wait first. */
    private ScrobbleResult handle(QueuedScrobble call, boolean behind) {
        if (call.action() == QueuedScrobble.Action.STOP) {
            Optional<String> present = alreadyPresent(call);
            if (present.isPresent()) {
                return new ScrobbleResult(call.target(), ScrobbleResult.Status.ALREADY_PRESENT, present.get());
            }
        }
        if (behind) {
            return enqueue(call, "older scrobbles for " + call.target() + " are still queued");
        }
        if (call.action() == QueuedScrobble.Action.STOP) {
            Optional<String> hold = holdReason();
            if (hold.isPresent()) {
                // a sync run may be posting this very play; decide after it has committed its baseline
                return enqueue(call, hold.get());
            }
        }
        try {
            return delivered(call, send(call));
        } catch (RuntimeException e) {
            return failed(call, e, false);
        }
    }

    private ScrobbleResult enqueue(QueuedScrobble call, String why) {
        if (call.action() == QueuedScrobble.Action.START) {
            return new ScrobbleResult(call.target(), ScrobbleResult.Status.FAILED, "start not queued (stale later): " + why);
        }
        QueuedScrobble q = store.enqueue(call);
        LOG.log(Level.INFO, "queued {0} of {1} for {2}: {3}", call.action(), call.item().describe(), call.target(), why);
        return new ScrobbleResult(call.target(), ScrobbleResult.Status.QUEUED, "queued #" + q.id() + ": " + why);
    }

    private ScrobbleOutcome send(QueuedScrobble call) {
        Endpoint ep = Endpoint.parse(call.target());
        ScrobbleTarget target = platform.scrobbleTarget(ep.provider())
                .orElseThrow(() -> new ConfigException("scrobble", "no scrobble target '" + ep.provider() + "' is installed"));
        ProviderContext ctx = context(target, ep);
        boolean late = Duration.between(call.occurredAt(), clock.instant()).compareTo(settings.lateAfter()) > 0;
        return switch (call.action()) {
            case START -> target.start(ctx, call.item(), call.percent());
            case PAUSE -> target.pause(ctx, call.item(), call.percent());
            case STOP -> late ? target.recordPlay(ctx, call.item()) : target.stop(ctx, call.item(), call.percent());
        };
    }

    private ProviderContext context(ScrobbleTarget target, Endpoint ep) {
        if (platform.connector(ep.provider()).isPresent()) {
            return platform.contextFor(ep.provider(), ep.instance(), CancellationToken.none()); // refreshes on 401
        }
        return platform.context(target.authProvider().orElse(ep.provider()), ep.instance(), CancellationToken.none());
    }

    private ScrobbleResult delivered(QueuedScrobble call, ScrobbleOutcome outcome) {
        if (outcome.recordedPlay()) {
            record(call);
            return new ScrobbleResult(call.target(), ScrobbleResult.Status.RECORDED,
                    outcome.status() == ScrobbleOutcome.Status.ALREADY_WATCHED ? "the target already had it" : "watched");
        }
        if (outcome.status() == ScrobbleOutcome.Status.IGNORED) {
            return new ScrobbleResult(call.target(), ScrobbleResult.Status.IGNORED,
                    outcome.message() == null ? "ignored by the target" : outcome.message());
        }
        return new ScrobbleResult(call.target(), ScrobbleResult.Status.SENT, call.action().name().toLowerCase(Locale.ROOT));
    }

    private void record(QueuedScrobble call) {
        // the event's time, not the target's: that is the minute the source and a later sync see
        store.recordPlay(new RecordedPlay(call.target(), Ids.key(call.item()).value(), call.item(), clock.instant()));
    }

    private ScrobbleResult failed(QueuedScrobble call, RuntimeException e, boolean queued) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean retry = e instanceof ProviderException p && p.retryable();
        if (!retry) {
            LOG.log(Level.WARNING, "scrobble {0} of {1} to {2} failed for good: {3}", call.action(), call.item().describe(),
                    call.target(), msg);
            if (queued) {
                store.dequeue(call.id());
            }
            return new ScrobbleResult(call.target(), ScrobbleResult.Status.FAILED, msg);
        }
        Duration wait = backoff(call.attempts() + 1);
        if (e instanceof RateLimitedException r && r.retryAfter().isPresent() && r.retryAfter().get().compareTo(wait) > 0) {
            wait = r.retryAfter().get();
        }
        QueuedScrobble next = call.failedOnce(clock.instant().plus(wait));
        if (queued) {
            store.requeue(next);
            return new ScrobbleResult(call.target(), ScrobbleResult.Status.QUEUED, "retry in " + wait + ": " + msg);
        }
        return enqueue(next, msg);
    }

    private Duration backoff(int attempts) {
        Duration d = settings.retryBase().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : d;
    }

    /** Whether the target already holds this play: recorded by a scrobble, or in a pair's history baseline. */
    private Optional<String> alreadyPresent(QueuedScrobble call) {
        Set<String> tokens = new HashSet<>(Ids.tokens(call.item()));
        Instant at = call.occurredAt();
        for (RecordedPlay p : store.recordedPlays(call.target())) {
            if (samePlay(tokens, at, p.item())) {
                return Optional.of("a scrobble already recorded it at " + p.item().watchedAt().orElseThrow());
            }
        }
        if (baselines == null) {
            return Optional.empty();
        }
        for (PairSpec pair : pairs) {
            for (Side side : Side.values()) {
                Endpoint ep = side == Side.SOURCE ? pair.source() : pair.target();
                if (!ep.toString().equals(call.target())) {
                    continue;
                }
                Optional<Baseline> b = baselines.baseline(pair.name(), Feature.HISTORY, side);
                if (b.isEmpty()) {
                    continue;
                }
                for (MediaItem i : b.get().items()) {
                    if (samePlay(tokens, at, i)) {
                        return Optional.of("pair " + pair.name() + " already has it at " + i.watchedAt().orElseThrow());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean samePlay(Set<String> tokens, Instant at, MediaItem other) {
        if (other.watchedAt().isEmpty()) {
            return false; // an undated flag says nothing about this play
        }
        Duration gap = Duration.between(at, other.watchedAt().get()).abs();
        if (gap.compareTo(settings.playWindow()) > 0) {
            return false;
        }
        for (String t : Ids.tokens(other)) {
            if (tokens.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers the queued calls that are due, oldest first per target; a target's first failure
     * ends its turn (later calls wait behind it).
     *
     * @return the results of the calls attempted
     */
    public synchronized List<ScrobbleResult> deliverDue() {
        return deliver(false);
    }

    /**
     * Tries every queued call once, due or not (graceful shutdown); what fails stays queued.
     *
     * @return the results of the calls attempted
     */
    public synchronized List<ScrobbleResult> flush() {
        return deliver(true);
    }

    /**
     * Holds watched stops in the queue by hand. Runs need no such call: stops are held while an
     * {@linkplain #attachTo attached} orchestrator runs and while any process holds the config's
     * run lock.
     *
     * @param value {@code true} to hold, {@code false} to release
     */
    public synchronized void holdWatchedStops(boolean value) {
        this.held = value;
    }

    /**
     * Holds watched stops while {@code orchestrator} runs (or undoes a run), and while any process
     * holds its lock file. Between its read and its commit a sync cannot see a scrobble, nor a
     * scrobble the sync's writes; {@link #deliverDue()} after the run checks the held stops against
     * the new baselines. A run waits, before it reads, for a delivery in flight to finish.
     * Attaching twice is harmless.
     *
     * @param orchestrator the orchestrator whose runs share this manager's state store
     * @return this
     */
    public ScrobbleManager attachTo(Orchestrator orchestrator) {
        Objects.requireNonNull(orchestrator, "orchestrator");
        synchronized (attached) {
            if (!attached.add(orchestrator)) {
                return this;
            }
        }
        orchestrator.lockFile().ifPresent(this::watchLock);
        orchestrator.addRunListener(new RunListener() {
            @Override
            public void runStarted() {
                synchronized (ScrobbleManager.this) { // after any delivery in flight
                    runsInProgress.incrementAndGet();
                }
            }

            @Override
            public void runEnded() {
                runsInProgress.decrementAndGet();
            }

            @Override
            public String toString() {
                return "scrobble hold";
            }
        });
        return this;
    }

    /** Watches a run lock file; one path per file, so a relative and an absolute name are checked once. */
    private void watchLock(Path lockFile) {
        runLocks.add(lockFile.toAbsolutePath().normalize());
    }

    /** @return why watched stops wait now, if they do: a hold by hand, a run here, a run lock held by any process */
    private Optional<String> holdReason() {
        if (held || runsInProgress.get() > 0) {
            return Optional.of("a sync run is in progress");
        }
        for (Path lock : runLocks) {
            if (RunLock.isHeld(lock)) {
                return Optional.of("a sync run holds " + lock);
            }
        }
        return Optional.empty();
    }

    private List<ScrobbleResult> deliver(boolean all) {
        List<ScrobbleResult> out = new ArrayList<>();
        if (!all && holdReason().isPresent()) {
            return out;
        }
        Instant now = clock.instant();
        for (String target : store.queuedTargets()) {
            for (QueuedScrobble q : store.queued(target)) {
                if (!all && q.nextAttemptAt().isAfter(now)) {
                    break;
                }
                if (q.action() == QueuedScrobble.Action.STOP) {
                    if (holdReason().isPresent()) {
                        break; // a run started meanwhile (or is going on, when flushing): the stop stays queued
                    }
                    Optional<String> present = alreadyPresent(q);
                    if (present.isPresent()) {
                        store.dequeue(q.id());
                        out.add(new ScrobbleResult(target, ScrobbleResult.Status.ALREADY_PRESENT, present.get()));
                        continue;
                    }
                }
                ScrobbleResult r;
                try {
                    r = delivered(q, send(q));
                    store.dequeue(q.id());
                } catch (RuntimeException e) {
                    r = failed(q, e, true);
                }
                out.add(r);
                if (r.status() == ScrobbleResult.Status.QUEUED) {
                    break;
                }
            }
        }
        store.forgetPlays(now.minus(settings.playRetention()));
        return out;
    }

    /** @return when the next queued call is due, if any is queued */
    public synchronized Optional<Instant> nextDue() {
        Instant next = null;
        for (String target : store.queuedTargets()) {
            List<QueuedScrobble> q = store.queued(target);
            if (!q.isEmpty() && (next == null || q.get(0).nextAttemptAt().isBefore(next))) {
                next = q.get(0).nextAttemptAt();
            }
        }
        return Optional.ofNullable(next);
    }

    /** @return how many calls wait in the queue */
    public synchronized int queuedCount() {
        int n = 0;
        for (String target : store.queuedTargets()) {
            n += store.queued(target).size();
        }
        return n;
    }

    @Override
    public String toString() {
        return "ScrobbleManager[" + settings + "]";
    }

    /** Builds a {@link ScrobbleManager}. */
    public static final class Builder {
        private PlatformManager platform;
        private ScrobbleStore store;
        private StateStore baselines;
        private ScrobbleSettings settings;
        private final List<PairSpec> pairs = new ArrayList<>();
        private Clock clock;
        private Path runLock;
        private final List<Orchestrator> orchestrators = new ArrayList<>();

        private Builder() {
        }

        /** @return this; the run lock file to watch, by default {@code <config>.lock} of the platform's config */
        public Builder runLock(Path value) {
            this.runLock = value;
            return this;
        }

        /** @return this; {@link #attachTo} this orchestrator when built */
        public Builder orchestrator(Orchestrator value) {
            orchestrators.add(Objects.requireNonNull(value, "orchestrator"));
            return this;
        }

        /** @return this; the targets and account contexts come from it */
        public Builder platform(PlatformManager value) {
            this.platform = value;
            return this;
        }

        /** @return this; usually the {@code SqliteStateStore} the sync engine uses */
        public Builder store(ScrobbleStore value) {
            this.store = value;
            return this;
        }

        /** @return this; where pair baselines are read, by default the store when it is a {@link StateStore} */
        public Builder baselines(StateStore value) {
            this.baselines = value;
            return this;
        }

        /** @return this */
        public Builder settings(ScrobbleSettings value) {
            this.settings = value;
            return this;
        }

        /** @return this; the pairs whose history baselines tell what a sync already put on a target */
        public Builder pairs(List<PairSpec> value) {
            pairs.addAll(value);
            return this;
        }

        /** @return this; by default the platform's clock */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** @return the manager */
        public ScrobbleManager build() {
            ScrobbleManager m = new ScrobbleManager(this);
            orchestrators.forEach(m::attachTo);
            return m;
        }
    }
}
