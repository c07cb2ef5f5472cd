package io.crosswatch.providers.auth.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Plex Home: finds the configured {@code homeUser} among {@code /api/v2/home/users} and
 * switches to it ({@code POST /api/home/users/{id}/switch}, with the PIN of a protected user),
 * which yields that user's own plex.tv token. Server state (watched, ratings, playlists)
 * follows the token, so the server token must then come from that user's resources.
 */
final class PlexHomeUsers {

    private final PlexTvClient plexTv;

    PlexHomeUsers(PlexTvClient plexTv) {
        this.plexTv = plexTv;
    }

    /**
     * @param cfg          the configuration ({@code homeUser})
     * @param accountToken the signed-in account's token
     * @param pin          the home user's PIN when protected, may be {@code null}
     * @return the home user's token, or {@code null} when no home user is configured or it is
     *         the account itself (the admin)
     */
    String tokenFor(ProviderConfig cfg, String accountToken, String pin) {
        String wanted = cfg.string(PlexKeys.HOME_USER).orElse(null);
        if (wanted == null) {
            return null;
        }
        JsonNode users = plexTv.homeUsers(accountToken);
        List<String> known = new ArrayList<>();
        for (JsonNode u : users) {
            String title = u.path("title").asText("");
            known.add(title);
            if (!matches(u, wanted)) {
                continue;
            }
            if (u.path("admin").asBoolean(false)) {
                return null; // the admin is the signed-in account: its own token reads its state
            }
            if (u.path("protected").asBoolean(false) && (pin == null || pin.isBlank())) {
                throw new ConfigException(cfg.path() + "." + PlexKeys.HOME_USER, "home user '" + title
                        + "' is protected by a PIN; pass it as homeUserPin when connecting");
            }
            return plexTv.switchHomeUser(accountToken, u.path("id").asText(), pin);
        }
        throw new ConfigException(cfg.path() + "." + PlexKeys.HOME_USER, "no Plex Home user '" + wanted
                + "'; the home has " + known);
    }

    private static boolean matches(JsonNode user, String wanted) {
        for (String field : new String[] {"title", "username", "id", "uuid"}) {
            String v = user.path(field).asText("");
            if (!v.isBlank() && v.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }
}
