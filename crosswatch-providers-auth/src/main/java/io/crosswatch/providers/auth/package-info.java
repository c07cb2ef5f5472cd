/**
 * First-party auth providers (not exported).
 *
 * @since 0.1
 */
package io.crosswatch.providers.auth;
