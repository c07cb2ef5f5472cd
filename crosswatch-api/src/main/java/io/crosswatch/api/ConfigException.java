package io.crosswatch.api;

import java.util.Optional;

/**
 * Configuration is missing, malformed or invalid. The message names the offending location
 * (a JSON path such as {@code $.providers.trakt.clientId}, and a line where known).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public class ConfigException extends CrossWatchException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path    the JSON path (or file) at fault, may be {@code null}
     * @param message what is wrong and how to fix it
     */
    public ConfigException(String path, String message) {
        super(path == null ? message : path + ": " + message);
        this.path = path;
    }

    /**
     * @param path    the JSON path (or file) at fault, may be {@code null}
     * @param message what is wrong and how to fix it
     * @param cause   the underlying failure
     */
    public ConfigException(String path, String message, Throwable cause) {
        super(path == null ? message : path + ": " + message, cause);
        this.path = path;
    }

    /** @return the location at fault, when known */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }
}
