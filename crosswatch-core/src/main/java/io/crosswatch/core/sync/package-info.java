/**
 * The generic sync engine: identity ({@link io.crosswatch.core.sync.Ids}), the pure
 * {@link io.crosswatch.core.sync.Planner} and the {@link io.crosswatch.core.sync.GenericSyncModule}
 * that syncs any two connectors with it.
 *
 * @since 0.1
 */
package io.crosswatch.core.sync;
