package io.crosswatch.testkit;

import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * Collects the secret values a test knows about (tokens, passwords, API keys) and asserts that
 * none of them appears in a string, a log, or anywhere in an exception chain (messages, causes,
 * suppressed exceptions).
 *
 * <p>Failure messages name the secret by where it came from and its length, never by its
 * value, so a failing build log does not leak either. Values shorter than {@value #MIN_LENGTH}
 * characters are ignored: they would match by accident; give your fake backend realistic
 * secrets.
 *
 * <pre>{@code
 * SecretScanner secrets = new SecretScanner().addConfig(store.current()).add("password", "hunter22");
 * secrets.assertNotIn("AuthStatus.toString()", status.toString());
 * secrets.assertNotIn(thrown);
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class SecretScanner {

    /** The shortest value that is scanned for. */
    public static final int MIN_LENGTH = 4;

    private final Map<String, String> secrets = new LinkedHashMap<>();

    /** Creates a scanner that knows no secrets yet. */
    public SecretScanner() {
    }

    /**
     * @param origin where the secret came from, shown in failures (a key such as {@code accessToken})
     * @param value  the secret; {@code null}, blank and too-short values are ignored
     * @return this
     */
    public synchronized SecretScanner add(String origin, String value) {
        Objects.requireNonNull(origin, "origin");
        if (value != null && value.strip().length() >= MIN_LENGTH) {
            secrets.putIfAbsent(value, origin);
            if (!value.strip().equals(value)) {
                secrets.putIfAbsent(value.strip(), origin);
            }
        }
        return this;
    }

    /**
     * Adds the value of every secret-bearing key ({@link Secret#isSecretKey(String)}) of a map,
     * nested maps included.
     *
     * @param origin a label for failures, such as {@code "store"}
     * @param values a config block or payload
     * @return this
     */
    @SuppressWarnings("unchecked")
    public SecretScanner addSecretsOf(String origin, Map<String, ?> values) {
        values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                addSecretsOf(origin + "." + k, (Map<String, ?>) m);
            } else if (v != null && Secret.isSecretKey(k)) {
                add(origin + "." + k, String.valueOf(v));
            }
        });
        return this;
    }

    /**
     * @param config a provider configuration; its secret-bearing values are added
     * @return this
     */
    public SecretScanner addConfig(ProviderConfig config) {
        return addSecretsOf(config.path(), config.values());
    }

    /** @return how many distinct secret values are known */
    public synchronized int size() {
        return secrets.size();
    }

    /**
     * @param text any text
     * @return a description (origin and length, never the value) of the first secret found in it
     */
    public synchronized Optional<String> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : secrets.entrySet()) {
            if (text.contains(e.getKey())) {
                return Optional.of("the secret from " + e.getValue() + " (" + e.getKey().length() + " chars)");
            }
        }
        return Optional.empty();
    }

    /**
     * @param where what the text is, for the failure message (e.g. {@code "AuthStatus.toString()"})
     * @param text  the text to scan
     * @throws AssertionFailedError naming the secret's origin when one appears in {@code text}
     */
    public void assertNotIn(String where, String text) {
        findIn(text).ifPresent(s -> {
            throw new AssertionFailedError(s + " appears in " + where
                    + "; secrets must never reach toString, messages or logs (use io.crosswatch.api.Secret)");
        });
    }

    /**
     * Scans an exception, its causes and suppressed exceptions: messages, localized messages
     * and {@code toString()}.
     *
     * @param thrown the exception
     * @throws AssertionFailedError when a secret appears anywhere in the chain
     */
    public void assertNotIn(Throwable thrown) {
        for (Throwable t : chain(thrown)) {
            String where = t.getClass().getName() + (t == thrown ? "" : " (in the cause chain)");
            assertNotIn("the message of " + where, t.getMessage());
            assertNotIn("the localized message of " + where, t.getLocalizedMessage());
            assertNotIn("the toString() of " + where, t.toString());
        }
    }

    /**
     * @param thrown an exception
     * @return it, its causes and suppressed exceptions, each once
     */
    static List<Throwable> chain(Throwable thrown) {
        List<Throwable> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>();
        todo.add(thrown);
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
        return out;
    }

    @Override
    public synchronized String toString() {
        return "SecretScanner[" + secrets.size() + " secrets]";
    }
}
