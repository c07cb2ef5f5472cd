package io.crosswatch.core.state;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaItem;
import java.time.Instant;
import java.util.Objects;

/**
 * A scrobble call waiting in the durable queue because its target was down or rate limited.
 *
 * @param id            the store's id; ascending ids are the delivery order ({@code 0} before enqueueing)
 * @param target        the target endpoint, e.g. {@code trakt} or {@code trakt:work}
 * @param action        the call to make
 * @param item          the item, with the play's time as its watch date
 * @param percent       progress 0–100
 * @param occurredAt    when the playback event happened
 * @param attempts      failed deliveries so far
 * @param nextAttemptAt not delivered before this time
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record QueuedScrobble(long id, String target, Action action, MediaItem item, double percent, Instant occurredAt,
                             int attempts, Instant nextAttemptAt) {

    /** The target call. */
    public enum Action {
        /** {@code ScrobbleTarget#start}. */
        START,
        /** {@code ScrobbleTarget#pause}. */
        PAUSE,
        /** {@code ScrobbleTarget#stop}: records a watched play. */
        STOP
    }

    /** Validates. */
    public QueuedScrobble {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** @return a copy after one more failed delivery, due again at {@code next} */
    public QueuedScrobble failedOnce(Instant next) {
        return new QueuedScrobble(id, target, action, item, percent, occurredAt, attempts + 1, next);
    }
}
