package io.crosswatch.providers.auth.anilist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.auth.AuthCapability;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.core.http.Access;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Connects an AniList account. Two ways:
 * <ul>
 *   <li>authorization code: {@link #start} returns the authorize URL
 *       ({@code /api/v2/oauth/authorize?client_id=…&redirect_uri=…&response_type=code}); the user
 *       approves and passes the {@code code} to {@link #finish}, which exchanges it at
 *       {@code POST /api/v2/oauth/token};</li>
 *   <li>a pasted token (implicit grant or the PIN page): payload {@code token} to {@code start}
 *       or {@code finish} (optionally {@code expiresIn} in seconds).</li>
 * </ul>
 * AniList tokens last a year and cannot be refreshed; the expiry is stored as
 * {@code expiresAt} when AniList says it, and {@link #status} reports EXPIRED after it.
 *
 * <p>Config keys: {@code clientId}, {@code clientSecret}, {@code redirectUri} (default the PIN
 * page {@value #PIN_REDIRECT}), {@code oauthUrl} (default {@value #OAUTH_URL}), {@code baseUrl}
 * (the GraphQL endpoint, default {@value #GRAPHQL_URL}); written on connect:
 * {@code accessToken}, {@code expiresAt}.
 */
public final class AnilistAuthProvider implements AuthProvider {

    static final String NAME = "anilist";
    static final String GRAPHQL_URL = "https://graphql.anilist.co";
    static final String OAUTH_URL = "https://anilist.co";
    static final String PIN_REDIRECT = "https://anilist.co/api/v2/oauth/pin";
    static final String ACCESS_TOKEN = "accessToken";
    static final String EXPIRES_AT = "expiresAt";
    private static final String VIEWER = "query { Viewer { id name mediaListOptions { scoreFormat } } }";

    private static final AuthManifest MANIFEST = AuthManifest.builder(NAME, ApiVersion.CURRENT)
            .label("AniList")
            .flow(AuthFlow.OAUTH_CODE)
            .field("clientId", "the client id of your AniList app (https://anilist.co/settings/developer)")
            .field("clientSecret", "the client secret of that app (for the authorization-code flow)")
            .field("redirectUri", "the app's registered redirect URL (default: " + PIN_REDIRECT + ")")
            .website("https://anilist.co")
            .build();

    private final HttpToolkit toolkit;

    /** For {@link java.util.ServiceLoader}: uses the shared HTTP toolkit. */
    public AnilistAuthProvider() {
        this(null);
    }

    /** Tests pass their own toolkit; {@code null} means the shared one. */
    AnilistAuthProvider(HttpToolkit toolkit) {
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
        if (!cfg.has(ACCESS_TOKEN)) {
            return AuthStatus.notConnected("no AniList token; run 'crosswatch connect anilist'");
        }
        Instant expiresAt = expiry(cfg).orElse(null);
        if (expiresAt != null && !context.clock().instant().isBefore(expiresAt)) {
            return new AuthStatus(AuthStatus.State.EXPIRED, null, expiresAt, "the AniList token expired at " + expiresAt
                    + " (tokens last a year and cannot be refreshed); run 'crosswatch connect anilist' again");
        }
        try {
            JsonNode viewer = viewer(context, cfg.require(ACCESS_TOKEN));
            return new AuthStatus(AuthStatus.State.CONNECTED, viewer.path("name").asText(null), expiresAt,
                    "AniList user id " + viewer.path("id").asLong() + ", score format "
                            + viewer.path("mediaListOptions").path("scoreFormat").asText("unknown")
                            + (expiresAt == null ? "; token expiry unknown (AniList tokens last a year)" : ""));
        } catch (AuthException e) {
            return new AuthStatus(AuthStatus.State.EXPIRED, null, expiresAt, e.getMessage());
        } catch (ProviderException e) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, null, expiresAt, e.getMessage());
        }
    }

    /**
     * With payload {@code token}: checks and stores the pasted token (an expired step). Otherwise
     * returns the authorize URL the user opens; {@link #finish} takes the {@code code}.
     */
    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        Map<String, String> p = payload == null ? Map.of() : payload;
        Instant now = context.clock().instant();
        if (has(p, "token")) {
            storePastedToken(context, p);
            return new AuthStep(null, null, now, null, Map.of(), "AniList token accepted");
        }
        ProviderConfig cfg = context.config();
        String url = cfg.url("oauthUrl", OAUTH_URL) + "/api/v2/oauth/authorize?client_id=" + encode(cfg.require("clientId"))
                + "&redirect_uri=" + encode(redirectUri(cfg)) + "&response_type=code";
        return new AuthStep(null, url, now.plus(Duration.ofMinutes(10)), null, Map.of(),
                "Open the URL, approve CrossWatch, then pass the code AniList shows (or appends to the redirect) "
                        + "as 'code' to finish");
    }

    /** Exchanges payload {@code code} (or stores payload {@code token}) and reports the status. */
    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        Map<String, String> p = payload == null ? Map.of() : payload;
        if (has(p, "token")) {
            if (!p.get("token").strip().equals(context.config().string(ACCESS_TOKEN).orElse(null))) {
                storePastedToken(context, p);
            }
            return status(context);
        }
        if (!has(p, "code")) {
            throw new ConfigException(context.config().path(), "pass the 'code' AniList showed after approving "
                    + "(or a pasted 'token')");
        }
        ProviderConfig cfg = context.config();
        ObjectNode body = client(context, cfg).mapper().createObjectNode()
                .put("grant_type", "authorization_code")
                .put("client_id", cfg.require("clientId"))
                .put("client_secret", cfg.require("clientSecret"))
                .put("redirect_uri", redirectUri(cfg))
                .put("code", p.get("code").strip());
        ServiceResponse r = client(context, cfg).request("POST", cfg.url("oauthUrl", OAUTH_URL) + "/api/v2/oauth/token")
                .json(body).withoutAuth().allowStatus(400, 401).send();
        JsonNode token = r.json();
        if (!r.isSuccessful() || !token.path("access_token").isTextual()) {
            throw new AuthException(NAME, "AniList refused the authorization code (HTTP " + r.status() + ", "
                    + r.redact(token.path("error").asText("no access token in the answer")) + "); codes work once and expire "
                    + "quickly: run 'crosswatch connect anilist' again");
        }
        Map<String, Object> changes = new HashMap<>();
        changes.put(ACCESS_TOKEN, token.path("access_token").asText());
        changes.put(EXPIRES_AT, token.path("expires_in").canConvertToLong()
                ? context.clock().instant().plusSeconds(token.path("expires_in").asLong()).toString() : null);
        // Persist before using the token, as the SPI asks.
        context.store().update(changes);
        return status(context);
    }

    /**
     * AniList has no revocation endpoint; the token is removed locally, and with it the app's
     * client secret (every secret of the instance goes; connecting again asks for it).
     */
    @Override
    public void disconnect(ProviderContext context) {
        Map<String, Object> clear = new HashMap<>();
        clear.put(ACCESS_TOKEN, null);
        clear.put(EXPIRES_AT, null);
        clear.put("clientSecret", null);
        context.store().update(clear);
    }

    private void storePastedToken(ProviderContext context, Map<String, String> p) {
        String token = p.get("token").strip();
        viewer(context, token); // refuses a token AniList does not accept, before it is stored
        Map<String, Object> changes = new HashMap<>();
        changes.put(ACCESS_TOKEN, token);
        String expiresIn = p.get("expiresIn");
        changes.put(EXPIRES_AT, expiresIn != null && expiresIn.strip().matches("\\d{1,10}")
                ? context.clock().instant().plusSeconds(Long.parseLong(expiresIn.strip())).toString() : null);
        context.store().update(changes);
    }

    /** Runs {@code Viewer} with {@code token}; AuthException when AniList refuses it. */
    private JsonNode viewer(ProviderContext context, String token) {
        ServiceClient client = client(context, context.config());
        ObjectNode body = client.mapper().createObjectNode().put("query", VIEWER);
        ServiceResponse r = client.request("POST", cfg(context).baseUrl(GRAPHQL_URL).toString()).json(body).header("Authorization", "Bearer " + token)
                .withoutAuth().idempotent().access(Access.READ).allowStatus(400, 401).send();
        JsonNode tree = r.json();
        String error = tree.path("errors").path(0).path("message").asText("");
        if (r.status() == 401 || error.toLowerCase(java.util.Locale.ROOT).contains("invalid token")
                || (r.status() == 400 && !error.isEmpty())) {
            throw new AuthException(NAME, "AniList refused the token (Viewer answered HTTP " + r.status()
                    + (error.isEmpty() ? "" : ", '" + r.redact(error) + "'") + "); run 'crosswatch connect anilist' again");
        }
        JsonNode viewer = tree.path("data").path("Viewer");
        if (!viewer.path("id").canConvertToLong()) {
            throw new ProviderException(NAME, r.status(), false, "the Viewer query returned no user"
                    + (error.isEmpty() ? "" : ": " + r.redact(error)), null);
        }
        return viewer;
    }

    private ServiceClient client(ProviderContext context, ProviderConfig cfg) {
        return (toolkit != null ? toolkit : HttpToolkit.shared()).client(NAME)
                .baseUrl(cfg.baseUrl(GRAPHQL_URL))
                .auth(AuthScheme.none())
                // AniList counts per client/IP: every account shares it.
                .rateLimit(RateLimitPolicy.of(RateLimit.perMinute(90)), RateLimitScope.IP)
                .context(context)
                .build();
    }

    private static ProviderConfig cfg(ProviderContext context) {
        return context.config();
    }

    private static Optional<Instant> expiry(ProviderConfig cfg) {
        try {
            return cfg.string(EXPIRES_AT).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new ConfigException(cfg.path() + "." + EXPIRES_AT, "is not an ISO-8601 instant");
        }
    }

    private static String redirectUri(ProviderConfig cfg) {
        return cfg.string("redirectUri").orElse(PIN_REDIRECT);
    }

    private static boolean has(Map<String, String> p, String key) {
        return p.get(key) != null && !p.get(key).isBlank();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AnilistAuthProvider";
    }
}
