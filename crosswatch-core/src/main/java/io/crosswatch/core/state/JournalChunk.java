package io.crosswatch.core.state;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One chunk of writes a run is about to send to one side, made durable by
 * {@link SyncStateStore#journalChunk} <em>before</em> any of it reaches the service, with the
 * previous value of every item it will change and every item it will remove in full. After the
 * chunk, {@link SyncStateStore#recordOutcomes} marks what became of each item. A run killed
 * mid-apply thus leaves exactly the chunks that may have been applied; {@link
 * io.crosswatch.core.UndoService} reverts them, treating an {@link Outcome#UNKNOWN} item as
 * possibly applied and checking the side before it writes.
 *
 * @param runId   the run that sends the chunk
 * @param seq     the chunk's number within the run, from 0, in the order sent
 * @param feature the feature
 * @param side    the side written to
 * @param op      what the chunk does
 * @param entries the items, in the order sent
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record JournalChunk(String runId, int seq, Feature feature, Side side, Op op, List<Entry> entries) {

    /** What a chunk does to its side. */
    public enum Op {
        /** adds the items */
        ADD,
        /** removes the items (journaled in full, as read from the side, so undo can restore them) */
        REMOVE,
        /** overwrites the items (rating, progress); each entry carries the previous value */
        UPDATE
    }

    /** What became of one item after its chunk was sent. */
    public enum Outcome {
        /** the service confirmed the write */
        APPLIED,
        /** the service rejected or failed the write: nothing to undo */
        FAILED,
        /** no outcome was recorded: the process died while or right after the chunk was sent */
        UNKNOWN
    }

    /**
     * One item of a chunk.
     *
     * @param item     the value written (for {@link Op#REMOVE}: the item removed, in full)
     * @param previous for {@link Op#UPDATE}, the value before the write; otherwise {@code null}
     * @param outcome  what became of it
     */
    public record Entry(MediaItem item, MediaItem previous, Outcome outcome) {
        /** Validates. */
        public Entry {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Validates and copies. */
    public JournalChunk {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(op, "op");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, was " + seq);
        }
        entries = List.copyOf(entries);
    }

    /**
     * @param outcomes one per entry, in order
     * @return this chunk with the outcomes set
     * @throws IllegalArgumentException when the count differs from the entries'
     */
    public JournalChunk withOutcomes(List<Outcome> outcomes) {
        if (outcomes.size() != entries.size()) {
            throw new IllegalArgumentException("chunk " + seq + " of run " + runId + " has " + entries.size()
                    + " item(s) but " + outcomes.size() + " outcome(s) were given");
        }
        List<Entry> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.add(new Entry(e.item(), e.previous(), outcomes.get(i)));
        }
        return new JournalChunk(runId, seq, feature, side, op, out);
    }

    /** @return the outcomes, one per entry */
    public List<Outcome> outcomes() {
        return entries.stream().map(Entry::outcome).toList();
    }

    @Override
    public String toString() {
        return "JournalChunk[" + runId + "#" + seq + " " + feature.key() + " " + op + " " + entries.size() + " on "
                + side + "]";
    }
}
