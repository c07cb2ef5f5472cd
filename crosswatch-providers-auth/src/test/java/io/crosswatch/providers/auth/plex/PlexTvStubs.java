package io.crosswatch.providers.auth.plex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** plex.tv and PMS stubs shaped as the fact sheet's JSON (Accept: application/json). */
final class PlexTvStubs {

    static final String TOKEN = "acct-token-7f3k9q2x";
    static final String SERVER_TOKEN = "server-token-4h8m1z";
    static final String MACHINE_ID = "0123456789abcdef0123456789abcdef01234567";
    static final long PIN_ID = 1272322473L;
    static final String PIN_CODE = "3patfx1a78ukcbr7x0n9bl26t";

    private PlexTvStubs() {
    }

    static ProviderConfig config(WireMockExtension wm, Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("baseUrl", wm.baseUrl());
        values.put("authUrl", wm.baseUrl() + "/auth");
        values.put("clientIdentifier", "5b0e1c1e-test-client-id");
        values.putAll(extra);
        return ProviderConfig.of("plex", ProviderConfig.DEFAULT_INSTANCE, values);
    }

    static String pinJson(String authToken, int expiresIn) {
        return "{\"id\": " + PIN_ID + ", \"code\": \"" + PIN_CODE + "\", \"product\": \"CrossWatch\", \"trusted\": false,"
                + " \"qr\": \"https://plex.tv/api/v2/pins/qr/" + PIN_CODE + "\","
                + " \"clientIdentifier\": \"5b0e1c1e-test-client-id\","
                + " \"location\": {\"code\": \"US\", \"country\": \"United States\"},"
                + " \"expiresIn\": " + expiresIn + ", \"createdAt\": \"2023-04-12T17:00:03Z\","
                + " \"expiresAt\": \"2023-04-12T17:30:03Z\","
                + " \"authToken\": " + (authToken == null ? "null" : "\"" + authToken + "\"") + ", \"newRegistration\": null}";
    }

    static void stubCreatePin(WireMockExtension wm, int expiresIn) {
        wm.stubFor(post(urlPathEqualTo("/api/v2/pins")).withQueryParam("strong", equalTo("true"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(pinJson(null, expiresIn))));
    }

    static void stubUser(WireMockExtension wm, String token) {
        wm.stubFor(get(urlPathEqualTo("/api/v2/user")).withHeader("X-Plex-Token", equalTo(token))
                .willReturn(okJson("{\"id\": 12345678, \"uuid\": \"a4f43c1ebfde43a5\", \"username\": \"alice\","
                        + " \"title\": \"alice\", \"email\": \"alice@example.com\", \"authToken\": \"" + token + "\","
                        + " \"home\": true, \"homeAdmin\": true, \"subscription\": {\"active\": true, \"status\": \"Active\"}}")));
    }

    static void stubUserRefused(WireMockExtension wm) {
        wm.stubFor(get(urlPathEqualTo("/api/v2/user")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\",\"status\":401}]}")));
    }

    /** A resources array with one owned server whose connections are given in plex.tv's order. */
    static String resources(String serverToken, String... connections) {
        return "[{\"name\": \"MyServer\", \"product\": \"Plex Media Server\", \"productVersion\": \"1.41.0.8992\","
                + " \"platform\": \"Linux\", \"clientIdentifier\": \"" + MACHINE_ID + "\", \"provides\": \"server\","
                + " \"owned\": true, \"home\": false, \"ownerId\": null, \"accessToken\": \"" + serverToken + "\","
                + " \"publicAddress\": \"203.0.113.5\", \"httpsRequired\": false, \"relay\": true, \"presence\": true,"
                + " \"connections\": [" + String.join(",", connections) + "]},"
                + " {\"name\": \"iPhone\", \"product\": \"Plex for iOS\", \"provides\": \"client,player\","
                + " \"clientIdentifier\": \"phone-1\", \"connections\": []}]";
    }

    static String connection(String uri, boolean local, boolean relay) {
        return "{\"protocol\": \"http\", \"address\": \"127.0.0.1\", \"port\": 32400, \"uri\": \"" + uri + "\","
                + " \"local\": " + local + ", \"relay\": " + relay + ", \"IPv6\": false}";
    }

    static void stubResources(WireMockExtension wm, String token, String body) {
        wm.stubFor(get(urlPathEqualTo("/api/v2/resources")).withHeader("X-Plex-Token", equalTo(token))
                .willReturn(okJson(body)));
    }

    static void stubIdentity(WireMockExtension wm) {
        wm.stubFor(get(urlPathEqualTo("/identity")).willReturn(okJson("{\"MediaContainer\": {\"size\": 0,"
                + " \"claimed\": true, \"machineIdentifier\": \"" + MACHINE_ID + "\", \"version\": \"1.41.0.8992\"}}")));
    }

    /** @return a loopback URL on which nothing listens (connection refused at once) */
    static String deadUrl() {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
