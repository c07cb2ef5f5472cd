/**
 * Internal: atomic file writing for the config store, and the one reader of duration settings.
 * Not exported.
 */
package io.crosswatch.core.internal.config;
