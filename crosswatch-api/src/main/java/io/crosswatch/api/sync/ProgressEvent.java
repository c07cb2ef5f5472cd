package io.crosswatch.api.sync;

import io.crosswatch.api.Api;
import java.util.Objects;

/**
 * Progress of a run: which stage, how far, and a short note.
 *
 * @param stage a stage such as {@code read}, {@code plan}, {@code apply}
 * @param done  units done
 * @param total units in all, {@code -1} when unknown
 * @param note  a short human note, may be {@code null}
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record ProgressEvent(String stage, long done, long total, String note) {

    /** Validates. */
    public ProgressEvent {
        Objects.requireNonNull(stage, "stage");
        if (done < 0 || total < -1) {
            throw new IllegalArgumentException("progress counts must not be negative");
        }
    }
}
