/**
 * The auth family: connecting an account to a service (device codes, PINs, passwords, API
 * keys), checking it, refreshing tokens and disconnecting.
 *
 * @since 0.1
 */
package io.crosswatch.api.auth;
