package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ApiVersion;
import java.util.regex.Pattern;

/** Checks shared by every family's manifest rule. */
final class Manifests {

    /** The name rule every manifest builder enforces; repeated here so a hand-made manifest is caught too. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    private Manifests() {
    }

    static void assertSane(String family, String name, String label, int apiVersion) {
        assertNotNull(name, family + " manifest has no name");
        assertTrue(NAME.matcher(name).matches(), () -> family + " name '" + name
                + "' must be lower case letters, digits, '-' or '_', starting with a letter, at most 40");
        assertNotNull(label, family + " '" + name + "' has no label");
        assertTrue(!label.isBlank(), () -> family + " '" + name + "' has a blank label");
        assertTrue(ApiVersion.isSupported(apiVersion), () -> family + " '" + name + "' was built against API version "
                + apiVersion + " but this API supports " + ApiVersion.OLDEST_SUPPORTED + " to " + ApiVersion.CURRENT
                + "; build it with ApiVersion.CURRENT");
    }

    static void assertConstant(String family, String what, Object first, Object second) {
        assertEquals(first, second, () -> family + " " + what + " changed between two calls; it must be constant");
    }
}
