package io.crosswatch.providers.auth.trakt;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.Secret;
import io.crosswatch.api.auth.AuthCapability;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Pause;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Connects a Trakt account with the OAuth device-code flow, refreshes its rotating tokens and
 * revokes them on disconnect.
 *
 * <p>Config keys of the {@code trakt} block: {@code clientId} and {@code clientSecret} (the
 * user's own Trakt app), optional {@code baseUrl} (API host, default {@value #DEFAULT_API}),
 * {@code oauthUrl} (OAuth host, default {@value #DEFAULT_OAUTH}) and {@code redirectUri}
 * (default {@value #OOB_REDIRECT}). It persists {@code accessToken}, {@code refreshToken},
 * {@code createdAt} (epoch seconds), {@code expiresIn} (seconds), {@code expiresAt} (ISO-8601)
 * and {@code username}.
 *
 * @since 0.1
 */
public final class TraktAuthProvider implements AuthProvider {

    /** The production API host. */
    static final String DEFAULT_API = "https://api.trakt.tv";
    /** The OAuth host Trakt's current contract names for every OAuth call. */
    static final String DEFAULT_OAUTH = "https://auth.trakt.tv";
    /** The redirect URI device-flow apps register. */
    static final String OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob";

    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String OAUTH_URL = "oauthUrl";
    static final String REDIRECT_URI = "redirectUri";
    static final String USERNAME = "username";

    /** {@link AuthStep#state()} keys handed from {@code start} to {@code finish}. */
    static final String STATE_DEVICE_CODE = "deviceCode";
    static final String STATE_INTERVAL = "interval";
    static final String STATE_EXPIRES_AT = "expiresAt";

    /** What {@code /oauth/device/token} answers with a 429: poll this much slower. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private static final String NAME = "trakt";
    private static final System.Logger LOG = System.getLogger(TraktAuthProvider.class.getName());
    // Trakt's published limits: 1000 GETs per 5 minutes and 1 POST/PUT/DELETE per second per user.
    private static final RateLimitPolicy LIMITS = RateLimitPolicy.split(
            RateLimit.of(1000, Duration.ofMinutes(5)), RateLimit.perSecond(1));
    private static final AuthManifest MANIFEST = AuthManifest.builder(NAME, ApiVersion.CURRENT)
            .label("Trakt")
            .flow(AuthFlow.DEVICE_CODE)
            .field(CLIENT_ID, "Client ID of your own Trakt API app (https://trakt.tv/oauth/applications)")
            .field(CLIENT_SECRET, "Client secret of that app")
            .field(OAUTH_URL, "optional OAuth host, default " + DEFAULT_OAUTH + " (older setups: " + DEFAULT_API + ")")
            .field("baseUrl", "optional API host, default " + DEFAULT_API)
            .website("https://trakt.tv")
            .build();

    private final HttpToolkit toolkit;

    /** Uses the JVM-wide HTTP toolkit. Does no work. */
    public TraktAuthProvider() {
        this(HttpToolkit.shared());
    }

    /**
     * @param toolkit the HTTP toolkit to talk through (tests pass one with virtual time)
     */
    public TraktAuthProvider(HttpToolkit toolkit) {
        this.toolkit = Objects.requireNonNull(toolkit, "toolkit");
    }

    @Override
    public AuthManifest manifest() {
        return MANIFEST;
    }

    @Override
    public Set<AuthCapability> capabilities() {
        return Set.of(AuthCapability.REFRESH, AuthCapability.REVOKE, AuthCapability.VERIFY,
                AuthCapability.MULTIPLE_ACCOUNTS);
    }

    @Override
    public AuthStatus status(ProviderContext context) {
        ProviderConfig cfg = context.config();
        if (!cfg.has(TraktTokens.ACCESS_TOKEN)) {
            return AuthStatus.notConnected("not connected; run 'crosswatch connect trakt'");
        }
        if (!cfg.has(CLIENT_ID)) {
            return AuthStatus.notConnected(cfg.path() + "." + CLIENT_ID + " is missing; set your Trakt app's client id");
        }
        Instant expiresAt = expiresAt(cfg);
        try {
            ServiceResponse r = client(context).request("GET", "/users/settings").allowStatus(401).send();
            if (r.status() == 401) {
                return new AuthStatus(AuthStatus.State.EXPIRED, cfg.string(USERNAME).orElse(null), expiresAt,
                        "Trakt refused the access token (HTTP 401); it is refreshed on the next use, or run "
                                + "'crosswatch connect trakt'");
            }
            String user = r.json().path("user").path("username").asText(cfg.string(USERNAME).orElse(null));
            return AuthStatus.connected(user, expiresAt);
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, cfg.string(USERNAME).orElse(null), expiresAt,
                    "could not check the Trakt account: " + e.getMessage());
        }
    }

    /**
     * Requests a device code ({@code POST /oauth/device/code}).
     *
     * @return the user code and verification URL; {@code state} carries the device code, the
     *         poll interval and the expiry for {@link #finish}
     */
    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        ProviderConfig cfg = context.config();
        String clientId = cfg.require(CLIENT_ID);
        JsonNode body = appClient(context).request("POST", oauth(cfg, "/oauth/device/code")).withoutAuth()
                .json(Map.of("client_id", clientId)).json();
        String deviceCode = body.path("device_code").asText("");
        String userCode = body.path("user_code").asText("");
        if (deviceCode.isBlank() || userCode.isBlank()) {
            throw new AuthException(NAME, "POST /oauth/device/code answered without a device or user code");
        }
        String url = body.path("verification_url").asText("https://trakt.tv/activate");
        long interval = Math.max(1, body.path("interval").asLong(5));
        Instant expiresAt = context.clock().instant().plusSeconds(Math.max(1, body.path("expires_in").asLong(600)));
        Map<String, String> state = new LinkedHashMap<>();
        state.put(STATE_DEVICE_CODE, deviceCode);
        state.put(STATE_INTERVAL, Long.toString(interval));
        state.put(STATE_EXPIRES_AT, expiresAt.toString());
        return new AuthStep(userCode, url, expiresAt, Duration.ofSeconds(interval), state,
                "Open " + url + " and enter the code " + userCode);
    }

    /**
     * Polls {@code POST /oauth/device/token} every interval until the user approves (tokens are
     * persisted), denies, or the code expires. {@code 400} means pending, {@code 429} slows the
     * polling down; {@code 404}, {@code 409}, {@code 410} and {@code 418} end with an {@link
     * AuthException} saying which.
     */
    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        ProviderConfig cfg = context.config();
        String clientId = cfg.require(CLIENT_ID);
        String clientSecret = cfg.require(CLIENT_SECRET);
        String deviceCode = payload.get(STATE_DEVICE_CODE);
        if (deviceCode == null || deviceCode.isBlank()) {
            throw new AuthException(NAME, "finish() needs the '" + STATE_DEVICE_CODE + "' that start() returned");
        }
        Duration interval = Duration.ofSeconds(Math.max(1, parseLong(payload.get(STATE_INTERVAL), 5)));
        Instant expiresAt = parseInstant(payload.get(STATE_EXPIRES_AT))
                .orElse(context.clock().instant().plusSeconds(600));
        Map<String, String> body = Map.of("code", deviceCode, "client_id", clientId, "client_secret", clientSecret);
        ServiceClient client = appClient(context);
        String url = oauth(cfg, "/oauth/device/token");
        while (!context.clock().instant().plus(interval).isAfter(expiresAt)) {
            Pause.sleep(context, interval, "trakt: the device code to be approved");
            ServiceResponse r = client.request("POST", url).withoutAuth().json(body)
                    .allowStatus(400, 404, 409, 410, 418, 429)
                    // polling again is what this endpoint is for, so a 5xx or timeout may be repeated
                    .idempotent()
                    .send();
            switch (r.status()) {
                case 400 -> {
                    // pending: the user has not entered the code yet
                }
                case 429 -> interval = interval.plus(SLOW_DOWN_STEP);
                case 404 -> throw new AuthException(NAME, "Trakt does not know this device code (HTTP 404: invalid code); "
                        + "run 'crosswatch connect trakt' again");
                case 409 -> throw new AuthException(NAME, "this device code was already used (HTTP 409: already approved "
                        + "and its tokens issued); run 'crosswatch connect trakt' again for a new code");
                case 410 -> throw new AuthException(NAME, "the device code expired (HTTP 410) before it was approved; "
                        + "run 'crosswatch connect trakt' again");
                case 418 -> throw new AuthException(NAME, "the user denied access on Trakt (HTTP 418: denied); "
                        + "run 'crosswatch connect trakt' again to retry");
                default -> {
                    TraktTokens tokens = TraktTokens.parse(r.json(), context.clock().instant());
                    // Persist the pair first: nothing else may happen with an unsaved single-use refresh token.
                    context.store().update(tokens.asConfig());
                    return AuthStatus.connected(lookUpUsername(context), tokens.expiresAt());
                }
            }
        }
        throw new AuthException(NAME, "the device code expired at " + expiresAt + " before it was approved; "
                + "run 'crosswatch connect trakt' again");
    }

    /**
     * Trades the refresh token for a new pair ({@code POST /oauth/token}, {@code refresh_token}
     * grant) and persists it before returning. A refused refresh token gives {@code EXPIRED}.
     */
    @Override
    public AuthStatus refresh(ProviderContext context) {
        ProviderConfig cfg = context.config();
        if (!cfg.has(TraktTokens.REFRESH_TOKEN)) {
            return new AuthStatus(cfg.has(TraktTokens.ACCESS_TOKEN) ? AuthStatus.State.EXPIRED : AuthStatus.State.NOT_CONNECTED,
                    null, null, "no refresh token; run 'crosswatch connect trakt'");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("refresh_token", cfg.require(TraktTokens.REFRESH_TOKEN));
        body.put("client_id", cfg.require(CLIENT_ID));
        body.put("client_secret", cfg.require(CLIENT_SECRET));
        body.put("redirect_uri", cfg.string(REDIRECT_URI).orElse(OOB_REDIRECT));
        body.put("grant_type", "refresh_token");
        // A POST is never replayed after a timeout or 5xx (only after a 429, which Trakt did not
        // process): a refresh token works once, and a lost answer cannot be asked for again.
        ServiceResponse r = appClient(context).request("POST", oauth(cfg, "/oauth/token")).withoutAuth().json(body)
                .allowStatus(400, 401).send();
        if (r.status() == 400 || r.status() == 401) {
            String error = r.redact(r.json().path("error").asText("rejected"));
            return new AuthStatus(AuthStatus.State.EXPIRED, cfg.string(USERNAME).orElse(null), expiresAt(cfg),
                    "Trakt refused the refresh token (HTTP " + r.status() + ", " + error
                            + "); run 'crosswatch connect trakt' to authorize again");
        }
        TraktTokens tokens = TraktTokens.parse(r.json(), context.clock().instant());
        context.store().update(tokens.asConfig());
        return AuthStatus.connected(cfg.string(USERNAME).orElse(null), tokens.expiresAt());
    }

    /**
     * Revokes the access token ({@code POST /oauth/revoke}) and clears every secret, the latter
     * even when Trakt cannot be reached.
     */
    @Override
    public void disconnect(ProviderContext context) {
        ProviderConfig cfg = context.config();
        try {
            if (cfg.has(TraktTokens.ACCESS_TOKEN) && cfg.has(CLIENT_ID)) {
                Map<String, String> body = new LinkedHashMap<>();
                body.put("token", cfg.require(TraktTokens.ACCESS_TOKEN));
                body.put("client_id", cfg.require(CLIENT_ID));
                cfg.string(CLIENT_SECRET).ifPresent(s -> body.put("client_secret", s));
                appClient(context).request("POST", oauth(cfg, "/oauth/revoke")).withoutAuth().json(body)
                        .retry(RetryPolicy.none()).send();
            }
        } catch (CrossWatchException e) {
            LOG.log(System.Logger.Level.WARNING, "trakt: revoking the token failed ({0}); the local credentials are "
                    + "cleared anyway", e.getMessage());
        } finally {
            Map<String, Object> clear = new LinkedHashMap<>();
            for (String key : context.config().keys()) {
                if (Secret.isSecretKey(key)) {
                    clear.put(key, null);
                }
            }
            clear.put(TraktTokens.CREATED_AT, null);
            clear.put(TraktTokens.EXPIRES_IN, null);
            clear.put(TraktTokens.EXPIRES_AT, null);
            context.store().update(clear);
        }
    }

    @Override
    public String toString() {
        return "TraktAuthProvider";
    }

    // ------------------------------------------------------------------ helpers

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
        return toolkit.client(NAME)
                .baseUrl(cfg.baseUrl(DEFAULT_API))
                .header("trakt-api-version", "2")
                .header("trakt-api-key", c -> c.require(CLIENT_ID))
                .header("Content-Type", "application/json")
                .auth(AuthScheme.bearer(TraktTokens.ACCESS_TOKEN))
                .rateLimit(LIMITS, scope)
                .context(context)
                .build();
    }

    private static String oauth(ProviderConfig cfg, String path) {
        return cfg.url(OAUTH_URL, DEFAULT_OAUTH) + path;
    }

    /** Best effort: the account name shown to the user, persisted as {@code username}. */
    private String lookUpUsername(ProviderContext context) {
        try {
            String user = client(context).request("GET", "/users/settings").json().path("user").path("username").asText("");
            if (!user.isBlank()) {
                context.store().update(Map.of(USERNAME, user));
                return user;
            }
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            LOG.log(System.Logger.Level.DEBUG, "trakt: connected, but reading the user name failed: {0}", e.getMessage());
        }
        return null;
    }

    private static Instant expiresAt(ProviderConfig cfg) {
        return parseInstant(cfg.string(TraktTokens.EXPIRES_AT).orElse(null)).orElse(null);
    }

    private static java.util.Optional<Instant> parseInstant(String s) {
        if (s == null || s.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Instant.parse(s.trim()));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
