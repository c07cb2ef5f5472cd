/**
 * Internals of the HTTP toolkit: cancellable waits, header parsing, backoff and version
 * lookup. Not exported; providers use {@link io.crosswatch.core.http} only.
 */
package io.crosswatch.core.internal.http;
