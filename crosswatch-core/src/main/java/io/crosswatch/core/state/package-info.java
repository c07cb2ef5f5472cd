/**
 * Durable sync state: {@link io.crosswatch.core.state.SyncStateStore} (baselines, tombstones,
 * unresolved items, phantom adds and run reports, committed per run in one transaction), its
 * embedded SQLite implementation {@link io.crosswatch.core.state.SqliteStateStore} and an
 * in-memory one for tests and embedding.
 *
 * @since 0.1
 */
package io.crosswatch.core.state;
