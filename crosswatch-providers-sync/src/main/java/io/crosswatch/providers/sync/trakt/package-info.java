/**
 * The Trakt connector: watchlist, ratings, history, playback progress and personal lists over
 * Trakt API v2's {@code /sync/*}, {@code /scrobble/pause} and {@code /users/me/lists} endpoints,
 * with {@code /sync/last_activities} as the cheap change probe.
 *
 * @since 0.1
 */
package io.crosswatch.providers.sync.trakt;
