/**
 * The Plex connector: library watched state, ratings and resume points on a Plex Media Server,
 * its playlists, and the account's watchlist on Plex Discover.
 *
 * @since 0.1
 */
package io.crosswatch.providers.sync.plex;
