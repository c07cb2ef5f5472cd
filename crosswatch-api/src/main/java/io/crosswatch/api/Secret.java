package io.crosswatch.api;

import java.util.Objects;

/**
 * A secret value (token, password, API key) that never shows itself in {@code toString},
 * so it cannot leak into logs, exceptions or reports by accident.
 *
 * @param value the secret; use {@link #reveal()} at the one place it is sent
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record Secret(String value) {

    /** What every secret prints as. */
    public static final String REDACTED = "***";

    /** @throws IllegalArgumentException when the value is null or blank */
    public Secret {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
    }

    /** @return the secret itself */
    public String reveal() {
        return value;
    }

    /** @return {@link #REDACTED}, never the value */
    @Override
    public String toString() {
        return REDACTED;
    }

    /**
     * Whether a configuration key names a secret by convention (token, secret, password, API
     * key, session). Used to redact configuration views whatever the provider.
     *
     * @param key a configuration key such as {@code accessToken}
     * @return {@code true} for secret-bearing keys
     */
    public static boolean isSecretKey(String key) {
        Objects.requireNonNull(key, "key");
        String k = key.toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
        return k.contains("token") || k.contains("secret") || k.contains("password")
                || k.contains("apikey") || k.equals("sessionid") || k.equals("session")
                || k.contains("authorization");
    }
}
