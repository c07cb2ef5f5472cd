/**
 * What is synced: media items, their external ids, and the features (watchlist, ratings,
 * history, progress, playlists) whose state moves between services.
 *
 * @since 0.1
 */
package io.crosswatch.api.media;
