/**
 * The TMDB account connector: watchlist and ratings of movies and shows through the v3 API
 * with a session id (not exported).
 *
 * @since 0.1
 */
package io.crosswatch.providers.sync.tmdb;
