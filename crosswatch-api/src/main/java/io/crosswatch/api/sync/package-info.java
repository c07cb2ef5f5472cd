/**
 * The sync family: {@link io.crosswatch.api.sync.Connector}s read and write one service's
 * watch state, {@link io.crosswatch.api.sync.SyncModule}s move it between a source and a
 * target, and the values that describe runs, plans and results.
 *
 * @since 0.1
 */
package io.crosswatch.api.sync;
