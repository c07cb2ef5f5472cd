package io.crosswatch.api.auth;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderContext;
import java.util.Map;
import java.util.Set;

/**
 * Connects an account of one service. Discovered with {@link java.util.ServiceLoader}: declare
 * it with {@code provides io.crosswatch.api.auth.AuthProvider with …} in {@code
 * module-info.java} and list the class in {@code META-INF/services/io.crosswatch.api.auth.AuthProvider}.
 *
 * <p>Each call's {@link ProviderContext#config()} is this provider's block of the user's
 * config (named after {@link AuthManifest#name()}, one per account instance): the settings the
 * user gave (a server URL as {@code baseUrl}, a client id) plus what the provider stored. A
 * connector with the same name (or naming this provider in its manifest) reads the same
 * block, so whatever keys are stored here are what the connector authenticates with. Name
 * stored secrets so that {@link io.crosswatch.api.Secret#isSecretKey} recognizes them ({@code
 * apiKey}, {@code accessToken}, {@code refreshToken}, {@code password}): config views and
 * reports redact exactly those keys, and the testkit checks them.
 *
 * <p>The flow, as a user or the command line drives it: {@link #start} with the user's input,
 * show the returned {@link AuthStep} (a code and URL to visit), then {@link #finish} with the
 * step's {@link AuthStep#state()}. Direct flows ({@link AuthFlow#API_KEY}, {@link
 * AuthFlow#PASSWORD}) do all the work in {@code start} and return a step that has already
 * expired, such as {@code new AuthStep(null, null, context.clock().instant(), null, Map.of(),
 * "Connected as alice")}; their {@code finish} only reports {@link #status}.
 *
 * <p>Contract:
 * <ul>
 *   <li>The no-argument constructor MUST do no work and hold no state; everything arrives in
 *       the {@link ProviderContext} of each call.</li>
 *   <li>{@link #manifest()} MUST return the same name on every call; names are unique among
 *       installed auth providers.</li>
 *   <li>Tokens and keys MUST be persisted through {@link ProviderContext#store()} before the
 *       method returns, and a refresh token that works only once MUST be persisted before
 *       anything else is done with the new access token.</li>
 *   <li>Secrets MUST NOT appear in exception messages, logs or {@code toString}.</li>
 *   <li>Failures SHOULD be {@link io.crosswatch.api.AuthException} (credentials) or {@link
 *       io.crosswatch.api.ProviderException} (the service).</li>
 *   <li>Waits (polling a device code) MUST use the context's sleeper and honour its
 *       cancellation token.</li>
 * </ul>
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public interface AuthProvider {

    /** @return what this provider is */
    AuthManifest manifest();

    /** @return the optional abilities; none by default */
    default Set<AuthCapability> capabilities() {
        return Set.of();
    }

    /**
     * Reports whether the configured account is connected. SHOULD verify with the service
     * when it declares {@link AuthCapability#VERIFY}, and SHOULD NOT throw for a missing or
     * rejected credential (return the state instead).
     *
     * @param context the instance's configuration and store
     * @return the status
     */
    AuthStatus status(ProviderContext context);

    /**
     * Starts connecting: requests a device code or PIN, or (password and key flows) logs in
     * directly with the payload and returns an already-expired step. A direct flow SHOULD
     * check the credentials with the service before storing them, and MUST NOT store what the
     * service rejects.
     *
     * @param context the instance's configuration and store
     * @param payload user input such as {@code username}, {@code password}, {@code apiKey}; the
     *                keys are the provider's choice; declare them with {@link
     *                AuthManifest.Builder#field} so tools know what to ask for
     * @return what to show the user
     * @throws io.crosswatch.api.AuthException     when the service rejects the input
     * @throws io.crosswatch.api.ProviderException when the service cannot be reached
     */
    AuthStep start(ProviderContext context, Map<String, String> payload);

    /**
     * Completes a started flow, polling when needed until the user approves, the code
     * expires, or the context is cancelled, and persists the credentials.
     *
     * @param context the instance's configuration and store
     * @param payload {@link AuthStep#state()} of the step {@code start} returned, plus user input
     * @return the status after connecting
     */
    AuthStatus finish(ProviderContext context, Map<String, String> payload);

    /**
     * Refreshes the access token and persists the new credentials. Providers without {@link
     * AuthCapability#REFRESH} return {@link #status}.
     *
     * @param context the instance's configuration and store
     * @return the status after refreshing
     */
    default AuthStatus refresh(ProviderContext context) {
        return status(context);
    }

    /**
     * Revokes the token at the service where possible and removes every secret from the
     * instance's configuration ({@code context.store().update(changes)} where each key maps to
     * {@code null}). MUST clear local secrets even when the service is unreachable.
     *
     * @param context the instance's configuration and store
     */
    void disconnect(ProviderContext context);
}
