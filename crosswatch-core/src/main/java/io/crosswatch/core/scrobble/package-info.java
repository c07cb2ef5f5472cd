/**
 * Live scrobbling: the {@link io.crosswatch.core.scrobble.ScrobbleManager} turns media-server
 * playback events into tracker scrobbles (filters, watched threshold, de-duplication, a durable
 * queue with backoff) and records each watched play in the state database the sync engine
 * reads, so a play reaches a tracker once; the {@link io.crosswatch.core.scrobble.Daemon} runs
 * it behind a webhook endpoint next to scheduled sync runs.
 *
 * @since 0.1
 */
package io.crosswatch.core.scrobble;
