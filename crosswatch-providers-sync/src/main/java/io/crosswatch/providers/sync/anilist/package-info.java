/**
 * AniList sync connector: a user's anime list through AniList's GraphQL API — PLANNING as the
 * watchlist, COMPLETED (and REPEATING) as history, scores as ratings.
 *
 * @since 0.1
 */
package io.crosswatch.providers.sync.anilist;
