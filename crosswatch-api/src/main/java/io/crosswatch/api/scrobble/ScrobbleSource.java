package io.crosswatch.api.scrobble;

import io.crosswatch.api.Api;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * Produces {@link ScrobbleEvent}s from a media server: from webhook deliveries, from a live
 * connection, or both. Discovered with {@link java.util.ServiceLoader}.
 *
 * <p>Contract: the no-arg constructor does no work. {@link #parseWebhook} MUST NOT perform I/O,
 * MUST return an empty list for well-formed payloads it ignores (events of other kinds) and MUST
 * throw {@link IllegalArgumentException} for a malformed payload, with a message that contains
 * no payload values (user names, tokens).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface ScrobbleSource {

    /** @return a unique name, e.g. {@code plex}; the webhook path is {@code /webhook/<name>} */
    String name();

    /** @return the API version the source was built against */
    default int apiVersion() {
        return ApiVersion.CURRENT;
    }

    /** @return whether {@link #parseWebhook} understands this server's webhooks */
    default boolean acceptsWebhooks() {
        return true;
    }

    /**
     * Parses one webhook delivery.
     *
     * @param request the delivery
     * @return the events it carries, possibly none
     * @throws IllegalArgumentException when the payload is malformed
     */
    List<ScrobbleEvent> parseWebhook(WebhookRequest request);

    /**
     * Opens a live connection (a websocket, for example) and passes each event to {@code sink}
     * until the returned handle is closed. Sources without one keep this default.
     *
     * @param context the server's configuration, clock and sleeper
     * @param sink    receives events, from the connection's thread
     * @return a handle that stops listening when closed
     * @throws UnsupportedOperationException when the source has no live connection
     */
    default AutoCloseable listen(ProviderContext context, Consumer<ScrobbleEvent> sink) {
        throw new UnsupportedOperationException(name() + " has no live connection; use its webhooks");
    }
}
