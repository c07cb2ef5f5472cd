package io.crosswatch.core.http;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactionTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Redactor redactor = Redactor.standard();

    @Test
    void urlsLoseSecretQueryValuesAndUserInfo() {
        assertEquals("https://pms:32400/library/sections?X-Plex-Token=***&type=1",
                redactor.url("https://pms:32400/library/sections?X-Plex-Token=abc123&type=1"));
        assertEquals("https://api.themoviedb.org/3/movie/1?api_key=***&language=en",
                redactor.url("https://api.themoviedb.org/3/movie/1?api_key=k&language=en"));
        assertEquals("http://***@host/emby/Items?access_token=***&client_secret=***&code=***",
                redactor.url("http://user:pw@host/emby/Items?access_token=t&client_secret=s&code=c"));
        assertEquals("/plain/path", redactor.url("/plain/path"));
        assertEquals("https://api.simkl.com/sync/all-items?client_id=***&extended=full",
                redactor.url("https://api.simkl.com/sync/all-items?client_id=simkl-app-id&extended=full"));
    }

    @Test
    void headersAndBodiesLoseSecrets() {
        for (String h : List.of("Authorization", "X-Plex-Token", "trakt-api-key", "simkl-api-key", "X-Emby-Token",
                "X-MediaBrowser-Token", "api_key", "Cookie", "X-Emby-Authorization")) {
            assertEquals(Redactor.MASK, redactor.header(h, "value"), h);
        }
        assertEquals("application/json", redactor.header("Accept", "application/json"));
        // client_id is an API key too (SIMKL meters the app by it): masked like the others
        assertEquals("{\"client_id\":\"***\",\"device_code\":\"***\",\"nested\":{\"refresh_token\":\"***\",\"n\":1}}",
                redactor.json("{\"client_id\":\"id\",\"device_code\":\"d\",\"nested\":{\"refresh_token\":\"r\",\"n\":1}}"));
        assertEquals("grant_type=password&password=***&username=me", redactor.form("grant_type=password&password=pw1&username=me"));
        assertEquals("<11 characters of non-JSON text>", redactor.json("token=abcde"));
    }

    @Test
    void logLinesNameThePathButNoSecret() {
        wm.stubFor(get(urlPathEqualTo("/library/sections")).willReturn(okJson("{}")));
        CapturingLogger logger = new CapturingLogger();
        FakeTime time = FakeTime.at("2026-01-01T00:00:00Z");
        HttpToolkit toolkit = HttpToolkit.builder().clock(time).sleeper(time).logger(logger).build();
        ServiceClient plex = toolkit.client("plex").baseUrl(wm.baseUrl())
                .auth(AuthScheme.header("X-Plex-Token", cfg -> cfg.require("token")))
                .config(ProviderConfig.of("plex", "default", Map.of("token", "tok-SECRET-1")))
                .build();

        plex.get("/library/sections", Query.of("X-Plex-Token", "tok-SECRET-2", "api_key", "key-SECRET-3", "type", 1));

        List<String> lines = logger.lines();
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.contains("GET") && line.contains("/library/sections") && line.contains("HTTP 200")
                && line.contains("type=1") && line.contains("retries: 0"), line);
        assertFalse(line.contains("SECRET"), line);
    }

    @Test
    void errorMessagesCarryRedactedBodiesOnly() {
        wm.stubFor(get(urlPathEqualTo("/oauth/thing")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"invalid_grant\",\"access_token\":\"at-SECRET\"}")));
        ServiceClient c = HttpToolkit.builder().build().client("trakt").baseUrl(wm.baseUrl()).build();

        ProviderException e = assertThrows(ProviderException.class, () -> c.get("/oauth/thing", Query.of("code", "c-SECRET")));

        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertTrue(e.getMessage().contains("GET /oauth/thing"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void scrubRemovesKnownValuesWhereverTheyAppearLongestFirst() {
        assertEquals("invalid token *** for user sean", redactor.scrub("invalid token abcdef123 for user sean",
                List.of("abcdef123", "abc")));
        assertEquals("*** and ***", redactor.scrub("abcdef123 and abcdef", List.of("abcdef", "abcdef123")));
        assertEquals("ab", redactor.scrub("ab", List.of("ab")));
    }

    @Test
    void secretHeaderValuesIncludeTheCredentialsInside() {
        assertEquals(java.util.Set.of("Bearer tok-123456", "tok-123456"), redactor.secretValuesOfHeader("Authorization",
                "Bearer tok-123456"));
        assertTrue(redactor.secretValuesOfHeader("X-Emby-Authorization",
                "MediaBrowser Client=\"CrossWatch\", DeviceId=\"d1\", Token=\"emby-tok-1\"").contains("emby-tok-1"));
        assertFalse(redactor.secretValuesOfHeader("X-Emby-Authorization",
                "MediaBrowser Client=\"CrossWatch\", Token=\"emby-tok-1\"").contains("CrossWatch"));
        assertTrue(redactor.secretValuesOfHeader("Accept", "application/json").isEmpty());
    }

    @Test
    void errorBodiesEchoingTheRequestLoseEverySecretItCarried() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathEqualTo("/echo")).willReturn(aResponse()
                .withStatus(400).withBody("{\"message\":\"bad: tok-ECHO-1 key-ECHO-2 pw-ECHO-3 body-ECHO-4 cfg-ECHO-5\"}")));
        ServiceClient c = HttpToolkit.builder().build().client("echo").baseUrl(wm.baseUrl())
                .auth(AuthScheme.bearer("accessToken"))
                .config(ProviderConfig.of("echo", "default", Map.of("accessToken", "tok-ECHO-1",
                        "clientSecret", "cfg-ECHO-5")))
                .build();

        ProviderException get = assertThrows(ProviderException.class, () -> c.get("/echo", Query.of("api_key", "key-ECHO-2")));
        ProviderException form = assertThrows(ProviderException.class, () -> c.postForm("/echo", Query.of("pw", "pw-ECHO-3")));
        ProviderException json = assertThrows(ProviderException.class,
                () -> c.post("/echo", Map.of("refresh_token", "body-ECHO-4")));

        for (ProviderException e : List.of(get, form, json)) {
            assertTrue(e.getMessage().contains("bad: ***"), e.getMessage());
            assertFalse(e.getMessage().contains("tok-ECHO-1") || e.getMessage().contains("cfg-ECHO-5"), e.getMessage());
        }
        assertFalse(get.getMessage().contains("key-ECHO-2"), get.getMessage());
        assertFalse(form.getMessage().contains("pw-ECHO-3"), form.getMessage());
        assertFalse(json.getMessage().contains("body-ECHO-4"), json.getMessage());
    }
}
