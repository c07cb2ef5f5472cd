package io.crosswatch.core;

import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.sync.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Orchestrator} run should do: which pairs (all by default), dry-run, force,
 * cancellation, a deadline and where progress goes.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class RunRequest {

    private final List<String> pairs;
    private final Boolean dryRun;
    private final boolean force;
    private final CancellationToken cancellation;
    private final Instant deadline;
    private final Duration timeout;
    private final ProgressListener progress;

    private RunRequest(Builder b) {
        this.pairs = List.copyOf(b.pairs);
        this.dryRun = b.dryRun;
        this.force = b.force;
        this.cancellation = b.cancellation == null ? CancellationToken.none() : b.cancellation;
        this.deadline = b.deadline;
        this.timeout = b.timeout;
        this.progress = b.progress == null ? ProgressListener.NONE : b.progress;
    }

    /** @return a request for every configured pair with the config's defaults */
    public static RunRequest all() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the pair names to run, in the config's order; empty means all */
    public List<String> pairs() {
        return pairs;
    }

    /** @return the dry-run switch; empty means the config's {@code sync.dryRun} */
    public Optional<Boolean> dryRun() {
        return Optional.ofNullable(dryRun);
    }

    /** @return whether removals a guard would hold are approved */
    public boolean force() {
        return force;
    }

    /** @return the token that stops the run */
    public CancellationToken cancellation() {
        return cancellation;
    }

    /** @return the absolute deadline, if set */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** @return the timeout from the run's start, if set */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** @return where progress goes */
    public ProgressListener progress() {
        return progress;
    }

    @Override
    public String toString() {
        return "RunRequest[pairs=" + (pairs.isEmpty() ? "all" : pairs) + ", dryRun=" + dryRun + ", force=" + force + "]";
    }

    /** Builds a {@link RunRequest}. */
    public static final class Builder {
        private final List<String> pairs = new ArrayList<>();
        private Boolean dryRun;
        private boolean force;
        private CancellationToken cancellation;
        private Instant deadline;
        private Duration timeout;
        private ProgressListener progress;

        private Builder() {
        }

        /** @return this, adding a pair to run */
        public Builder pair(String name) {
            pairs.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** @return this, adding pairs to run */
        public Builder pairs(List<String> names) {
            names.forEach(this::pair);
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
        public Builder cancellation(CancellationToken value) {
            this.cancellation = value;
            return this;
        }

        /** @return this */
        public Builder deadline(Instant value) {
            this.deadline = value;
            return this;
        }

        /** @return this; the deadline becomes start + {@code value} (the earlier of both when a deadline is set too) */
        public Builder timeout(Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = value;
            return this;
        }

        /** @return this */
        public Builder progress(ProgressListener value) {
            this.progress = value;
            return this;
        }

        /** @return the request */
        public RunRequest build() {
            return new RunRequest(this);
        }
    }
}
