/**
 * Internal: the run lock of the orchestrator. Not exported.
 */
package io.crosswatch.core.internal.orchestrator;
