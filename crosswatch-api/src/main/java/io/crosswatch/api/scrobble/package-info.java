/**
 * The scrobble family: {@link io.crosswatch.api.scrobble.ScrobbleSource}s turn media-server
 * playback events (webhooks, live connections) into {@link io.crosswatch.api.scrobble.ScrobbleEvent}s
 * and {@link io.crosswatch.api.scrobble.ScrobbleTarget}s report playback to a tracker. Core's
 * scrobble manager sits between them and shares its state with the sync engine, so a play is
 * recorded once.
 *
 * @since 0.1
 */
package io.crosswatch.api.scrobble;
