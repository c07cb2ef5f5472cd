/**
 * The metadata family: normalized titles, overviews, years, ids and images fetched from
 * providers such as TMDB.
 *
 * @since 0.1
 */
package io.crosswatch.api.metadata;
