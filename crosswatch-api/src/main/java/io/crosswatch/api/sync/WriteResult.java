package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one write call, item by item.
 *
 * @param outcomes one entry per item sent
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record WriteResult(List<ItemOutcome> outcomes) {

    /** What happened to one item. */
    public enum Outcome {
        /** Added (or would be, in a dry run). */
        ADDED,
        /** Updated in place (a rating, a resume point). */
        UPDATED,
        /** Removed. */
        REMOVED,
        /** Already there; nothing changed. */
        EXISTING,
        /** The service does not know the item. */
        NOT_FOUND,
        /** The service does not take this kind of item for this feature. */
        UNSUPPORTED,
        /** Refused by an account limit (Trakt's 420). */
        LIMIT_REACHED,
        /** The call failed; {@link ItemOutcome#reason()} says why. */
        FAILED
    }

    /**
     * @param item    the item
     * @param outcome what happened
     * @param reason  a human reason for failures, may be {@code null}
     */
    public record ItemOutcome(MediaItem item, Outcome outcome, String reason) {
        /** Validates. */
        public ItemOutcome {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** @return whether the service now holds the requested state */
        public boolean succeeded() {
            return outcome == Outcome.ADDED || outcome == Outcome.UPDATED || outcome == Outcome.REMOVED
                    || outcome == Outcome.EXISTING;
        }
    }

    /** Copies. */
    public WriteResult {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * @param items   the items
     * @param outcome the same outcome for all
     * @return a result with one outcome per item
     */
    public static WriteResult all(List<MediaItem> items, Outcome outcome) {
        List<ItemOutcome> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(new ItemOutcome(i, outcome, null)));
        return new WriteResult(out);
    }

    /**
     * @param items  the items
     * @param reason why the call failed
     * @return every item failed with {@code reason}
     */
    public static WriteResult failed(List<MediaItem> items, String reason) {
        List<ItemOutcome> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(new ItemOutcome(i, Outcome.FAILED, reason)));
        return new WriteResult(out);
    }

    /** @return how many items had {@code outcome} */
    public long count(Outcome outcome) {
        return outcomes.stream().filter(o -> o.outcome() == outcome).count();
    }

    /** @return a result holding both results' outcomes */
    public WriteResult plus(WriteResult other) {
        List<ItemOutcome> out = new ArrayList<>(outcomes);
        out.addAll(other.outcomes);
        return new WriteResult(out);
    }
}
