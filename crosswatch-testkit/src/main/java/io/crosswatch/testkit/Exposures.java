package io.crosswatch.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a provider exposed during a contract's verbose-logging rule: the {@code toString} of
 * everything it returned and everything it threw, scanned together at the end (when every
 * secret is known).
 */
final class Exposures {

    private final List<String> seen = new ArrayList<>();
    private final List<Throwable> thrown = new ArrayList<>();

    /** Records a value's {@code toString}. */
    void see(String where, Object value) {
        seen.add(where + ": " + value);
    }

    /** Runs a call, recording what it returns or throws; never fails. */
    <T> T attempt(String where, Supplier<T> call) {
        try {
            T value = call.get();
            see(where, value);
            return value;
        } catch (RuntimeException e) {
            thrown.add(e);
            return null;
        }
    }

    /** Scans what was recorded: values, and exceptions' messages, chains and stack traces. */
    void assertNoSecrets(SecretScanner secrets) {
        for (Throwable t : thrown) {
            secrets.assertNotIn(t);
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            secrets.assertNotIn("the stack trace of " + t.getClass().getName(), trace.toString());
        }
        for (String s : seen) {
            secrets.assertNotIn("the toString() of " + s.substring(0, s.indexOf(':')), s);
        }
    }
}
