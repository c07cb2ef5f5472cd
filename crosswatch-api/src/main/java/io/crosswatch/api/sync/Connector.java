package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;

/**
 * One service's watch state ("inventory ops"): the piece a provider writes so any two services
 * can be synced by core's generic module. N services need N connectors, not N² modules.
 * Discovered with {@link java.util.ServiceLoader}: declare it with {@code provides
 * io.crosswatch.api.sync.Connector with …} in {@code module-info.java} and list the class in
 * {@code META-INF/services/io.crosswatch.api.sync.Connector}.
 *
 * <p>How core uses it: for each configured pair, the orchestrator builds a {@link
 * ProviderContext} whose {@link ProviderContext#config() config} is the block of the auth
 * provider named in the manifest ({@link ConnectorManifest#authProvider()}, by default the
 * connector's own name), so the connector reads the keys or tokens its auth provider stored.
 * It skips the pair when {@link #isConfigured} is false, otherwise calls {@link #open} once per
 * side, asks the session only for the features the manifest declares, and closes it at the
 * end of the pair.
 *
 * <p>Contract:
 * <ul>
 *   <li>The public no-argument constructor MUST do no work; {@link #open} receives the context.
 *       Keep no state between runs in fields.</li>
 *   <li>{@link #manifest()} MUST be constant, built with {@link io.crosswatch.api.ApiVersion#CURRENT};
 *       its name is unique among installed connectors and is what users write in a pair.</li>
 *   <li>Sessions MUST report read failures as {@link Completeness#FAILED} or {@link
 *       Completeness#PARTIAL} (or throw a typed {@link io.crosswatch.api.CrossWatchException}),
 *       never as an empty complete read: the engine would take it for a user who deleted
 *       everything.</li>
 *   <li>Writes with {@code dryRun} MUST NOT change the service.</li>
 *   <li>Errors MUST be typed: {@link io.crosswatch.api.AuthException} for rejected
 *       credentials, {@link io.crosswatch.api.RateLimitedException} for a 429, {@link
 *       io.crosswatch.api.ProviderException} (with {@code retryable()}) for other service
 *       failures, {@link io.crosswatch.api.CancelledException} for a cancelled run; never a
 *       raw {@code IOException} or {@code NullPointerException}, and never a secret in a
 *       message.</li>
 *   <li>Providers built inside CrossWatch SHOULD send all HTTP through core's HTTP toolkit,
 *       which handles rate limits, retries, redaction and token refresh. A third-party jar
 *       built against this API alone uses its own client (the JDK's {@code
 *       java.net.http.HttpClient} is enough) and then does that mapping itself, checking
 *       {@link ProviderContext#cancellation()} before each call.</li>
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
     * MUST NOT call the service. When it answers {@code false} the orchestrator skips the pair
     * and tells the user to connect the account.
     *
     * @param config the instance's configuration
     * @return {@code true} when a session can be opened
     */
    default boolean isConfigured(ProviderConfig config) {
        return true;
    }

    /**
     * Opens a session for one run. The session may cache what it learns (a server's section
     * list, a user id) until it is closed. SHOULD NOT call the service; a session that cannot
     * work (no token after all) MAY throw an {@link io.crosswatch.api.AuthException} or {@link
     * io.crosswatch.api.ConfigException} saying what to set.
     *
     * @param context the instance's configuration (the auth provider's block, see above), store,
     *                clock, sleeper and cancellation; keep it for the session's calls
     * @return the session
     */
    ConnectorSession open(ProviderContext context);
}
