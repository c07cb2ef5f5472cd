/**
 * Cross-cutting API types: the error hierarchy, provider configuration views, the context a
 * provider receives, cancellation, injected time, secrets and the stability annotation.
 *
 * @since 0.1
 */
package io.crosswatch.api;
