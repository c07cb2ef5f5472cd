package io.crosswatch.core.scrobble;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The durations of the {@code scrobble} section: read as ISO-8601, errors at their key with the value. */
class ScrobbleSettingsTest {

    private final ObjectMapper m = new ObjectMapper();

    @Test
    void durationsAreReadAndTheirErrorsNameTheKeyAndTheValue() throws Exception {
        ScrobbleSettings s = ScrobbleSettings.fromJson(m.readTree("{\"retryBase\":\" pt45s \",\"playRetention\":\"P7D\"}"));
        assertEquals(Duration.ofSeconds(45), s.retryBase());
        assertEquals(Duration.ofDays(7), s.playRetention());
        assertEquals(Duration.ofMinutes(1), s.dedupWindow(), "an absent key keeps its default");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ScrobbleSettings.fromJson(m.readTree("{\"retryMax\":\"1h\"}")));
        assertEquals(Optional.of("scrobble.retryMax"), e.path());
        assertEquals("scrobble.retryMax: must be a positive duration in ISO-8601 such as PT30M, got '1h'", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ScrobbleSettings.fromJson(m.readTree("{\"lateAfter\":\"PT0S\"}")));
        assertEquals("scrobble.lateAfter: must be a positive duration in ISO-8601 such as PT30M, got 'PT0S'", e.getMessage());
    }
}
