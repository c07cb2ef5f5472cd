package io.crosswatch.providers.auth.mdblist;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Connects an MDBList account with an API key (https://mdblist.com/preferences/#api). The key
 * travels as the {@code apikey} query parameter; {@code GET /user} checks it and reports the
 * account's daily request budget.
 *
 * <p>Config keys: {@code apiKey} (the key, written by {@link #start}), {@code baseUrl}
 * (default {@value #DEFAULT_BASE_URL}).
 */
public final class MdblistAuthProvider implements AuthProvider {

    static final String NAME = "mdblist";
    static final String DEFAULT_BASE_URL = "https://api.mdblist.com";
    static final String API_KEY = "apiKey";
    private static final String KEY_PAGE = "https://mdblist.com/preferences/#api";

    private static final AuthManifest MANIFEST = AuthManifest.builder(NAME, ApiVersion.CURRENT)
            .label("MDBList")
            .flow(AuthFlow.API_KEY)
            .field(API_KEY, "your MDBList API key, from " + KEY_PAGE)
            .website("https://mdblist.com")
            .build();

    private final HttpToolkit toolkit;

    /** For {@link java.util.ServiceLoader}: uses the shared HTTP toolkit. */
    public MdblistAuthProvider() {
        this(null);
    }

    /** Tests pass their own toolkit; {@code null} means the shared one, looked up per call. */
    MdblistAuthProvider(HttpToolkit toolkit) {
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
        if (!cfg.has(API_KEY)) {
            return AuthStatus.notConnected("no API key; run 'crosswatch connect mdblist' with the key from " + KEY_PAGE);
        }
        try {
            return connected(lookUpUser(context, cfg, cfg.require(API_KEY)));
        } catch (AuthException e) {
            return new AuthStatus(AuthStatus.State.EXPIRED, null, null, e.getMessage());
        } catch (ProviderException e) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, null, null, e.getMessage());
        }
    }

    /**
     * Validates the key in {@code payload.apiKey} with MDBList and stores it; the returned step
     * has already expired, since nothing waits for the user.
     */
    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        String key = payload == null ? null : payload.get(API_KEY);
        if (key == null || key.isBlank()) {
            throw new ConfigException(context.config().path() + "." + API_KEY,
                    "pass the MDBList API key as payload 'apiKey' (copy it from " + KEY_PAGE + ")");
        }
        key = key.strip();
        User user = lookUpUser(context, context.config(), key);
        context.store().update(Map.of(API_KEY, key));
        return new AuthStep(null, null, context.clock().instant(), null, Map.of(),
                "MDBList API key accepted" + user.describe());
    }

    /** The key was stored by {@link #start}; reports the verified status. */
    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        if (!context.config().has(API_KEY) && payload != null && payload.containsKey(API_KEY)) {
            start(context, payload);
        }
        return status(context);
    }

    /** MDBList keys cannot be revoked through the API; the key is removed locally. */
    @Override
    public void disconnect(ProviderContext context) {
        Map<String, Object> clear = new HashMap<>();
        clear.put(API_KEY, null);
        context.store().update(clear);
    }

    private User lookUpUser(ProviderContext context, ProviderConfig cfg, String key) {
        ServiceClient client = (toolkit != null ? toolkit : HttpToolkit.shared()).client(NAME)
                .baseUrl(cfg.baseUrl(DEFAULT_BASE_URL))
                // MDBList counts per API key, i.e. per instance.
                .rateLimit(RateLimitPolicy.split(RateLimit.perSecond(10), RateLimit.perSecond(1)), RateLimitScope.ACCOUNT)
                .retry(RetryPolicy.defaults().withMaxAttempts(3))
                .context(context)
                .build();
        ServiceResponse r = client.request("GET", "/user").query("apikey", key).withoutAuth()
                .allowStatus(401, 403).send();
        JsonNode body = r.json();
        String error = body.path("error").asText("");
        if (r.status() == 401 || r.status() == 403 || !error.isBlank()) {
            throw new AuthException(NAME, "MDBList refused the API key (GET /user answered HTTP " + r.status()
                    + "); copy a valid key from " + KEY_PAGE);
        }
        JsonNode limits = body.path("limits");
        String name = firstText(body, "username", "user_name", "name");
        OptionalLong quota = limits.path("api_requests").canConvertToLong()
                ? OptionalLong.of(limits.path("api_requests").asLong()) : OptionalLong.empty();
        OptionalLong remaining = r.headerLong("X-RateLimit-Remaining");
        return new User(name, limits.path("supporter").asBoolean(false), quota, remaining);
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = node.path(f).asText("");
            if (!v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static AuthStatus connected(User user) {
        return new AuthStatus(AuthStatus.State.CONNECTED, user.name(), null, "MDBList" + user.describe());
    }

    /** What {@code GET /user} says about the account. */
    private record User(String name, boolean supporter, OptionalLong dailyQuota, OptionalLong remaining) {
        String describe() {
            StringBuilder sb = new StringBuilder();
            if (name != null) {
                sb.append(" as ").append(name);
            }
            sb.append(supporter ? " (supporter" : " (free account");
            dailyQuota.ifPresent(q -> sb.append(", ").append(q).append(" API requests per day"));
            remaining.ifPresent(q -> sb.append(", ").append(q).append(" left"));
            return sb.append(')').toString();
        }
    }

    @Override
    public String toString() {
        return "MdblistAuthProvider";
    }
}
