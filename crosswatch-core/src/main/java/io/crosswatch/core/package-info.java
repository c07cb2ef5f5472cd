/**
 * CrossWatch core entry points: {@link io.crosswatch.core.PlatformManager} discovers providers
 * and drives auth flows, {@link io.crosswatch.core.Orchestrator} runs configured pairs, and
 * {@link io.crosswatch.core.MetadataManager} fetches and merges metadata.
 *
 * @since 0.1
 */
package io.crosswatch.core;
