package io.crosswatch.providers.auth.plex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlexServerDiscoveryTest {

    private static final String RESOURCES = "["
            + "{\"name\": \"Friend\", \"clientIdentifier\": \"f1\", \"provides\": \"server\", \"owned\": false,"
            + " \"accessToken\": \"shared-token\", \"httpsRequired\": true, \"connections\": ["
            + "  {\"protocol\": \"http\", \"uri\": \"http://10.0.0.2:32400\", \"local\": true, \"relay\": false},"
            + "  {\"protocol\": \"https\", \"uri\": \"https://10-0-0-2.f1.plex.direct:32400\", \"local\": true, \"relay\": false}]},"
            + "{\"name\": \"Player\", \"clientIdentifier\": \"p1\", \"provides\": \"client,player\", \"connections\": []},"
            + "{\"name\": \"Home\", \"clientIdentifier\": \"h1\", \"provides\": \"server,player\", \"owned\": true,"
            + " \"accessToken\": \"own-token\", \"connections\": ["
            + "  {\"uri\": \"https://relay.plex.direct:8443\", \"local\": false, \"relay\": true},"
            + "  {\"uri\": \"https://203-0-113-5.h1.plex.direct:32400/\", \"local\": false, \"relay\": false},"
            + "  {\"uri\": \"https://192-168-1-10.h1.plex.direct:32400\", \"local\": true, \"relay\": false}]}]";

    private static JsonNode resources() throws Exception {
        return new ObjectMapper().readTree(RESOURCES);
    }

    @Test
    void serversOnlyOwnedFirstConnectionsLocalRemoteRelay() throws Exception {
        List<PlexServerDiscovery.Server> servers = PlexServerDiscovery.servers(resources(), null);
        assertEquals(List.of("Home", "Friend"), servers.stream().map(PlexServerDiscovery.Server::name).toList());
        assertEquals(List.of("https://192-168-1-10.h1.plex.direct:32400", "https://203-0-113-5.h1.plex.direct:32400",
                "https://relay.plex.direct:8443"), servers.get(0).uris());
        assertEquals(List.of("https://10-0-0-2.f1.plex.direct:32400"), servers.get(1).uris(), "httpsRequired drops http");
    }

    @Test
    void aPreferredServerIsChosenByNameOrMachineId() throws Exception {
        assertEquals(List.of("Friend"), PlexServerDiscovery.servers(resources(), "friend").stream()
                .map(PlexServerDiscovery.Server::name).toList());
        assertEquals(List.of("Home"), PlexServerDiscovery.servers(resources(), "h1").stream()
                .map(PlexServerDiscovery.Server::name).toList());
        assertEquals(List.of(), PlexServerDiscovery.servers(resources(), "nope"));
    }

    @Test
    void tokensNeverShowInToString() throws Exception {
        PlexServerDiscovery.Server server = PlexServerDiscovery.servers(resources(), "h1").get(0);
        PlexServerDiscovery.Choice choice = new PlexServerDiscovery.Choice("Home", "h1", "https://x", "own-token");
        PlexTvClient.Pin pin = new PlexTvClient.Pin(1, "code", java.time.Instant.EPOCH, "pin-auth-token");
        io.crosswatch.testkit.SecretScanner secrets = new io.crosswatch.testkit.SecretScanner()
                .add("accessToken", "own-token").add("authToken", "pin-auth-token");
        secrets.assertNotIn("Server", server.toString());
        secrets.assertNotIn("Choice", choice.toString());
        secrets.assertNotIn("Pin", pin.toString());
    }
}
