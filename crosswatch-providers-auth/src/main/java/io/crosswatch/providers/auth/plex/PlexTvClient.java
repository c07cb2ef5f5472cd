package io.crosswatch.providers.auth.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.Query;
import io.crosswatch.core.http.ServiceClient;
import io.crosswatch.core.http.ServiceResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plex.tv account endpoints: PINs, the user, resources and Plex Home users. Every call
 * sends the client identifier, product and version headers and {@code Accept: application/json}
 * (the toolkit adds it; plex.tv answers XML without it).
 */
final class PlexTvClient {

    static final String DEFAULT_PLEX_TV = "https://plex.tv";
    static final String DEFAULT_PRODUCT = "CrossWatch";
    static final String VERSION = "0.1";

    /** Used when plex.tv states no expiry; link PINs live about 15 minutes. */
    private static final Duration DEFAULT_PIN_LIFETIME = Duration.ofMinutes(15);
    private static final Pattern XML_AUTH_TOKEN = Pattern.compile("authenticationToken=\"([^\"]+)\"");

    private final ServiceClient http;

    PlexTvClient(ProviderContext context) {
        this.http = HttpToolkit.shared().client("plex")
                .baseUrl(context.config().baseUrl(DEFAULT_PLEX_TV))
                .header("X-Plex-Client-Identifier", cfg -> cfg.require(PlexKeys.CLIENT_ID))
                .header("X-Plex-Product", cfg -> cfg.string(PlexKeys.PRODUCT).orElse(DEFAULT_PRODUCT))
                .header("X-Plex-Version", VERSION)
                .header("X-Plex-Platform", "Java")
                .auth(AuthScheme.header("X-Plex-Token", cfg -> cfg.require(PlexKeys.TOKEN)))
                .context(context)
                .build();
    }

    /** A PIN as plex.tv reports it. */
    record Pin(long id, String code, Instant expiresAt, String authToken) {
        Optional<String> token() {
            return authToken == null || authToken.isBlank() ? Optional.empty() : Optional.of(authToken);
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "Pin[" + id + " expires " + expiresAt + (token().isPresent() ? " approved" : " pending") + "]";
        }
    }

    /** {@code POST /api/v2/pins?strong=true}: a PIN approved in the browser through app.plex.tv/auth. */
    Pin createPin(Instant now) {
        JsonNode body = http.request("POST", "/api/v2/pins").query("strong", "true").withoutAuth().json();
        Pin pin = pin(body, now, null);
        if (pin.id() <= 0 || pin.code() == null) {
            throw new ProviderException("plex", false, "POST /api/v2/pins returned no PIN id or code");
        }
        return pin;
    }

    /** {@code GET /api/v2/pins/{id}}: empty when plex.tv no longer knows the PIN (expired). */
    Optional<Pin> pollPin(long id, Instant now, Instant knownExpiry) {
        ServiceResponse r = http.request("GET", "/api/v2/pins/" + id).withoutAuth().allowStatus(404).send();
        if (r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(pin(r.json(), now, knownExpiry));
    }

    /** {@code GET /api/v2/user} with {@code token}: empty when plex.tv refuses the token (401). */
    Optional<JsonNode> user(String token) {
        ServiceResponse r = http.request("GET", "/api/v2/user").withoutAuth().header("X-Plex-Token", token)
                .allowStatus(401).send();
        return r.status() == 401 ? Optional.empty() : Optional.of(r.json());
    }

    /** {@code GET /api/v2/resources?includeHttps=1&includeRelay=1} with {@code token}: devices, servers among them. */
    JsonNode resources(String token) {
        JsonNode body = http.request("GET", "/api/v2/resources")
                .query(Query.of("includeHttps", 1, "includeRelay", 1))
                .withoutAuth().header("X-Plex-Token", token).json();
        if (!body.isArray()) {
            throw new ProviderException("plex", false, "GET /api/v2/resources did not return a JSON array of devices");
        }
        return body;
    }

    /** {@code GET /api/v2/home/users} with {@code token}: the Plex Home members (a list, or {@code {"users": [...]}}). */
    JsonNode homeUsers(String token) {
        JsonNode body = http.request("GET", "/api/v2/home/users").withoutAuth().header("X-Plex-Token", token).json();
        if (body.isArray()) {
            return body;
        }
        JsonNode users = body.path("users");
        if (users.isArray()) {
            return users;
        }
        throw new ProviderException("plex", false, "GET /api/v2/home/users returned no list of users");
    }

    /**
     * {@code POST /api/home/users/{id}/switch[?pin=…]}: the home user's own plex.tv token. The
     * legacy endpoint may answer XML ({@code authenticationToken="…"}) even when JSON is asked for.
     */
    String switchHomeUser(String adminToken, String userId, String pin) {
        ServiceResponse r = http.request("POST", "/api/home/users/" + userId + "/switch")
                .query("pin", pin).withoutAuth().header("X-Plex-Token", adminToken).send();
        String text = r.bodyText().trim();
        if (text.startsWith("{")) {
            JsonNode json = r.json();
            for (String field : new String[] {"authToken", "authenticationToken"}) {
                String t = json.path(field).asText("");
                if (!t.isBlank()) {
                    return t;
                }
            }
        } else {
            Matcher m = XML_AUTH_TOKEN.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new ProviderException("plex", r.status(), false, r.endpoint()
                + " returned no token for the home user; check homeUser and its PIN", null);
    }

    private static Pin pin(JsonNode body, Instant now, Instant knownExpiry) {
        long id = body.path("id").asLong(0);
        String code = body.path("code").isTextual() ? body.path("code").asText() : null;
        String token = body.path("authToken").isTextual() ? body.path("authToken").asText() : null;
        // The expiry is fixed when the PIN is created, from expiresIn on our own clock: plex.tv's
        // clock may differ from ours, and later polls must not move it.
        Instant expiresAt = knownExpiry;
        if (expiresAt == null) {
            long expiresIn = body.path("expiresIn").asLong(0);
            if (expiresIn > 0) {
                expiresAt = now.plusSeconds(expiresIn);
            } else if (body.path("expiresAt").isTextual()) {
                try {
                    expiresAt = Instant.parse(body.path("expiresAt").asText());
                } catch (DateTimeParseException e) {
                    expiresAt = null;
                }
            }
        }
        return new Pin(id, code, expiresAt == null ? now.plus(DEFAULT_PIN_LIFETIME) : expiresAt, token);
    }
}
