package io.crosswatch.providers.auth.simkl;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.auth.AuthCapability;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Pause;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Connects a SIMKL account with SIMKL's PIN flow: {@code GET /oauth/pin} returns a short code
 * the user enters at {@code https://simkl.com/pin}; {@code GET /oauth/pin/{code}} is polled at
 * the advertised interval until it carries an access token or the code expires. SIMKL tokens do
 * not expire and cannot be refreshed; a {@code 401} means the user revoked the app.
 *
 * <p>Config keys: {@code clientId} (required, the app's client id), {@code accessToken}
 * (written by {@link #finish}), {@code baseUrl} (default {@code https://api.simkl.com}),
 * {@code appName} / {@code appVersion} (sent as {@code app-name} / {@code app-version}),
 * {@code redirectUrl} (optional, sent as {@code redirect} when requesting a PIN).
 *
 * @since 0.1
 */
public final class SimklAuthProvider implements AuthProvider {

    /** The provider name. */
    public static final String NAME = "simkl";
    /** The public API host. */
    public static final String DEFAULT_BASE_URL = "https://api.simkl.com";

    static final String CLIENT_ID = "clientId";
    static final String ACCESS_TOKEN = "accessToken";
    static final String STATE_USER_CODE = "userCode";
    static final String STATE_EXPIRES_AT = "expiresAt";
    static final String STATE_INTERVAL = "intervalSeconds";

    private static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(900);
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final RateLimitPolicy LIMITS = RateLimitPolicy.split(RateLimit.perSecond(10), RateLimit.perSecond(1));

    private static final AuthManifest MANIFEST = AuthManifest.builder(NAME, ApiVersion.CURRENT)
            .label("SIMKL")
            .flow(AuthFlow.PIN)
            .field(CLIENT_ID, "the client id of your SIMKL app (simkl.com/settings/developer)")
            .version("0.1")
            .website("https://simkl.com")
            .build();

    private final HttpToolkit toolkit;

    /** Does no work; each call receives its context. */
    public SimklAuthProvider() {
        this(null);
    }

    /** @param toolkit the HTTP toolkit to use, {@code null} for the shared one (tests inject their own) */
    SimklAuthProvider(HttpToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public AuthManifest manifest() {
        return MANIFEST;
    }

    @Override
    public Set<AuthCapability> capabilities() {
        return Set.of(AuthCapability.VERIFY, AuthCapability.MULTIPLE_ACCOUNTS);
    }

    @Override
    public AuthStatus status(ProviderContext context) {
        ProviderConfig cfg = context.config();
        if (!cfg.has(CLIENT_ID)) {
            return AuthStatus.notConnected("set " + cfg.path() + "." + CLIENT_ID + " and run 'crosswatch connect simkl'");
        }
        if (!cfg.has(ACCESS_TOKEN)) {
            return AuthStatus.notConnected("run 'crosswatch connect simkl' to sign in");
        }
        try {
            ServiceResponse r = client(context).request("GET", "/users/settings").query(appParams(cfg))
                    .allowStatus(401).send();
            if (r.status() == 401) {
                return new AuthStatus(AuthStatus.State.EXPIRED, null, null,
                        "SIMKL refused the token (it was revoked); run 'crosswatch connect simkl'");
            }
            return AuthStatus.connected(accountName(r.json()), null);
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, null, null, "could not check the SIMKL account: " + e.getMessage());
        }
    }

    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        ProviderConfig cfg = context.config();
        cfg.require(CLIENT_ID);
        Query q = appParams(cfg).with("redirect", cfg.string("redirectUrl").orElse(null));
        JsonNode pin = appClient(context).request("GET", "/oauth/pin").query(q).withoutAuth().json();
        String userCode = text(pin, "user_code");
        if (userCode == null) {
            throw new AuthException(NAME, "GET /oauth/pin answered without a user_code (result "
                    + text(pin, "result") + "); check " + cfg.path() + "." + CLIENT_ID);
        }
        String url = text(pin, "verification_uri");
        if (url == null) {
            url = text(pin, "verification_url");
        }
        if (url == null) {
            url = "https://simkl.com/pin";
        }
        Duration expiresIn = seconds(pin, "expires_in", DEFAULT_EXPIRY);
        Duration interval = seconds(pin, "interval", DEFAULT_INTERVAL);
        Instant expiresAt = context.clock().instant().plus(expiresIn);
        Map<String, String> state = Map.of(STATE_USER_CODE, userCode, STATE_EXPIRES_AT, expiresAt.toString(),
                STATE_INTERVAL, Long.toString(interval.toSeconds()));
        return new AuthStep(userCode, url, expiresAt, interval, state,
                "Open " + url + " and enter the code " + userCode);
    }

    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        ProviderConfig cfg = context.config();
        String userCode = payload.get(STATE_USER_CODE);
        if (userCode == null || userCode.isBlank()) {
            throw new ConfigException(null, "simkl: finish() needs the '" + STATE_USER_CODE + "' that start() returned");
        }
        Instant expiresAt = instant(payload.get(STATE_EXPIRES_AT), context.clock().instant().plus(DEFAULT_EXPIRY));
        Duration interval = DEFAULT_INTERVAL;
        String iv = payload.get(STATE_INTERVAL);
        if (iv != null && iv.matches("\\d{1,6}") && Long.parseLong(iv) > 0) {
            interval = Duration.ofSeconds(Long.parseLong(iv));
        }
        ServiceClient client = appClient(context);
        while (true) {
            context.cancellation().throwIfCancelled();
            if (!context.clock().instant().isBefore(expiresAt)) {
                throw new AuthException(NAME, "the PIN " + userCode + " expired before it was approved; run "
                        + "'crosswatch connect simkl' again");
            }
            Pause.sleep(context, interval, "simkl: the PIN to be approved");
            JsonNode poll = client.request("GET", "/oauth/pin/" + userCode).query(appParams(cfg)).withoutAuth().json();
            String token = text(poll, "access_token");
            if ("OK".equalsIgnoreCase(text(poll, "result")) && token != null) {
                context.store().update(Map.of(ACCESS_TOKEN, token));
                return AuthStatus.connected(settingsName(context), null);
            }
            if (poll.has("device_code") || poll.has("user_code")) {
                // SIMKL answers an unknown or consumed code with a brand-new PIN, not an error.
                throw new AuthException(NAME, "the PIN " + userCode + " is no longer valid (expired or already used); run "
                        + "'crosswatch connect simkl' again");
            }
            if ("Slow down".equalsIgnoreCase(text(poll, "message"))) {
                interval = interval.plus(SLOW_DOWN_STEP);
            }
        }
    }

    @Override
    public void disconnect(ProviderContext context) {
        // SIMKL has no revoke endpoint: the user removes the app at simkl.com/settings/connected-apps.
        Map<String, Object> clear = new HashMap<>();
        clear.put(ACCESS_TOKEN, null);
        context.store().update(clear);
    }

    @Override
    public String toString() {
        return "SimklAuthProvider";
    }

    // ---------------------------------------------------------------- helpers

    /** The client of calls made as the user: they spend the account's own budget. */
    private ServiceClient client(ProviderContext context) {
        return client(context, RateLimitScope.ACCOUNT);
    }

    /**
     * The client of calls made as the application before or without a user token (OAuth
     * endpoints): the fact sheet counts those per client id, so every instance shares the budget.
     */
    private ServiceClient appClient(ProviderContext context) {
        return client(context, RateLimitScope.APP);
    }

    private ServiceClient client(ProviderContext context, RateLimitScope scope) {
        ProviderConfig cfg = context.config();
        HttpToolkit tk = toolkit != null ? toolkit : HttpToolkit.shared();
        return tk.client(NAME)
                .baseUrl(cfg.baseUrl(DEFAULT_BASE_URL))
                .header("simkl-api-key", c -> c.require(CLIENT_ID))
                .auth(AuthScheme.bearer(ACCESS_TOKEN))
                .rateLimit(LIMITS, scope)
                .context(context)
                .build();
    }

    /** The app identification SIMKL asks for on every request. */
    static Query appParams(ProviderConfig cfg) {
        return Query.of("client_id", cfg.require(CLIENT_ID),
                "app-name", cfg.string("appName").orElse("crosswatch"),
                "app-version", cfg.string("appVersion").orElse("0.1"));
    }

    private String settingsName(ProviderContext context) {
        try {
            return accountName(client(context).request("GET", "/users/settings").query(appParams(context.config())).json());
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return null; // connected all the same; the name is cosmetic
        }
    }

    private static String accountName(JsonNode settings) {
        String name = text(settings.path("user"), "name");
        if (name != null) {
            return name;
        }
        return text(settings.path("account"), "id");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static Duration seconds(JsonNode node, String field, Duration fallback) {
        long s = node.path(field).asLong(0);
        return s > 0 ? Duration.ofSeconds(s) : fallback;
    }

    private static Instant instant(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Objects.requireNonNull(fallback);
        }
    }
}
