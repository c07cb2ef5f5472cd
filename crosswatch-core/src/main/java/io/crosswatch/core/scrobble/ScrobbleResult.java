package io.crosswatch.core.scrobble;

import io.crosswatch.api.Api;
import java.util.Objects;

/**
 * What the {@link ScrobbleManager} did with one event for one target (or for the whole event,
 * when it was filtered or repeated: then {@code target} is {@code "*"}).
 *
 * @param target the target endpoint, or {@code "*"}
 * @param status what happened
 * @param detail a short note for logs (never a secret)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record ScrobbleResult(String target, Status status, String detail) {

    /** What happened. */
    public enum Status {
        /** The target accepted a start or pause. */
        SENT,
        /** The target recorded a watched play (or said it already had it). */
        RECORDED,
        /** The target already holds this play (a scrobble or a sync put it there); nothing was sent. */
        ALREADY_PRESENT,
        /** The target is down or rate limited; the call waits in the durable queue. */
        QUEUED,
        /** The event's user, server or library is not admitted by the filters. */
        FILTERED,
        /** A repeat of an event seen within the de-duplication window. */
        REPEATED,
        /** Nothing to send (a progress report, or the target ignored the call). */
        IGNORED,
        /** The target refused the call for good; it was not queued. */
        FAILED
    }

    /** Validates. */
    public ScrobbleResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }
}
