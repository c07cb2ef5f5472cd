/**
 * Internal: provider discovery (service loading, plugin layers, duplicate and version checks)
 * and the provider contexts {@code PlatformManager} hands out. Not exported.
 */
package io.crosswatch.core.internal.platform;
