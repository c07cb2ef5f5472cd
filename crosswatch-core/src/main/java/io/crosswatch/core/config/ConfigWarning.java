package io.crosswatch.core.config;

import io.crosswatch.api.Api;
import java.util.Objects;

/**
 * Something in the config file that does not stop CrossWatch but is probably a mistake, such
 * as an unknown key (often a typo). Never holds a secret value.
 *
 * @param path    the JSON path, e.g. {@code $.pairs[0].featurs}
 * @param message what is wrong
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record ConfigWarning(String path, String message) {

    /** Validates. */
    public ConfigWarning {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
