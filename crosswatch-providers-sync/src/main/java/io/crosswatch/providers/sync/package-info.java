/**
 * First-party sync providers (not exported).
 *
 * @since 0.1
 */
package io.crosswatch.providers.sync;
