package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a read returned.
 *
 * @param completeness how much of the inventory the read saw
 * @param items        the items (empty and meaningless when {@link Completeness#FAILED})
 * @param unresolved   items seen that cannot be matched to anything (no external id), with reasons
 * @param checkpoint   for delta connectors, the checkpoint to pass next time; may be {@code null}
 * @param message      why the read was partial or failed; may be {@code null}
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record ReadResult(Completeness completeness, List<MediaItem> items, List<Unresolved> unresolved,
                         String checkpoint, String message) {

    /** Validates and copies. */
    public ReadResult {
        Objects.requireNonNull(completeness, "completeness");
        items = List.copyOf(items);
        unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
        if (completeness == Completeness.FAILED && !items.isEmpty()) {
            throw new IllegalArgumentException("a failed read carries no items");
        }
    }

    /** @return a complete read of {@code items} */
    public static ReadResult complete(List<MediaItem> items) {
        return new ReadResult(Completeness.COMPLETE, items, List.of(), null, null);
    }

    /** @return a partial read, with the reason */
    public static ReadResult partial(List<MediaItem> items, String why) {
        return new ReadResult(Completeness.PARTIAL, items, List.of(), null, why);
    }

    /** @return a failed read, with the reason */
    public static ReadResult failed(String why) {
        return new ReadResult(Completeness.FAILED, List.of(), List.of(), null, why);
    }

    /** @return a copy carrying {@code value} as checkpoint */
    public ReadResult withCheckpoint(String value) {
        return new ReadResult(completeness, items, unresolved, value, message);
    }

    /** @return a copy carrying unresolved items */
    public ReadResult withUnresolved(List<Unresolved> value) {
        return new ReadResult(completeness, items, value, checkpoint, message);
    }

    /** @return the reason for a partial or failed read */
    public Optional<String> reason() {
        return Optional.ofNullable(message);
    }

    /** @return whether removals may be inferred from this read */
    public boolean isComplete() {
        return completeness == Completeness.COMPLETE;
    }
}
