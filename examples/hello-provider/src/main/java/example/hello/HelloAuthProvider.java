package example.hello;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.Secret;
import io.crosswatch.api.auth.AuthCapability;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Connects a Hello Watchlist account with an API key ({@link AuthFlow#API_KEY}): {@code start}
 * takes the key as payload {@code apiKey}, checks it with {@code GET /me} and stores it in the
 * {@code hello} config block, where {@link HelloConnector} reads it.
 *
 * @since 0.1
 */
public final class HelloAuthProvider implements AuthProvider {

    private static final AuthManifest MANIFEST = AuthManifest.builder(HelloClient.NAME, ApiVersion.CURRENT)
            .label("Hello Watchlist")
            .flow(AuthFlow.API_KEY)
            .field(HelloClient.API_KEY, "your API key, from the service's account page")
            .field("baseUrl", "the service URL; defaults to " + HelloClient.DEFAULT_URL)
            .version("0.1.0")
            .build();

    /** Does no work: {@link java.util.ServiceLoader} calls it during discovery. */
    public HelloAuthProvider() {
    }

    @Override
    public AuthManifest manifest() {
        return MANIFEST;
    }

    @Override
    public Set<AuthCapability> capabilities() {
        return Set.of(AuthCapability.VERIFY);
    }

    /** Asks {@code GET /me} whether the stored key works; never throws for a missing or rejected key. */
    @Override
    public AuthStatus status(ProviderContext context) {
        if (!context.config().has(HelloClient.API_KEY)) {
            return AuthStatus.notConnected("no API key; run 'crosswatch connect " + HelloClient.NAME + "'");
        }
        try {
            return AuthStatus.connected(whoAmI(HelloClient.connected(context)), null);
        } catch (AuthException e) {
            return new AuthStatus(AuthStatus.State.EXPIRED, null, null, e.getMessage());
        } catch (ProviderException e) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, null, null, e.getMessage());
        }
    }

    /**
     * Checks the key in payload {@code apiKey} and stores it. The key flow has nothing to show
     * the user, so the step returned has already expired and {@link #finish} only reports.
     *
     * @throws AuthException     when the payload has no key or the service rejects it
     * @throws ProviderException when the service cannot be reached
     */
    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        String key = payload.get(HelloClient.API_KEY);
        if (key == null || key.isBlank()) {
            throw new AuthException(HelloClient.NAME, "start needs the payload field '" + HelloClient.API_KEY + "'");
        }
        String user = whoAmI(HelloClient.withKey(context, new Secret(key.strip())));
        context.store().update(Map.of(HelloClient.API_KEY, key.strip()));
        return new AuthStep(null, null, context.clock().instant(), null, Map.of(),
                "Connected to Hello Watchlist as " + user);
    }

    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        return status(context);
    }

    /** The service has no revoke call: forgetting the key locally is all there is to do. */
    @Override
    public void disconnect(ProviderContext context) {
        Map<String, Object> changes = new HashMap<>();
        changes.put(HelloClient.API_KEY, null); // a null value removes the key
        context.store().update(changes);
    }

    private static String whoAmI(HelloClient client) {
        HelloClient.Response me = client.send("GET", "/me", null);
        if (me.status() != 200) {
            throw client.unexpected("GET", "/me", me);
        }
        return Optional.ofNullable(client.json("GET", "/me", me))
                .filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get("user"))
                .map(String::valueOf).orElse("(unnamed)");
    }
}
