/**
 * Internals of the sync engine: id tokens, the identity graph and primitive hash maps. Not exported.
 */
package io.crosswatch.core.sync.internal;
