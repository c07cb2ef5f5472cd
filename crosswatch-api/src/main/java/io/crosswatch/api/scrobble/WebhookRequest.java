package io.crosswatch.api.scrobble;

import io.crosswatch.api.Api;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook delivery as received: its content type and raw body. The body array is the caller's;
 * a source MUST NOT modify it.
 *
 * @param contentType the {@code Content-Type} header, {@code ""} when absent
 * @param body        the raw body
 * @param receivedAt  when it arrived (the event time for payloads that carry none)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record WebhookRequest(String contentType, byte[] body, Instant receivedAt) {

    /** Validates. */
    public WebhookRequest {
        contentType = contentType == null ? "" : contentType;
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    @Override
    public String toString() {
        // the body may carry user names and server ids; it is never printed
        return "WebhookRequest[" + contentType + ", " + body.length + " bytes]";
    }
}
