/**
 * First-party metadata providers (not exported).
 *
 * @since 0.1
 */
package io.crosswatch.providers.metadata;
