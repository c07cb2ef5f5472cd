package io.crosswatch.core.sync;

import io.crosswatch.api.Api;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.Side;
import java.util.Objects;

/**
 * Both sides of one feature plus the pair's switches for it.
 *
 * @param source  the source side
 * @param target  the target side
 * @param options whether adds and removals are enabled
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record FeatureInput(SideSnapshot source, SideSnapshot target, FeatureOptions options) {

    /** Validates. */
    public FeatureInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        options = options == null ? FeatureOptions.ALL : options;
    }

    /** @return both sides, adds and removals enabled */
    public static FeatureInput of(SideSnapshot source, SideSnapshot target) {
        return new FeatureInput(source, target, FeatureOptions.ALL);
    }

    /** @return the snapshot of {@code side} */
    public SideSnapshot side(Side side) {
        return side == Side.SOURCE ? source : target;
    }
}
