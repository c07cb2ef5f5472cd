package io.crosswatch.providers.auth.jellyfin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.crosswatch.providers.auth.jellyfin.MediaBrowserAuthContract.EMBY_INFO;
import static io.crosswatch.providers.auth.jellyfin.MediaBrowserAuthContract.JELLYFIN_INFO;
import static io.crosswatch.providers.auth.jellyfin.MediaBrowserAuthContract.TOKEN;
import static io.crosswatch.providers.auth.jellyfin.MediaBrowserAuthContract.USER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in scenarios with exact paths, headers and request counts. */
class MediaBrowserAuthProviderTest {

    private static final String API_KEY = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();

    private RecordingProviderStore store(String provider, Map<String, String> values) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(values);
        all.put("baseUrl", wm.baseUrl());
        return RecordingProviderStore.of(ProviderConfig.of(provider, ProviderConfig.DEFAULT_INSTANCE, all));
    }

    @Test
    void passwordLoginSavesTokenUserAndAStableDeviceIdButNeverThePassword() {
        MediaBrowserAuthContract.stubServer(wm, "", JELLYFIN_INFO);
        RecordingProviderStore store = store("jellyfin", Map.of());
        JellyfinAuthProvider p = new JellyfinAuthProvider();

        p.start(TestContext.of(store, time), Map.of("username", "alice", "password", "correct-horse"));

        ProviderConfig cfg = store.current();
        assertEquals(TOKEN, cfg.require("accessToken"));
        assertEquals(USER_ID, cfg.require("userId"));
        assertEquals("alice", cfg.require("username"));
        assertEquals("10.10.7", cfg.require("serverVersion"));
        String deviceId = cfg.require("deviceId");
        assertFalse(cfg.has("password"), "the password must never be persisted");
        assertFalse(cfg.values().containsValue("correct-horse"), "the password must never be persisted");
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/System/Info/Public")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/Users/AuthenticateByName"))
                .withHeader("Authorization", matching("^MediaBrowser Client=\"CrossWatch\", Device=\"CrossWatch\", DeviceId=\""
                        + deviceId + "\", Version=\"[^\"]+\"$")));
        assertEquals(2, wm.getAllServeEvents().size());

        AuthStatus status = p.status(TestContext.of(store, time));
        assertEquals(AuthStatus.State.CONNECTED, status.state());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/Users/" + USER_ID))
                .withHeader("Authorization", containing("DeviceId=\"" + deviceId + "\", Version=")));

        // A second login reuses the saved DeviceId (a new one would leave stale sessions behind).
        p.start(TestContext.of(store, time), Map.of("password", "correct-horse"));
        assertEquals(deviceId, store.current().require("deviceId"));
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/Users/AuthenticateByName"))
                .withHeader("Authorization", containing("DeviceId=\"" + deviceId + "\"")));
    }

    @Test
    void badPasswordIsAClearAuthErrorAndSavesNothing() {
        MediaBrowserAuthContract.stubServer(wm, "", JELLYFIN_INFO);
        wm.stubFor(post(urlPathEqualTo("/Users/AuthenticateByName")).atPriority(1)
                .withRequestBody(containing("wrong-password")).willReturn(aResponse().withStatus(401)));
        RecordingProviderStore store = store("jellyfin", Map.of());

        AuthException e = assertThrows(AuthException.class, () -> new JellyfinAuthProvider()
                .start(TestContext.of(store, time), Map.of("username", "alice", "password", "wrong-password")));

        assertTrue(e.getMessage().contains("check the username and password"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was saved"), e.getMessage());
        new SecretScanner().add("password", "wrong-password").assertNotIn(e);
        assertTrue(store.updates().isEmpty(), "a failed login must not write anything: " + store.updates());
        assertEquals(AuthStatus.State.NOT_CONNECTED, new JellyfinAuthProvider().status(TestContext.of(store, time)).state());
        // No retry of the refused POST, and no token refresh loop.
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/Users/AuthenticateByName")));
    }

    @Test
    void apiKeyModePicksTheUserByName() {
        MediaBrowserAuthContract.stubServer(wm, "", JELLYFIN_INFO);
        wm.stubFor(get(urlPathEqualTo("/Users")).withHeader("Authorization", containing("Token=\"" + API_KEY + "\""))
                .willReturn(okJson("[{\"Name\":\"bob\",\"Id\":\"11111111111111111111111111111111\"},"
                        + "{\"Name\":\"Alice\",\"Id\":\"" + USER_ID + "\"}]")));
        wm.stubFor(get(urlPathEqualTo("/Users/" + USER_ID)).atPriority(1)
                .withHeader("Authorization", containing("Token=\"" + API_KEY + "\""))
                .willReturn(okJson("{\"Name\":\"Alice\",\"Id\":\"" + USER_ID + "\"}")));
        RecordingProviderStore store = store("jellyfin", Map.of());
        JellyfinAuthProvider p = new JellyfinAuthProvider();

        p.start(TestContext.of(store, time), Map.of("username", "alice", "apiKey", API_KEY));

        ProviderConfig cfg = store.current();
        assertEquals(API_KEY, cfg.require("apiKey"));
        assertEquals(USER_ID, cfg.require("userId"));
        assertEquals("Alice", cfg.require("username"));
        assertFalse(cfg.has("accessToken"));
        assertEquals(AuthStatus.State.CONNECTED, p.status(TestContext.of(store, time)).state());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/Users")));
        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/Users/AuthenticateByName")));

        // Disconnecting an API key does not log out a session (there is none) but forgets the key.
        p.disconnect(TestContext.of(store, time));
        assertFalse(store.current().has("apiKey"));
        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/Sessions/Logout")));
    }

    @Test
    void embyUsesTheEmbyPrefixAndXEmbyTokenHeaders() {
        MediaBrowserAuthContract.stubServer(wm, "/emby", EMBY_INFO);
        RecordingProviderStore store = store("emby", Map.of());
        EmbyAuthProvider p = new EmbyAuthProvider();

        p.start(TestContext.of(store, time), Map.of("username", "alice", "password", "correct-horse"));
        assertEquals(AuthStatus.State.CONNECTED, p.status(TestContext.of(store, time)).state());

        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/emby/Users/AuthenticateByName"))
                .withHeader("X-Emby-Authorization", matching("^MediaBrowser .*DeviceId=\".+\".*")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/emby/Users/" + USER_ID)).withHeader("X-Emby-Token", equalTo(TOKEN)));
        assertEquals("4.8.10.0", store.current().require("serverVersion"));
        assertEquals(3, wm.getAllServeEvents().size());
    }

    @Test
    void disconnectLogsOutTheSessionAndClearsSecretsEvenWhenTheServerIsDown() {
        MediaBrowserAuthContract.stubServer(wm, "", JELLYFIN_INFO);
        RecordingProviderStore store = store("jellyfin", Map.of());
        JellyfinAuthProvider p = new JellyfinAuthProvider();
        p.start(TestContext.of(store, time), Map.of("username", "alice", "password", "correct-horse"));

        p.disconnect(TestContext.of(store, time));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/Sessions/Logout"))
                .withHeader("Authorization", containing("Token=\"" + TOKEN + "\"")));
        assertTrue(store.secretKeys().isEmpty());
        assertFalse(store.current().has("userId"));
        assertTrue(store.current().has("deviceId"), "the device id is kept: it identifies this install");

        p.start(TestContext.of(store, time), Map.of("username", "alice", "password", "correct-horse"));
        wm.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
        p.disconnect(TestContext.of(store, time));
        assertTrue(store.secretKeys().isEmpty(), "secrets must be cleared when the server is down");
        // The logout POST is not retried: one attempt per disconnect.
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/Sessions/Logout")));
    }
}
