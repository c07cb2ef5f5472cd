/**
 * Trakt account connection: the OAuth device-code flow, token refresh and revocation against
 * Trakt API v2 ({@code /oauth/device/code}, {@code /oauth/device/token}, {@code /oauth/token},
 * {@code /oauth/revoke}).
 *
 * @since 0.1
 */
package io.crosswatch.providers.auth.trakt;
