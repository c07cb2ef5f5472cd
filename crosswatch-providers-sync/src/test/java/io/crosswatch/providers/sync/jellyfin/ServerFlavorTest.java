package io.crosswatch.providers.sync.jellyfin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerFlavorTest {

    @Test
    void userlessRoutesFromJellyfin10_9Only() {
        assertFalse(ServerFlavor.JELLYFIN.hasUserlessRoutes("10.8.13"));
        assertTrue(ServerFlavor.JELLYFIN.hasUserlessRoutes("10.9.0"));
        assertTrue(ServerFlavor.JELLYFIN.hasUserlessRoutes("10.11.2"));
        assertTrue(ServerFlavor.JELLYFIN.hasUserlessRoutes("12.0.0"));
        assertFalse(ServerFlavor.JELLYFIN.hasUserlessRoutes("unstable"));
        assertFalse(ServerFlavor.JELLYFIN.hasUserlessRoutes(null));
        assertFalse(ServerFlavor.EMBY.hasUserlessRoutes("4.8.10.0"));
    }

    @Test
    void embyPrefixIsAddedOnceAndJellyfinKeepsItsBasePath() {
        assertEquals("http://h:8096/emby", ServerFlavor.EMBY.apiRoot(URI.create("http://h:8096")));
        assertEquals("http://h:8096/emby", ServerFlavor.EMBY.apiRoot(URI.create("http://h:8096/emby")));
        assertEquals("https://h/jellyfin", ServerFlavor.JELLYFIN.apiRoot(URI.create("https://h/jellyfin")));
    }

    @Test
    void headersPerFlavour() {
        Map<String, String> jf = ServerFlavor.JELLYFIN.headers("Box", "dev-1", "tok");
        assertEquals("MediaBrowser Client=\"CrossWatch\", Device=\"Box\", DeviceId=\"dev-1\", Version=\"0.1.0\", Token=\"tok\"",
                jf.get("Authorization"));
        assertEquals(1, jf.size(), "Jellyfin 12 turns the legacy X-Emby headers off");
        Map<String, String> emby = ServerFlavor.EMBY.headers("Box", "dev-1", "tok");
        assertEquals(emby.get("Authorization"), emby.get("X-Emby-Authorization"));
        assertEquals("tok", emby.get("X-Emby-Token"));
    }

    @Test
    void playedDates() {
        Instant t = Instant.parse("2024-11-02T20:15:31Z");
        assertEquals("2024-11-02T20:15:31Z", ServerFlavor.JELLYFIN.datePlayed(t));
        assertEquals("20241102201531", ServerFlavor.EMBY.datePlayed(t));
        assertEquals(t, LibraryItem.parseDate("2024-11-02T20:15:31.0000000Z"));
        assertEquals(t, LibraryItem.parseDate("2024-11-02T20:15:31.0000000+00:00"));
        assertEquals(t, LibraryItem.parseDate("2024-11-02T20:15:31"));
        assertNull(LibraryItem.parseDate("yesterday"));
    }

    @Test
    void settings() {
        ConnectorSettings d = ConnectorSettings.parse(ProviderConfig.empty("jellyfin"));
        assertNull(d.watchlistPlaylist());
        assertEquals(200, d.pageSize());
        ConnectorSettings p = ConnectorSettings.parse(ProviderConfig.of("jellyfin", "default",
                Map.of("watchlist", "playlist: To Watch", "libraries", List.of("Movies", " "), "pageSize", 50)));
        assertEquals("To Watch", p.watchlistPlaylist());
        assertEquals(List.of("Movies"), p.libraries());
        ConfigException e = assertThrows(ConfigException.class, () -> ConnectorSettings.parse(
                ProviderConfig.of("jellyfin", "default", Map.of("watchlist", "collection"))));
        assertTrue(e.getMessage().contains("$.providers.jellyfin.watchlist"), e.getMessage());
        assertThrows(ConfigException.class, () -> ConnectorSettings.parse(
                ProviderConfig.of("jellyfin", "default", Map.of("watchlist", "playlist:"))));
    }
}
