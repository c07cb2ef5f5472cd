/**
 * TMDB account connection: a v3 session from an approved request token, or from a v4 user
 * access token (not exported).
 *
 * @since 0.1
 */
package io.crosswatch.providers.auth.tmdb;
