/**
 * Jellyfin and Emby sign-in on one shared base ({@code MediaBrowserAuthProvider}); the servers'
 * differences live in {@code ServerFlavor}. Not exported.
 *
 * @since 0.1
 */
package io.crosswatch.providers.auth.jellyfin;
