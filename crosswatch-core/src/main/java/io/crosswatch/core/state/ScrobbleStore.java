package io.crosswatch.core.state;

import io.crosswatch.api.Api;
import java.time.Instant;
import java.util.List;

/**
 * The scrobble side of the state database: the durable queue of undelivered scrobbles and the
 * journal of plays scrobbles recorded on each target. {@link SqliteStateStore} and {@link
 * InMemoryStateStore} implement it; the sync engine reads {@link #recordedPlays} from any store
 * that does, which is how a sync and a scrobbler sharing one database record each play once.
 *
 * <p>Contract: {@link #queued} returns entries in enqueue order; every method is atomic.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface ScrobbleStore {

    /**
     * @param entry the call (its id is ignored)
     * @return the entry with the id the store assigned
     */
    QueuedScrobble enqueue(QueuedScrobble entry);

    /**
     * @param target the target endpoint
     * @return its queued calls, oldest first
     */
    List<QueuedScrobble> queued(String target);

    /** @return the targets with queued calls */
    List<String> queuedTargets();

    /** @param id removes this entry (delivered or dropped) */
    void dequeue(long id);

    /** @param entry replaces the stored entry of the same id (after a failed delivery) */
    void requeue(QueuedScrobble entry);

    /** @param play records a play on its target (replacing one of the same key and minute) */
    void recordPlay(RecordedPlay play);

    /**
     * @param target the target endpoint
     * @return the plays scrobbles recorded there, oldest first
     */
    List<RecordedPlay> recordedPlays(String target);

    /**
     * @param before forgets plays recorded before this time
     * @return how many were forgotten
     */
    int forgetPlays(Instant before);
}
