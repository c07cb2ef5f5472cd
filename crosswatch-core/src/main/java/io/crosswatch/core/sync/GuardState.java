package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import java.util.List;

/**
 * A pair's guard memory as the planner reads it: live tombstones, unresolved items and pending
 * phantom adds.
 *
 * @param tombstones tombstones not yet expired
 * @param unresolved unresolved and blocked items
 * @param phantoms   adds not yet seen in a read
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record GuardState(List<Tombstone> tombstones, List<UnresolvedItem> unresolved, List<PhantomRecord> phantoms) {

    private static final GuardState EMPTY = new GuardState(List.of(), List.of(), List.of());

    /** Copies. */
    public GuardState {
        tombstones = tombstones == null ? List.of() : List.copyOf(tombstones);
        unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
        phantoms = phantoms == null ? List.of() : List.copyOf(phantoms);
    }

    /** @return no guard memory */
    public static GuardState empty() {
        return EMPTY;
    }
}
