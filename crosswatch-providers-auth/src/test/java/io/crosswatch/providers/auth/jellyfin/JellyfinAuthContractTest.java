package io.crosswatch.providers.auth.jellyfin;

import io.crosswatch.api.auth.AuthProvider;

/** The auth contract for {@code jellyfin}. */
class JellyfinAuthContractTest extends MediaBrowserAuthContract {

    @Override
    protected AuthProvider provider() {
        return new JellyfinAuthProvider();
    }

    @Override
    String prefix() {
        return "";
    }

    @Override
    String info() {
        return JELLYFIN_INFO;
    }
}
