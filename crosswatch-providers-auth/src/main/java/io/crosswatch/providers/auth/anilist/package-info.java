/**
 * AniList account connection: OAuth authorization code (or a pasted implicit-grant token),
 * checked with the GraphQL {@code Viewer} query.
 *
 * @since 0.1
 */
package io.crosswatch.providers.auth.anilist;
