/**
 * Internal: atomic file writing for the config store. Not exported.
 */
package io.crosswatch.core.internal.config;
