package io.crosswatch.providers.auth.jellyfin;

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
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RetryPolicy;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;

import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Signs in to a Jellyfin or Emby server, the two servers sharing one REST API since Jellyfin
 * forked from Emby. Two ways in:
 * <ul>
 *   <li>username and password: {@code POST /Users/AuthenticateByName}; the access token and the
 *       user id are saved, the password never is;</li>
 *   <li>an API key made by an admin, plus the user to act for, picked by name from
 *       {@code GET /Users} (an API key has no user of its own).</li>
 * </ul>
 * The {@code DeviceId} sent with every call is generated once and saved: the server revokes a
 * user's previous token when the same device logs in again, so it must stay stable per install.
 *
 * <p>Config keys: {@code baseUrl} (required), {@code username}, {@code userId},
 * {@code accessToken} or {@code apiKey}, {@code deviceId}, {@code deviceName},
 * {@code serverVersion}, {@code serverId}.
 */
abstract class MediaBrowserAuthProvider implements AuthProvider {

    static final String BASE_URL = "baseUrl";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String USER_ID = "userId";
    static final String ACCESS_TOKEN = "accessToken";
    static final String API_KEY = "apiKey";
    static final String DEVICE_ID = "deviceId";
    static final String DEVICE_NAME = "deviceName";
    static final String SERVER_VERSION = "serverVersion";
    static final String SERVER_ID = "serverId";
    static final String DEFAULT_DEVICE_NAME = "CrossWatch";

    private static final System.Logger LOG = System.getLogger(MediaBrowserAuthProvider.class.getName());

    private final ServerFlavor flavor;

    MediaBrowserAuthProvider(ServerFlavor flavor) {
        this.flavor = flavor;
    }

    @Override
    public AuthManifest manifest() {
        return AuthManifest.builder(flavor.provider(), ApiVersion.CURRENT)
                .label(flavor.label())
                .flow(AuthFlow.PASSWORD)
                .field(BASE_URL, "the server URL, e.g. http://192.168.1.5:8096 (include any reverse-proxy base path)")
                .field(USERNAME, "the user to sign in as (with an API key: the user to act for)")
                .field(PASSWORD, "the user's password; used once to sign in and never stored")
                .field(API_KEY, "optional instead of a password: an API key from the server dashboard")
                .field(DEVICE_NAME, "optional: the device name the server shows (default CrossWatch)")
                .version(ServerFlavor.CLIENT_VERSION)
                .website(flavor.website())
                .build();
    }

    @Override
    public Set<AuthCapability> capabilities() {
        return EnumSet.of(AuthCapability.VERIFY, AuthCapability.REVOKE, AuthCapability.MULTIPLE_ACCOUNTS);
    }

