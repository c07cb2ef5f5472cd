package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SecretScannerTest {

    private static final String TOKEN = "at-9f8e7d6c5b";

    @Test
    void findsASecretAndNamesItsOriginNotItsValue() {
        SecretScanner s = new SecretScanner().add("accessToken", TOKEN);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> s.assertNotIn("a log line", "GET /sync?token=" + TOKEN));
        assertTrue(e.getMessage().contains("accessToken"), e.getMessage());
        assertTrue(e.getMessage().contains("a log line"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), "the failure itself must not leak the secret");
        assertDoesNotThrow(() -> s.assertNotIn("a log line", "GET /sync?token=***"));
    }

    @Test
    void scansCausesAndSuppressedExceptions() {
        SecretScanner s = new SecretScanner().add("refreshToken", TOKEN);
        RuntimeException clean = new ProviderException("x", true, "refresh failed");
        assertDoesNotThrow(() -> s.assertNotIn(clean));
        RuntimeException viaCause = new ProviderException("x", 0, true, "refresh failed",
                new IllegalStateException("body: {\"refresh_token\":\"" + TOKEN + "\"}"));
        assertThrows(AssertionFailedError.class, () -> s.assertNotIn(viaCause));
        RuntimeException viaSuppressed = new ProviderException("x", true, "refresh failed");
        viaSuppressed.addSuppressed(new RuntimeException(TOKEN));
        assertThrows(AssertionFailedError.class, () -> s.assertNotIn(viaSuppressed));
    }

    @Test
    void collectsSecretKeysOfAConfigIncludingNestedSections() {
        ProviderConfig c = ProviderConfig.of("trakt", "default", Map.of("clientId", "public-client-id",
                "server", Map.of("apiKey", "key-1234567"), "accessToken", TOKEN));
        SecretScanner s = new SecretScanner().addConfig(c);
        assertEquals(2, s.size());
        assertTrue(s.findIn("x key-1234567 y").isPresent());
        assertTrue(s.findIn("public-client-id").isEmpty(), "a client id is not a secret");
        assertTrue(s.findIn(c.toString()).isEmpty(), "ProviderConfig.toString redacts");
    }

    @Test
    void ignoresValuesTooShortToMatchReliably() {
        SecretScanner s = new SecretScanner().add("pin", "123").add("blank", "  ").add("none", null);
        assertEquals(0, s.size());
        assertDoesNotThrow(() -> s.assertNotIn("text", "1234 and 123"));
    }
}
