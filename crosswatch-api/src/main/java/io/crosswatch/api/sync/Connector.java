package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;

/**
 * One service's watch state ("inventory ops"): the piece a provider writes so any two services
 * can be synced by core's generic module. N services need N connectors, not N² modules.
 * Discovered with {@link java.util.ServiceLoader}.
 *
 * <p>Contract:
 * <ul>
 *   <li>The no-argument constructor MUST do no work; {@link #open} receives the context.</li>
 *   <li>{@link #manifest()} MUST be constant; its name is unique among installed connectors.</li>
 *   <li>Sessions MUST report read failures as {@link Completeness#FAILED} or {@link
 *       Completeness#PARTIAL} (or throw a typed {@link io.crosswatch.api.CrossWatchException}),
 *       never as an empty complete read.</li>
 *   <li>Writes with {@code dryRun} MUST NOT change the service.</li>
 *   <li>All HTTP SHOULD go through core's HTTP toolkit, which handles rate limits, retries,
 *       redaction and token refresh.</li>
 * </ul>
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public interface Connector {

    /** @return what this connector is and can do */
    ConnectorManifest manifest();

    /**
     * Whether the configuration holds what {@link #open} needs (a token, a server URL).
     * MUST NOT call the service.
     *
     * @param config the instance's configuration
     * @return {@code true} when a session can be opened
     */
    default boolean isConfigured(ProviderConfig config) {
        return true;
    }

    /**
     * Opens a session for one run. The session may cache what it learns (a server's section
     * list, a user id) until it is closed.
     *
     * @param context the instance's configuration, store, clock, sleeper and cancellation
     * @return the session
     */
    ConnectorSession open(ProviderContext context);
}
