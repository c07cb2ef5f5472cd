package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import java.util.Map;
import java.util.Optional;

/**
 * Change tokens per feature from a cheap probe. Tokens are opaque (often a timestamp); the
 * engine only compares them for equality with the ones stored after the last complete run.
 *
 * @param tokens feature → token
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record Activities(Map<Feature, String> tokens) {

    /** Copies. */
    public Activities {
        tokens = Map.copyOf(tokens);
    }

    /** @return the token of {@code feature}, if the probe covers it */
    public Optional<String> token(Feature feature) {
        return Optional.ofNullable(tokens.get(feature));
    }
}
