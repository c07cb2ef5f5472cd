package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class LogCaptureTest {

    private static final String TOKEN = "tok-LOGCAPTURE-77aa";

    @Test
    void capturesTraceLinesParametersAndCausesOfEveryLogger() {
        Logger chatty = Logger.getLogger("io.crosswatch.testkit.chatty");
        chatty.setLevel(Level.WARNING); // a logger with its own, quieter level is turned up too
        System.Logger logger = System.getLogger("io.crosswatch.testkit.chatty");
        SecretScanner secrets = new SecretScanner().add("accessToken", TOKEN);
        try (LogCapture logs = LogCapture.everything()) {
            logger.log(System.Logger.Level.TRACE, "clean line {0}", "value");
            assertDoesNotThrow(() -> logs.assertNoSecrets(secrets));

            logger.log(System.Logger.Level.TRACE, "param {0}", TOKEN);
            assertThrows(AssertionFailedError.class, () -> logs.assertNoSecrets(secrets));
        }
        try (LogCapture logs = LogCapture.everything()) {
            logger.log(System.Logger.Level.DEBUG, "failed", new RuntimeException("outer",
                    new IllegalStateException("inner " + TOKEN)));
            AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> logs.assertNoSecrets(secrets));
            assertFalse(e.getMessage().contains(TOKEN), "the failure must not print the secret");
            assertTrue(logs.text().contains("inner"), "causes are captured");
        }
        assertEquals(Level.WARNING, chatty.getLevel(), "close() restores levels");
    }

    @Test
    void startsEmptyAfterProvingTheRouteWorks() {
        try (LogCapture logs = LogCapture.everything()) {
            assertEquals(0, logs.size(), "the probe line is not kept");
            assertDoesNotThrow(() -> logs.assertNoSecrets(new SecretScanner().add("accessToken", TOKEN)));
        }
    }
}
