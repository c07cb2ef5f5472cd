/**
 * Plex account connection: the plex.tv PIN flow (or a pasted token), token validation, Plex
 * Home user selection and Plex Media Server discovery (choosing a working connection and the
 * server's own access token).
 *
 * @since 0.1
 */
package io.crosswatch.providers.auth.plex;
