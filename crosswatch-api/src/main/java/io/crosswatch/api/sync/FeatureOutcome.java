package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import java.util.List;
import java.util.Objects;

/**
 * What a run did for one feature, in each direction.
 *
 * @param feature     the feature
 * @param status      how it ended
 * @param toTarget    changes written to the target
 * @param toSource    changes written to the source (two-way)
 * @param unresolved  items that could not be written or matched
 * @param held        removals held back by a guard (mass delete, failed read)
 * @param notes       warnings and explanations for the user
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record FeatureOutcome(Feature feature, SyncStatus status, Counts toTarget, Counts toSource, int unresolved,
                             int held, List<String> notes) {

    /**
     * Counts of one direction.
     *
     * @param added   items added
     * @param removed items removed
     * @param updated items updated in place
     */
    public record Counts(int added, int removed, int updated) {
        /** Nothing. */
        public static final Counts ZERO = new Counts(0, 0, 0);

        /** @return the sum */
        public Counts plus(Counts o) {
            return new Counts(added + o.added, removed + o.removed, updated + o.updated);
        }

        /** @return whether anything changed */
        public boolean isEmpty() {
            return added == 0 && removed == 0 && updated == 0;
        }
    }

    /** Validates and copies. */
    public FeatureOutcome {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(status, "status");
        toTarget = toTarget == null ? Counts.ZERO : toTarget;
        toSource = toSource == null ? Counts.ZERO : toSource;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
