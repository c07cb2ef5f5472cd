package io.crosswatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {

    private final ProviderConfig config = ProviderConfig.of("trakt", "work", Map.of(
            "clientId", "abc", "accessToken", "s3cr3t-token", "limit", "250",
            "nested", Map.of("api_key", "k3y-value", "name", "x"), "flags", List.of("a", "b")));

    @Test
    void toStringRedactsSecretsAtEveryDepth() {
        String s = config.toString();
        assertFalse(s.contains("s3cr3t-token"), s);
        assertFalse(s.contains("k3y-value"), s);
        assertTrue(s.contains("clientId=abc"), s);
    }

    @Test
    void typedGettersNameThePathOnBadValues() {
        assertEquals(250, config.number("limit", 0));
        ConfigException e = assertThrows(ConfigException.class, () -> config.bool("clientId", false));
        assertEquals("$.providers.trakt.instances.work.clientId", e.path().orElseThrow());
        ConfigException missing = assertThrows(ConfigException.class, () -> config.require("clientSecret"));
        assertTrue(missing.getMessage().contains("crosswatch connect trakt"), missing.getMessage());
    }

    @Test
    void durationsAreIsoAndPositiveAndNameThePathWhenNot() {
        ProviderConfig c = ProviderConfig.of("plex", "default", Map.of("timeout", " PT90S ", "zero", "PT0S", "words", "5 minutes"));
        assertEquals(Duration.ofSeconds(90), c.duration("timeout", Duration.ZERO));
        assertEquals(Duration.ofMinutes(5), c.duration("absent", Duration.ofMinutes(5)));
        ConfigException zero = assertThrows(ConfigException.class, () -> c.duration("zero", Duration.ofMinutes(5)));
        assertEquals("$.providers.plex.zero", zero.path().orElseThrow());
        ConfigException words = assertThrows(ConfigException.class, () -> c.duration("words", Duration.ofMinutes(5)));
        assertTrue(words.getMessage().contains("'5 minutes'"), words.getMessage());
    }

    @Test
    void baseUrlFallsBackAndStripsSlash() {
        assertEquals("https://api.trakt.tv", config.baseUrl("https://api.trakt.tv/").toString());
        ProviderConfig bad = ProviderConfig.of("plex", "default", Map.of("baseUrl", "not a url"));
        ConfigException e = assertThrows(ConfigException.class, () -> bad.baseUrl("http://x"));
        assertEquals("$.providers.plex.baseUrl", e.path().orElseThrow());
    }

    @Test
    void valuesAreDeeplyImmutableAndWithCopies() {
        Map<String, Object> src = new HashMap<>();
        src.put("a", "1");
        ProviderConfig c = ProviderConfig.of("x", "default", src);
        src.put("a", "2");
        assertEquals("1", c.string("a").orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> c.values().put("b", "x"));
        Map<String, Object> changes = new HashMap<>();
        changes.put("a", null);
        changes.put("b", "3");
        ProviderConfig d = c.with(changes);
        assertFalse(d.has("a"));
        assertEquals("3", d.require("b"));
        assertTrue(c.has("a"));
    }

    @Test
    void secretNeverPrints() {
        Secret s = new Secret("hunter2");
        assertEquals("***", s.toString());
        assertEquals("hunter2", s.reveal());
        assertTrue(Secret.isSecretKey("refresh_token"));
        assertTrue(Secret.isSecretKey("X-Plex-Token"));
        assertTrue(Secret.isSecretKey("apiKey"));
        assertFalse(Secret.isSecretKey("ratingKey"));
        assertFalse(Secret.isSecretKey("clientId"));
    }

    @Test
    void inMemoryStorePersistsUpdates() {
        ProviderStore store = ProviderStore.inMemory(ProviderConfig.empty("simkl"));
        store.update(Map.of("accessToken", "t"));
        assertEquals("t", store.current().require("accessToken"));
        assertFalse(store.toString().contains("=t"), store.toString());
    }

    @Test
    void cancellationRunsListenersOnceAndThrows() {
        CancellationToken token = CancellationToken.create();
        int[] calls = {0};
        token.onCancel(() -> calls[0]++);
        token.cancel("user pressed ctrl-c");
        token.cancel("again");
        assertEquals(1, calls[0]);
        CancelledException e = assertThrows(CancelledException.class, token::throwIfCancelled);
        assertEquals("user pressed ctrl-c", e.getMessage());
        token.onCancel(() -> calls[0]++);
        assertEquals(2, calls[0]);
        assertThrows(UnsupportedOperationException.class, () -> CancellationToken.none().cancel("x"));
    }
}
