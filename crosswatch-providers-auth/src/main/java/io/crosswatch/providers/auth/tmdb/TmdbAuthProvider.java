package io.crosswatch.providers.auth.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.auth.AuthCapability;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Pause;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Connects a TMDB account. Two ways:
 * <ul>
 *   <li>Request token: {@code start} asks {@code GET /authentication/token/new} and returns the
 *       approval URL {@code https://www.themoviedb.org/authenticate/{token}}; {@code finish}
 *       polls {@code POST /authentication/session/new} until the user approved it or it
 *       expired, then reads the account id from {@code GET /account}.</li>
 *   <li>v4 user access token (payload {@code accessToken}): {@code start} converts it with
 *       {@code POST /authentication/session/convert/4} and connects at once.</li>
 * </ul>
 * Persists {@code sessionId}, {@code accountId} and {@code accountName}; needs {@code apiKey}
 * (or {@code readAccessToken}) in the config or the start payload.
 */
public final class TmdbAuthProvider implements AuthProvider {

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(3);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(60);
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    /*
     * The request token is part of the approval URL the user opens, so the step shows it in any
     * case; it becomes a session only together with the secret API key. It is therefore kept
     * under a plain key, like a PIN another service shows.
     */
    private static final String STATE_TOKEN = "request";
    private static final String STATE_EXPIRES = "expiresAt";

    private static final AuthManifest MANIFEST = AuthManifest.builder(TmdbAuthApi.NAME, ApiVersion.CURRENT)
            .label("TMDB")
            .flow(AuthFlow.PIN)
            .field(TmdbAuthApi.API_KEY, "TMDB v3 API key (themoviedb.org/settings/api)")
            .field(TmdbAuthApi.ACCESS_TOKEN, "optional: a v4 user access token to convert instead of approving a request token")
            .website("https://www.themoviedb.org")
            .build();

    private final HttpToolkit toolkit;

    /** For {@link java.util.ServiceLoader}; does no work. */
    public TmdbAuthProvider() {
        this(null);
    }

    /** @param toolkit the HTTP toolkit to use instead of the shared one (tests) */
    TmdbAuthProvider(HttpToolkit toolkit) {
        this.toolkit = toolkit;
    }

    private TmdbAuthApi api(ProviderContext context) {
        return new TmdbAuthApi(toolkit != null ? toolkit : HttpToolkit.shared(), context);
    }

    @Override
    public AuthManifest manifest() {
        return MANIFEST;
    }

    @Override
    public Set<AuthCapability> capabilities() {
        return Set.of(AuthCapability.VERIFY, AuthCapability.REVOKE, AuthCapability.MULTIPLE_ACCOUNTS);
    }

    @Override
    public AuthStatus status(ProviderContext context) {
        ProviderConfig cfg = context.config();
        Optional<String> session = cfg.string(TmdbAuthApi.SESSION_ID).filter(s -> !s.isBlank());
        if (session.isEmpty()) {
            return AuthStatus.notConnected("no TMDB session; run 'crosswatch connect tmdb'");
        }
        if (TmdbAuthApi.bearerToken(cfg).isEmpty() && TmdbAuthApi.queryKey(cfg).isEmpty()) {
            return AuthStatus.notConnected("no TMDB API key; set " + cfg.path() + "." + TmdbAuthApi.API_KEY);
        }
        try {
            ServiceResponse r = api(context).request("GET", "/account", TmdbAuthApi.session(session.get()))
                    .allowStatus(401).send();
            if (r.status() == 401) {
                return new AuthStatus(AuthStatus.State.EXPIRED, null, null,
                        "TMDB refused the session (HTTP 401); run 'crosswatch connect tmdb' again");
            }
            return AuthStatus.connected(accountName(r.json()), null);
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, cfg.string(TmdbAuthApi.ACCOUNT_NAME).orElse(null), null,
                    "could not reach TMDB: " + e.getMessage());
        }
    }

    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        Map<String, String> input = payload == null ? Map.of() : payload;
        String key = input.get(TmdbAuthApi.API_KEY);
        if (key != null && !key.isBlank()) {
            context.store().update(Map.of(TmdbAuthApi.API_KEY, key));
        }
        String v4Token = input.get(TmdbAuthApi.ACCESS_TOKEN);
        if (v4Token != null && !v4Token.isBlank()) {
            JsonNode body = api(context).request("POST", "/authentication/session/convert/4", Query.empty())
                    .json(Map.of("access_token", v4Token)).allowStatus(401).send().json();
            String sessionId = body.path("session_id").asText("");
            if (!body.path("success").asBoolean(false) || sessionId.isBlank()) {
                throw new AuthException(TmdbAuthApi.NAME, "TMDB did not convert the v4 access token into a session"
                        + " (status_code " + body.path("status_code").asText("?") + "); is it a user-approved token?");
            }
            connected(context, sessionId);
            return new AuthStep(null, null, context.clock().instant(), POLL_INTERVAL, Map.of(),
                    "Connected with the v4 access token.");
        }
        JsonNode body = api(context).request("GET", "/authentication/token/new", Query.empty()).json();
        String token = body.path("request_token").asText("");
        if (token.isBlank()) {
            throw new ProviderException(TmdbAuthApi.NAME, 200, false,
                    "GET /authentication/token/new returned no request_token", null);
        }
        Instant expires = parseExpiry(body.path("expires_at").asText(""))
                .orElse(context.clock().instant().plus(TOKEN_LIFETIME));
        String web = context.config().url("webUrl", TmdbAuthApi.DEFAULT_WEB_URL).toString();
        Map<String, String> state = new HashMap<>();
        state.put(STATE_TOKEN, token);
        state.put(STATE_EXPIRES, expires.toString());
        return new AuthStep(null, web + "/authenticate/" + token, expires, POLL_INTERVAL, state,
                "Open the link, sign in to TMDB and click Approve.");
    }

    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        Map<String, String> input = payload == null ? Map.of() : payload;
        String token = input.get(STATE_TOKEN);
        if (token == null || token.isBlank()) {
            if (context.config().string(TmdbAuthApi.SESSION_ID).isPresent()) {
                return status(context); // the v4 path connected in start
            }
            throw new ConfigException(null, "finish needs the request that start returned in its state");
        }
        Instant expires = Optional.ofNullable(input.get(STATE_EXPIRES)).map(Instant::parse)
                .orElse(context.clock().instant().plus(TOKEN_LIFETIME));
        TmdbAuthApi api = api(context);
        while (true) {
            context.cancellation().throwIfCancelled();
            ServiceResponse r = api.request("POST", "/authentication/session/new", Query.empty())
                    .json(Map.of("request_token", token)).allowStatus(401).send();
            JsonNode body = r.json();
            if (r.isSuccessful() && body.path("success").asBoolean(false) && !body.path("session_id").asText("").isBlank()) {
                return connected(context, body.path("session_id").asText());
            }
            // 401 with status_code 17 (session denied) or 33 (invalid request token): not approved yet.
            Instant now = context.clock().instant();
            if (!now.plus(POLL_INTERVAL).isBefore(expires)) {
                throw new AuthException(TmdbAuthApi.NAME, "the TMDB request token expired at " + expires
                        + " before it was approved; run 'crosswatch connect tmdb' again");
            }
            Pause.sleep(context, POLL_INTERVAL, "tmdb: the request token to be approved");
        }
    }

    private AuthStatus connected(ProviderContext context, String sessionId) {
        // Persist the session before anything else uses it.
        context.store().update(Map.of(TmdbAuthApi.SESSION_ID, sessionId));
        JsonNode account = api(context).request("GET", "/account", TmdbAuthApi.session(sessionId)).json();
        String name = accountName(account);
        Map<String, Object> changes = new HashMap<>();
        changes.put(TmdbAuthApi.ACCOUNT_ID, account.path("id").asText());
        changes.put(TmdbAuthApi.ACCOUNT_NAME, name);
        context.store().update(changes);
        return AuthStatus.connected(name, null);
    }

    private static String accountName(JsonNode account) {
        String name = account.path("username").asText("");
        return name.isBlank() ? account.path("id").asText(null) : name;
    }

    @Override
    public void disconnect(ProviderContext context) {
        ProviderConfig cfg = context.config();
        Optional<String> session = cfg.string(TmdbAuthApi.SESSION_ID).filter(s -> !s.isBlank());
        try {
            if (session.isPresent() && (TmdbAuthApi.bearerToken(cfg).isPresent() || TmdbAuthApi.queryKey(cfg).isPresent())) {
                api(context).request("DELETE", "/authentication/session", Query.empty())
                        .json(Map.of("session_id", session.get())).allowStatus(401, 404).send();
            }
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            // The service may be down; the local secrets are cleared regardless.
        } finally {
            Map<String, Object> clear = new HashMap<>();
            clear.put(TmdbAuthApi.SESSION_ID, null);
            clear.put(TmdbAuthApi.ACCOUNT_ID, null);
            clear.put(TmdbAuthApi.ACCOUNT_NAME, null);
            clear.put(TmdbAuthApi.API_KEY, null);
            clear.put(TmdbAuthApi.READ_ACCESS_TOKEN, null);
            clear.put(TmdbAuthApi.ACCESS_TOKEN, null);
            context.store().update(clear);
        }
    }

    /** TMDB writes expiries as {@code 2016-08-26 17:04:39 UTC}. */
    private static Optional<Instant> parseExpiry(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, EXPIRES).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "TmdbAuthProvider[" + TmdbAuthApi.NAME + "]";
    }
}
