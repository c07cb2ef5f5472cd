package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.Feature;
import java.util.Objects;
import java.util.Optional;

/**
 * What to read.
 *
 * @param feature    the feature
 * @param checkpoint for delta connectors, the checkpoint of the last complete read; {@code null} for a full read
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record ReadRequest(Feature feature, String checkpoint) {

    /** Validates. */
    public ReadRequest {
        Objects.requireNonNull(feature, "feature");
    }

    /** @return a full read of {@code feature} */
    public static ReadRequest full(Feature feature) {
        return new ReadRequest(feature, null);
    }

    /** @return the checkpoint to read changes since */
    public Optional<String> since() {
        return Optional.ofNullable(checkpoint);
    }
}
