package io.crosswatch.providers.auth.plex;

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
import io.crosswatch.core.http.Pause;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Connects a Plex account: a strong PIN approved at {@code app.plex.tv/auth} (or a pasted
 * account token), then the Plex Home user to sync (config {@code homeUser}) and a Plex Media
 * Server with a working connection. Persists {@code token}, {@code userToken},
 * {@code serverUrl}, {@code serverToken}, {@code serverId} and {@code serverName} in the
 * {@code plex} block, and {@code clientIdentifier} (generated once) which plex.tv ties PINs
 * and tokens to.
 *
 * <p>Classic Plex tokens do not expire; {@link #refresh} re-reads the server's access token
 * and connection from plex.tv (what a server answering {@code 401} needs).
 *
 * @since 0.1
 */
public final class PlexAuthProvider implements AuthProvider {

    /** The provider (and config block) name. */
    public static final String NAME = "plex";

    private static final String DEFAULT_AUTH_URL = "https://app.plex.tv/auth";
    private static final String STATE_PIN_ID = "pinId";
    private static final String STATE_EXPIRES_AT = "expiresAt";
    private static final String PAYLOAD_TOKEN = "token";
    private static final String PAYLOAD_HOME_PIN = "homeUserPin";

    /** Does no work; everything arrives in the context of each call. */
    public PlexAuthProvider() {
    }

    @Override
    public AuthManifest manifest() {
        return AuthManifest.builder(NAME, ApiVersion.CURRENT)
                .label("Plex")
                .flow(AuthFlow.PIN)
                .field(PlexKeys.TOKEN, "optional: a Plex account token to paste instead of approving a PIN")
                .field(PlexKeys.HOME_USER, "optional: the Plex Home user whose state is synced (title or username)")
                .field(PlexKeys.SERVER, "optional: the server to use (name or machine identifier)")
                .field(PlexKeys.SERVER_URL, "optional: the server URL; found through plex.tv when absent")
                .version("0.1")
                .website("https://www.plex.tv")
                .build();
    }

    @Override
    public Set<AuthCapability> capabilities() {
        return Set.of(AuthCapability.VERIFY, AuthCapability.REFRESH, AuthCapability.MULTIPLE_ACCOUNTS);
    }

    @Override
    public AuthStatus status(ProviderContext context) {
        ProviderConfig cfg = context.config();
        Optional<String> token = cfg.string(PlexKeys.TOKEN);
        if (token.isEmpty()) {
            return AuthStatus.notConnected("no Plex token; run 'crosswatch connect plex'");
        }
        try {
            ensureClientId(context);
            Optional<JsonNode> user = new PlexTvClient(context).user(token.get());
            if (user.isEmpty()) {
                return new AuthStatus(AuthStatus.State.EXPIRED, null, null,
                        "plex.tv refused the token (HTTP 401): it was revoked; run 'crosswatch connect plex'");
            }
            return connected(user.get(), context.config());
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, null, null, "could not check the Plex token: " + e.getMessage());
        }
    }

    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        ensureClientId(context);
        PlexTvClient plexTv = new PlexTvClient(context);
        Instant now = context.clock().instant();
        String pasted = payload == null ? null : payload.get(PAYLOAD_TOKEN);
        if (pasted != null && !pasted.isBlank()) {
            acceptToken(context, plexTv, pasted.trim());
            return new AuthStep(null, null, now, Duration.ofSeconds(1), Map.of(),
                    "Token accepted; finish connects the server");
        }
        PlexTvClient.Pin pin = plexTv.createPin(now);
        ProviderConfig cfg = context.config();
        String product = cfg.string(PlexKeys.PRODUCT).orElse(PlexTvClient.DEFAULT_PRODUCT);
        String url = cfg.url(PlexKeys.AUTH_URL, DEFAULT_AUTH_URL) + "#?clientID=" + encode(cfg.require(PlexKeys.CLIENT_ID))
                + "&code=" + encode(pin.code()) + "&context%5Bdevice%5D%5Bproduct%5D=" + encode(product);
        return new AuthStep(null, url, pin.expiresAt(), pollInterval(cfg),
                Map.of(STATE_PIN_ID, Long.toString(pin.id()), STATE_EXPIRES_AT, pin.expiresAt().toString()),
                "Open the link, sign in to Plex and allow " + product);
    }

    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        Map<String, String> p = payload == null ? Map.of() : payload;
        ensureClientId(context);
        PlexTvClient plexTv = new PlexTvClient(context);
        if (p.containsKey(STATE_PIN_ID)) {
            String token = awaitPin(context, plexTv, p);
            context.store().update(Map.of(PlexKeys.TOKEN, token));
        } else if (p.get(PAYLOAD_TOKEN) != null && !p.get(PAYLOAD_TOKEN).isBlank()) {
            acceptToken(context, plexTv, p.get(PAYLOAD_TOKEN).trim());
        }
        String token = context.config().string(PlexKeys.TOKEN).orElseThrow(() -> new AuthException(NAME,
                "nothing to finish: no PIN was started and no token is configured; run 'crosswatch connect plex'"));
        JsonNode user = plexTv.user(token).orElseThrow(() -> new AuthException(NAME,
                "plex.tv refused the new token (HTTP 401); run 'crosswatch connect plex' again"));
        Optional<PlexServerDiscovery.Choice> server = connectServer(context, plexTv, p.get(PAYLOAD_HOME_PIN), false);
        AuthStatus status = connected(user, context.config());
        return server.isPresent() ? status : new AuthStatus(AuthStatus.State.CONNECTED, status.account(), null,
                "no Plex Media Server answered; only the watchlist can be synced until one does "
                        + "(set serverUrl or check the server)");
    }

    /**
     * Re-reads the server's access token and connection from plex.tv with the stored account
     * token (a server that answers {@code 401} gets a new token this way).
     */
    @Override
    public AuthStatus refresh(ProviderContext context) {
        if (context.config().string(PlexKeys.TOKEN).isEmpty()) {
            return status(context);
        }
        ensureClientId(context);
        PlexTvClient plexTv = new PlexTvClient(context);
        String token = context.config().require(PlexKeys.TOKEN);
        if (plexTv.user(token).isEmpty()) {
            return new AuthStatus(AuthStatus.State.EXPIRED, null, null,
                    "plex.tv refused the token (HTTP 401): it was revoked; run 'crosswatch connect plex'");
        }
        connectServer(context, plexTv, null, true);
        return status(context);
    }

    /** Forgets every token locally; classic Plex tokens have no revoke endpoint. */
    @Override
    public void disconnect(ProviderContext context) {
        Map<String, Object> clear = new HashMap<>();
        clear.put(PlexKeys.TOKEN, null);
        clear.put(PlexKeys.USER_TOKEN, null);
        clear.put(PlexKeys.SERVER_TOKEN, null);
        context.store().update(clear);
    }

    @Override
    public String toString() {
        return "PlexAuthProvider";
    }

    // ---------------------------------------------------------------- steps

    private static void acceptToken(ProviderContext context, PlexTvClient plexTv, String token) {
        if (plexTv.user(token).isEmpty()) {
            throw new AuthException(NAME, "plex.tv refused the pasted token (HTTP 401); copy a current one or use the PIN flow");
        }
        context.store().update(Map.of(PlexKeys.TOKEN, token));
    }

    private static String awaitPin(ProviderContext context, PlexTvClient plexTv, Map<String, String> state) {
        long id;
        try {
            id = Long.parseLong(state.get(STATE_PIN_ID).trim());
        } catch (NumberFormatException e) {
            throw new AuthException(NAME, "the PIN id to finish is not a number; run 'crosswatch connect plex' again");
        }
        Instant expiresAt = parseInstant(state.get(STATE_EXPIRES_AT));
        Duration interval = pollInterval(context.config());
        while (true) {
            context.cancellation().throwIfCancelled();
            Instant now = context.clock().instant();
            PlexTvClient.Pin pin = plexTv.pollPin(id, now, expiresAt).orElseThrow(() -> new AuthException(NAME,
                    "the Plex PIN expired or is unknown to plex.tv; run 'crosswatch connect plex' again"));
            if (pin.token().isPresent()) {
                return pin.token().get();
            }
            expiresAt = pin.expiresAt();
            if (!now.plus(interval).isBefore(expiresAt)) {
                throw new AuthException(NAME, "the Plex PIN expired at " + expiresAt
                        + " before it was approved; run 'crosswatch connect plex' again");
            }
            Pause.sleep(context, interval, "plex: the PIN to be approved");
        }
    }

    /**
     * Selects the home user (when configured) and a server, and persists what was chosen.
     *
     * @param reuseUserToken keep a stored home-user token instead of switching again (a refresh
     *                       has no PIN for a protected user)
     * @return the server, or empty when none answers (the watchlist still works)
     */
    private static Optional<PlexServerDiscovery.Choice> connectServer(ProviderContext context, PlexTvClient plexTv,
                                                                      String homePin, boolean reuseUserToken) {
        ProviderConfig cfg = context.config();
        String accountToken = cfg.require(PlexKeys.TOKEN);
        Optional<String> stored = cfg.has(PlexKeys.HOME_USER) ? cfg.string(PlexKeys.USER_TOKEN) : Optional.empty();
        String userToken = reuseUserToken && stored.isPresent() ? stored.get()
                : new PlexHomeUsers(plexTv).tokenFor(cfg, accountToken, homePin);
        Map<String, Object> changes = new HashMap<>();
        changes.put(PlexKeys.USER_TOKEN, userToken);
        String resourcesToken = userToken == null ? accountToken : userToken;
        String preferred = cfg.string(PlexKeys.SERVER).orElse(null);
        java.util.List<PlexServerDiscovery.Server> servers =
                PlexServerDiscovery.servers(plexTv.resources(resourcesToken), preferred);
        if (servers.isEmpty() && preferred != null) {
            throw new ConfigException(cfg.path() + "." + PlexKeys.SERVER, "no server named '" + preferred
                    + "' is available to this Plex account");
        }
        Optional<String> pinned = cfg.string(PlexKeys.SERVER_URL);
        Optional<PlexServerDiscovery.Choice> choice = Optional.empty();
        PlexServerDiscovery discovery = new PlexServerDiscovery(context);
        if (pinned.isPresent() && !servers.isEmpty()) {
            // A configured URL (a LAN address plex.tv does not list) is tried first with the server's token.
            PlexServerDiscovery.Server first = servers.get(0);
            choice = discovery.choose(java.util.List.of(new PlexServerDiscovery.Server(first.name(), first.machineId(),
                    first.accessToken(), first.owned(), java.util.List.of(pinned.get()))));
        }
        if (choice.isEmpty()) {
            choice = discovery.choose(servers);
        }
        choice.ifPresent(c -> {
            changes.put(PlexKeys.SERVER_URL, c.url());
            changes.put(PlexKeys.SERVER_TOKEN, c.accessToken());
            changes.put(PlexKeys.SERVER_ID, c.machineId());
            changes.put(PlexKeys.SERVER_NAME, c.name());
        });
        context.store().update(changes);
        return choice;
    }

    // ---------------------------------------------------------------- helpers

    private static AuthStatus connected(JsonNode user, ProviderConfig cfg) {
        String username = user.path("username").asText("");
        String account = username.isBlank() ? user.path("title").asText(user.path("email").asText("plex user")) : username;
        String as = cfg.string(PlexKeys.HOME_USER).map(h -> account + " (home user " + h + ")").orElse(account);
        String server = cfg.string(PlexKeys.SERVER_NAME).map(n -> "server " + n).orElse(null);
        return new AuthStatus(AuthStatus.State.CONNECTED, as, null, server);
    }

    private static void ensureClientId(ProviderContext context) {
        if (context.config().string(PlexKeys.CLIENT_ID).isEmpty()) {
            context.store().update(Map.of(PlexKeys.CLIENT_ID, UUID.randomUUID().toString()));
        }
    }

    private static Duration pollInterval(ProviderConfig cfg) {
        return Duration.ofSeconds(Math.max(1, cfg.number(PlexKeys.PIN_POLL_SECONDS, 2)));
    }

    private static Instant parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
