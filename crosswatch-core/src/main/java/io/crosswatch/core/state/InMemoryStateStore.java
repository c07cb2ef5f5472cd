package io.crosswatch.core.state;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Side;
import io.crosswatch.core.sync.GuardState;
import io.crosswatch.core.sync.PhantomRecord;
import io.crosswatch.core.sync.Tombstone;
import io.crosswatch.core.sync.UnresolvedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SyncStateStore} in memory, for tests and for apps that keep no state between runs.
 * Commits are atomic with respect to readers (one lock).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class InMemoryStateStore implements SyncStateStore, ScrobbleStore {

    private final Map<String, Baseline> baselines = new HashMap<>();
    private final Map<String, Map<String, Tombstone>> tombstones = new HashMap<>();
    private final Map<String, Map<String, UnresolvedItem>> unresolved = new HashMap<>();
    private final Map<String, Map<String, PhantomRecord>> phantoms = new HashMap<>();
    private final Map<String, List<RunRecord>> runs = new HashMap<>();
    private int commits;
    /** Journaled chunks of runs not yet committed, per run id, in order. */
    private final Map<String, List<JournalChunk>> chunks = new HashMap<>();
    private final Map<String, List<QueuedScrobble>> queue = new java.util.TreeMap<>();
    private final Map<String, Map<String, RecordedPlay>> plays = new HashMap<>();
    private long nextQueueId = 1;

    private static String slot(String pair, Feature feature, Side side) {
        return pair + "\u0000" + feature + "\u0000" + side;
    }

    private static String recordKey(Feature feature, Side side, String key) {
        return feature + "\u0000" + side + "\u0000" + key;
    }

    @Override
    public synchronized Optional<Baseline> baseline(String pair, Feature feature, Side side) {
        return Optional.ofNullable(baselines.get(slot(pair, feature, side)));
    }

    @Override
    public synchronized GuardState guards(String pair, Instant now) {
        List<Tombstone> ts = new ArrayList<>();
        tombstones.getOrDefault(pair, Map.of()).values().forEach(t -> {
            if (t.expiresAt().isAfter(now)) {
                ts.add(t);
            }
        });
        return new GuardState(ts, new ArrayList<>(unresolved.getOrDefault(pair, Map.of()).values()),
                new ArrayList<>(phantoms.getOrDefault(pair, Map.of()).values()));
    }

    @Override
    public synchronized void commit(StateCommit c) {
        String pair = c.pair();
        c.baselines().forEach((s, b) -> baselines.put(slot(pair, s.feature(), s.side()), b));
        Map<String, Tombstone> ts = tombstones.computeIfAbsent(pair, k -> new LinkedHashMap<>());
        ts.values().removeIf(t -> !t.expiresAt().isAfter(c.now()));
        c.tombstones().forEach(t -> ts.put(t.feature() + "\u0000" + t.key(), t));
        Map<String, UnresolvedItem> us = unresolved.computeIfAbsent(pair, k -> new LinkedHashMap<>());
        c.clearUnresolved().forEach(k -> us.remove(recordKey(k.feature(), k.side(), k.key())));
        c.unresolved().forEach(u -> us.put(recordKey(u.feature(), u.side(), u.key()), u));
        Map<String, PhantomRecord> ps = phantoms.computeIfAbsent(pair, k -> new LinkedHashMap<>());
        c.clearPhantoms().forEach(k -> ps.remove(recordKey(k.feature(), k.side(), k.key())));
        c.phantoms().forEach(p -> ps.put(recordKey(p.feature(), p.side(), p.key()), p));
        c.run().ifPresent(r -> {
            putRun(r);
            if (!r.interrupted()) {
                chunks.remove(r.runId());
            }
        });
        commits++;
    }

    /** Adds the record, replacing a begun record of the same run in place. */
    private void putRun(RunRecord r) {
        List<RunRecord> list = runs.computeIfAbsent(r.pair(), k -> new ArrayList<>());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).runId().equals(r.runId())) {
                list.set(i, r);
                return;
            }
        }
        list.add(0, r);
    }

    @Override
    public synchronized void beginRun(RunRecord run) {
        putRun(run);
    }

    @Override
    public synchronized void journalChunk(JournalChunk chunk) {
        List<JournalChunk> list = chunks.computeIfAbsent(chunk.runId(), k -> new ArrayList<>());
        list.removeIf(c -> c.seq() == chunk.seq());
        list.add(chunk);
    }

    @Override
    public synchronized void recordOutcomes(String runId, int seq, List<JournalChunk.Outcome> outcomes) {
        List<JournalChunk> list = chunks.get(runId);
        if (list != null) {
            list.replaceAll(c -> c.seq() == seq ? c.withOutcomes(outcomes) : c);
        }
    }

    @Override
    public synchronized List<JournalChunk> journalChunks(String runId) {
        List<JournalChunk> out = new ArrayList<>(chunks.getOrDefault(runId, List.of()));
        out.sort(java.util.Comparator.comparingInt(JournalChunk::seq));
        return List.copyOf(out);
    }

    @Override
    public synchronized List<RunRecord> runs(String pair, int limit) {
        List<RunRecord> all = runs.getOrDefault(pair, List.of());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public synchronized QueuedScrobble enqueue(QueuedScrobble q) {
        QueuedScrobble stored = new QueuedScrobble(nextQueueId++, q.target(), q.action(), q.item(), q.percent(), q.occurredAt(),
                q.attempts(), q.nextAttemptAt());
        queue.computeIfAbsent(q.target(), k -> new ArrayList<>()).add(stored);
        return stored;
    }

    @Override
    public synchronized List<QueuedScrobble> queued(String target) {
        return List.copyOf(queue.getOrDefault(target, List.of()));
    }

    @Override
    public synchronized List<String> queuedTargets() {
        List<String> out = new ArrayList<>();
        queue.forEach((t, q) -> {
            if (!q.isEmpty()) {
                out.add(t);
            }
        });
        return out;
    }

    @Override
    public synchronized void dequeue(long id) {
        queue.values().forEach(q -> q.removeIf(e -> e.id() == id));
    }

    @Override
    public synchronized void requeue(QueuedScrobble entry) {
        queue.values().forEach(q -> q.replaceAll(e -> e.id() == entry.id() ? entry : e));
    }

    @Override
    public synchronized void recordPlay(RecordedPlay p) {
        plays.computeIfAbsent(p.target(), k -> new LinkedHashMap<>()).put(p.key() + "@" + p.minute(), p);
    }

    @Override
    public synchronized List<RecordedPlay> recordedPlays(String target) {
        List<RecordedPlay> out = new ArrayList<>(plays.getOrDefault(target, Map.of()).values());
        out.sort(java.util.Comparator.comparingLong(RecordedPlay::minute).thenComparing(RecordedPlay::key));
        return out;
    }

    @Override
    public synchronized int forgetPlays(Instant before) {
        int[] n = {0};
        plays.values().forEach(m -> m.values().removeIf(p -> {
            boolean old = p.recordedAt().isBefore(before);
            n[0] += old ? 1 : 0;
            return old;
        }));
        return n[0];
    }

    /** @return how many commits were applied (tests use it to prove a dry run wrote nothing) */
    public synchronized int commitCount() {
        return commits;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "InMemoryStateStore[baselines=" + baselines.size() + ", commits=" + commits + "]";
    }
}
