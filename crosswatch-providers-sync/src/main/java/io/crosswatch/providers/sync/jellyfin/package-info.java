/**
 * Jellyfin and Emby connectors on one shared base ({@code MediaBrowserConnector} and its
 * session); the servers' differences live in {@code ServerFlavor} and {@code Routes}. Not exported.
 *
 * @since 0.1
 */
package io.crosswatch.providers.sync.jellyfin;
