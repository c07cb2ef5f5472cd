/**
 * The TMDB (The Movie Database) metadata provider: titles, overviews, years, ids and artwork
 * of movies, shows, seasons and episodes from the v3 API (not exported).
 *
 * @since 0.1
 */
package io.crosswatch.providers.metadata.tmdb;
