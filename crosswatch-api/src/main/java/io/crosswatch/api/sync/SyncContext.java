package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything one run of a {@link SyncModule} needs: the pair, the opened connector sessions of
 * both sides, the state store, time, cancellation, progress and the run's switches.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class SyncContext {

    private final String runId;
    private final PairSpec pair;
    private final ConnectorSession source;
    private final ConnectorSession target;
    private final ConnectorManifest sourceManifest;
    private final ConnectorManifest targetManifest;
    private final StateStore state;
    private final boolean dryRun;
    private final boolean force;
    private final Instant deadline;
    private final CancellationToken cancellation;
    private final ProgressListener progress;
    private final Clock clock;
    private final Sleeper sleeper;

    private SyncContext(Builder b) {
        this.pair = Objects.requireNonNull(b.pair, "pair");
        this.source = Objects.requireNonNull(b.source, "source session");
        this.target = Objects.requireNonNull(b.target, "target session");
        this.sourceManifest = Objects.requireNonNull(b.sourceManifest, "source manifest");
        this.targetManifest = Objects.requireNonNull(b.targetManifest, "target manifest");
        this.state = Objects.requireNonNull(b.state, "state store");
        this.runId = b.runId == null ? UUID.randomUUID().toString() : b.runId;
        this.dryRun = b.dryRun;
        this.force = b.force;
        this.deadline = b.deadline;
        this.cancellation = b.cancellation == null ? CancellationToken.none() : b.cancellation;
        this.progress = b.progress == null ? ProgressListener.NONE : b.progress;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.sleeper = b.sleeper == null ? Sleeper.SYSTEM : b.sleeper;
    }

    /** @return a builder */
    public static Builder builder(PairSpec pair) {
        return new Builder(pair);
    }

    /** @return the run id */
    public String runId() {
        return runId;
    }

    /** @return the pair */
    public PairSpec pair() {
        return pair;
    }

    /** @return the source's session */
    public ConnectorSession source() {
        return source;
    }

    /** @return the target's session */
    public ConnectorSession target() {
        return target;
    }

    /** @return the session of {@code side} */
    public ConnectorSession session(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    /** @return the manifest of {@code side}'s connector */
    public ConnectorManifest manifest(Side side) {
        return side == Side.SOURCE ? sourceManifest : targetManifest;
    }

    /** @return the state store */
    public StateStore state() {
        return state;
    }

    /** @return whether to plan and report only, writing nothing (not even state) */
    public boolean dryRun() {
        return dryRun;
    }

    /** @return whether the user approved removals a guard would hold */
    public boolean force() {
        return force;
    }

    /** @return the time the run must be done by */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** @return the run's cancellation token */
    public CancellationToken cancellation() {
        return cancellation;
    }

    /** @return where progress goes */
    public ProgressListener progress() {
        return progress;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return the sleeper */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** Builds a {@link SyncContext}. */
    public static final class Builder {
        private final PairSpec pair;
        private String runId;
        private ConnectorSession source;
        private ConnectorSession target;
        private ConnectorManifest sourceManifest;
        private ConnectorManifest targetManifest;
        private StateStore state;
        private boolean dryRun;
        private boolean force;
        private Instant deadline;
        private CancellationToken cancellation;
        private ProgressListener progress;
        private Clock clock;
        private Sleeper sleeper;

        private Builder(PairSpec pair) {
            this.pair = pair;
        }

        /** @return this */
        public Builder runId(String value) {
            this.runId = value;
            return this;
        }

        /** @return this */
        public Builder source(ConnectorManifest manifest, ConnectorSession session) {
            this.sourceManifest = manifest;
            this.source = session;
            return this;
        }

        /** @return this */
        public Builder target(ConnectorManifest manifest, ConnectorSession session) {
            this.targetManifest = manifest;
            this.target = session;
            return this;
        }

        /** @return this */
        public Builder state(StateStore value) {
            this.state = value;
            return this;
        }

        /** @return this */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /** @return this */
        public Builder force(boolean value) {
            this.force = value;
            return this;
        }

        /** @return this */
        public Builder deadline(Instant value) {
            this.deadline = value;
            return this;
        }

        /** @return this */
        public Builder cancellation(CancellationToken value) {
            this.cancellation = value;
            return this;
        }

        /** @return this */
        public Builder progress(ProgressListener value) {
            this.progress = value;
            return this;
        }

        /** @return this */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** @return this */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** @return the context */
        public SyncContext build() {
            return new SyncContext(this);
        }
    }
}
