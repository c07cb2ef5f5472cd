/**
 * Internals of the metadata manager: the SQLite cache and the JSON form of cached metadata.
 * Not exported.
 *
 * @since 0.2
 */
package io.crosswatch.core.internal.metadata;
