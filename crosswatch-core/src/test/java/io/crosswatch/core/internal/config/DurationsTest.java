package io.crosswatch.core.internal.config;

import io.crosswatch.api.ConfigException;
import io.crosswatch.core.internal.config.Durations.Bound;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every spelling the duration settings accept or refuse, under both bounds. */
class DurationsTest {

    @ParameterizedTest(name = "''{0}'' is {2} as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PT30M        | POSITIVE     | PT30M
            pt30m        | POSITIVE     | PT30M
            '  PT30M  '  | POSITIVE     | PT30M
            P7D          | POSITIVE     | PT168H
            PT1H30M      | POSITIVE     | PT1H30M
            PT0.5S       | POSITIVE     | PT0.5S
            P1DT2H       | POSITIVE     | PT26H
            PT0S         | NON_NEGATIVE | PT0S
            P0D          | NON_NEGATIVE | PT0S
            PT6H         | NON_NEGATIVE | PT6H
            """)
    void accepted(String text, Bound bound, Duration expected) {
        assertEquals(expected, Durations.parse(text, bound));
        assertEquals(expected, Durations.parse("scrobble.retryBase", text, bound));
    }

    @ParameterizedTest(name = "''{0}'' is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S    | POSITIVE     | must be a positive duration in ISO-8601 such as PT30M, got 'PT0S'
            -PT1M   | POSITIVE     | must be a positive duration in ISO-8601 such as PT30M, got '-PT1M'
            -PT1M   | NON_NEGATIVE | must be a non-negative duration in ISO-8601 such as PT30M, got '-PT1M'
            30m     | POSITIVE     | must be a positive duration in ISO-8601 such as PT30M, got '30m'
            30      | NON_NEGATIVE | must be a non-negative duration in ISO-8601 such as PT30M, got '30'
            P1Q     | POSITIVE     | must be a positive duration in ISO-8601 such as PT30M, got 'P1Q'
            P1M     | POSITIVE     | must be a positive duration in ISO-8601 such as PT30M, got 'P1M'
            ''      | POSITIVE     | must be a positive duration in ISO-8601 such as PT30M, got ''
            """)
    void refused(String text, Bound bound, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Durations.parse(text, bound)).getMessage());

        ConfigException e = assertThrows(ConfigException.class, () -> Durations.parse("scrobble.retryBase", text, bound));
        assertEquals(Optional.of("scrobble.retryBase"), e.path());
        assertEquals("scrobble.retryBase: " + message, e.getMessage());
    }
}