    @Override
    public AuthStatus status(ProviderContext context) {
        ProviderConfig cfg = context.config();
        if (!cfg.has(BASE_URL)) {
            return AuthStatus.notConnected("set " + cfg.path() + "." + BASE_URL + " to the server URL and connect");
        }
        if (token(cfg).isEmpty() || !cfg.has(USER_ID)) {
            return AuthStatus.notConnected("not signed in; run 'crosswatch connect " + flavor.provider() + "'");
        }
        try {
            ServiceResponse r = client(context, cfg.baseUrl(null)).request("GET", "/Users/" + cfg.require(USER_ID))
                    .allowStatus(401, 403, 404).send();
            if (r.status() == 401 || r.status() == 403) {
                return new AuthStatus(AuthStatus.State.EXPIRED, cfg.string(USERNAME).orElse(null), null,
                        "the server refused the saved credentials (HTTP " + r.status()
                                + "; revoked or a new login on this device?); run 'crosswatch connect " + flavor.provider() + "'");
            }
            if (r.status() == 404) {
                return new AuthStatus(AuthStatus.State.EXPIRED, null, null, "the saved user id is unknown to the server; "
                        + "run 'crosswatch connect " + flavor.provider() + "'");
            }
            return AuthStatus.connected(r.json().path("Name").asText(cfg.string(USERNAME).orElse(null)), null);
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, cfg.string(USERNAME).orElse(null), null,
                    "could not check the connection: " + e.getMessage());
        }
    }

    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        String account = connect(context, payload);
        return new AuthStep(null, null, context.clock().instant(), null, Map.of(),
                "Signed in to " + flavor.label() + " as " + account + ".");
    }

    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        ProviderConfig cfg = context.config();
        boolean signedIn = token(cfg).isPresent() && cfg.has(USER_ID);
        if (!signedIn && (payload.containsKey(PASSWORD) || payload.containsKey(API_KEY))) {
            connect(context, payload);
        }
        return status(context);
    }

    @Override
    public void disconnect(ProviderContext context) {
        ProviderConfig cfg = context.config();
        try {
            // Only a login session is ended at the server: an API key belongs to the admin who made it.
            if (cfg.has(ACCESS_TOKEN) && cfg.has(BASE_URL)) {
                client(context, cfg.baseUrl(null)).request("POST", "/Sessions/Logout").retry(RetryPolicy.none()).send();
            }
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: logging out at the server failed ({1}); the local credentials are "
                    + "cleared anyway", flavor.provider(), e.getMessage());
        } finally {
            Map<String, Object> clear = new LinkedHashMap<>();
            clear.put(ACCESS_TOKEN, null);
            clear.put(API_KEY, null);
            clear.put(USER_ID, null);
            context.store().update(clear);
        }
    }

    /** Signs in with the payload and persists the result; returns the account name. */
    private String connect(ProviderContext context, Map<String, String> payload) {
        ProviderConfig cfg = context.config();
        String baseText = blankToNull(payload.get(BASE_URL));
        URI baseUrl = baseText != null ? cfg.with(Map.of(BASE_URL, baseText)).baseUrl(null) : cfg.url(BASE_URL, null);
        String username = Optional.ofNullable(blankToNull(payload.get(USERNAME))).or(() -> cfg.string(USERNAME)).orElse(null);
        String deviceId = cfg.string(DEVICE_ID).orElseGet(() -> UUID.randomUUID().toString());
        String deviceName = cfg.string(DEVICE_NAME).orElse(DEFAULT_DEVICE_NAME);
        ServiceClient client = client(context, baseUrl);

        JsonNode info = client.request("GET", "/System/Info/Public").withoutAuth().json();
        checkFlavor(info);

        Map<String, Object> saved = new LinkedHashMap<>();
        String apiKey = blankToNull(payload.get(API_KEY));
        if (apiKey != null) {
            JsonNode user = pickUser(client, flavor.headers(deviceName, deviceId, apiKey), username);
            saved.put(API_KEY, apiKey);
            saved.put(ACCESS_TOKEN, null);
            saved.put(USER_ID, user.path("Id").asText());
            saved.put(USERNAME, user.path("Name").asText());
        } else if (payload.containsKey(PASSWORD)) {
            if (username == null) {
                throw new ConfigException(cfg.path() + "." + USERNAME, "is required to sign in with a password");
            }
            JsonNode result = login(client, flavor.headers(deviceName, deviceId, null), username, payload.get(PASSWORD));
            String token = result.path("AccessToken").asText("");
            String userId = result.path("User").path("Id").asText("");
            if (token.isBlank() || userId.isBlank()) {
                throw new AuthException(flavor.provider(), "the server accepted the login but sent no access token or "
                        + "user id; is " + BASE_URL + " really a " + flavor.label() + " server?");
            }
            saved.put(ACCESS_TOKEN, token);
            saved.put(API_KEY, null);
            saved.put(USER_ID, userId);
            saved.put(USERNAME, result.path("User").path("Name").asText(username));
            if (result.hasNonNull("ServerId")) {
                saved.put(SERVER_ID, result.path("ServerId").asText());
            }
        } else {
            throw new ConfigException(cfg.path(), "connecting " + flavor.label() + " needs '" + USERNAME + "' and '"
                    + PASSWORD + "', or '" + API_KEY + "' (and '" + USERNAME + "' when the server has several users)");
        }
        if (baseText != null) {
            saved.put(BASE_URL, baseUrl.toString());
        }
        saved.put(DEVICE_ID, deviceId);
        if (info.hasNonNull("Version")) {
            saved.put(SERVER_VERSION, info.path("Version").asText());
        }
        context.store().update(saved);
        return String.valueOf(saved.get(USERNAME));
    }

    private JsonNode login(ServiceClient client, Map<String, String> headers, String username, String password) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("Username", username);
        body.put("Pw", password == null ? "" : password);
        var request = client.request("POST", "/Users/AuthenticateByName").withoutAuth().json(body).allowStatus(400, 401, 403);
        headers.forEach(request::header);
        ServiceResponse r = request.send();
        if (r.status() == 401 || r.status() == 400) {
            throw new AuthException(flavor.provider(), "the server refused the login of user '" + username + "' (HTTP "
                    + r.status() + "): check the username and password; nothing was saved");
        }
        if (r.status() == 403) {
            throw new AuthException(flavor.provider(), "user '" + username + "' may not sign in (HTTP 403: disabled or "
                    + "locked out); nothing was saved");
        }
        return r.json();
    }

    private JsonNode pickUser(ServiceClient client, Map<String, String> headers, String username) {
        var request = client.request("GET", "/Users").withoutAuth().allowStatus(401, 403);
        headers.forEach(request::header);
        ServiceResponse r = request.send();
        if (r.status() == 401 || r.status() == 403) {
            throw new AuthException(flavor.provider(), "the server refused the API key (HTTP " + r.status()
                    + "); create one in the dashboard (API Keys); nothing was saved");
        }
        JsonNode users = r.json();
        if (!users.isArray() || users.isEmpty()) {
            throw new AuthException(flavor.provider(), "GET /Users listed no users for the API key; nothing was saved");
        }
        if (username == null) {
            if (users.size() == 1) {
                return users.get(0);
            }
            throw new ConfigException(USERNAME, "the server has " + users.size() + " users; say which one to act for ("
                    + names(users) + ")");
        }
        for (JsonNode u : users) {
            if (u.path("Name").asText("").equalsIgnoreCase(username) || u.path("Id").asText("").equalsIgnoreCase(username)) {
                return u;
            }
        }
        throw new ConfigException(USERNAME, "no user '" + username + "' on the server; users: " + names(users));
    }

    private void checkFlavor(JsonNode info) {
        boolean jellyfin = info.path("ProductName").asText("").toLowerCase(Locale.ROOT).contains("jellyfin");
        if (flavor == ServerFlavor.JELLYFIN && !jellyfin && info.path("Version").asText("").startsWith("4.")) {
            LOG.log(System.Logger.Level.WARNING, "jellyfin: the server looks like Emby (version {0}, no ProductName); "
                    + "use the 'emby' provider for it", info.path("Version").asText());
        } else if (flavor == ServerFlavor.EMBY && jellyfin) {
            LOG.log(System.Logger.Level.WARNING, "emby: the server says it is Jellyfin; use the 'jellyfin' provider for it");
        }
    }

    private static String names(JsonNode users) {
        List<String> names = new java.util.ArrayList<>();
        users.forEach(u -> names.add(u.path("Name").asText("?")));
        return String.join(", ", names);
    }

    private ServiceClient client(ProviderContext context, URI baseUrl) {
        return HttpToolkit.shared().client(flavor.provider())
                .baseUrl(flavor.apiRoot(baseUrl))
                .auth(cfg -> flavor.headers(cfg.string(DEVICE_NAME).orElse(DEFAULT_DEVICE_NAME),
                        cfg.string(DEVICE_ID).orElse(DEFAULT_DEVICE_NAME),
                        token(cfg).orElseThrow(() -> new AuthException(flavor.provider(), "not signed in; run 'crosswatch "
                                + "connect " + flavor.provider() + "'"))))
                .context(context)
                .build();
    }

    /** The credential requests carry: the login's access token, else the API key. */
    static Optional<String> token(ProviderConfig cfg) {
        return cfg.string(ACCESS_TOKEN).or(() -> cfg.string(API_KEY));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
