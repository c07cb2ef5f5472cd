package io.crosswatch.core.config;

import io.crosswatch.api.Api;
import java.util.Map;

/**
 * The {@code sync} section: defaults for every run.
 *
 * @param dryRun whether runs only plan and report unless told otherwise
 * @param guards guard options (such as a mass-delete threshold) applied to every pair; a
 *               pair's own {@code options} override them
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record SyncDefaults(boolean dryRun, Map<String, String> guards) {

    /** No dry run, no guard overrides. */
    public static final SyncDefaults DEFAULT = new SyncDefaults(false, Map.of());

    /** Copies. */
    public SyncDefaults {
        guards = Map.copyOf(guards);
    }
}
