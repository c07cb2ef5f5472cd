package io.crosswatch.providers.auth.jellyfin;

import io.crosswatch.api.auth.AuthProvider;

/** The auth contract for {@code emby}: API under {@code /emby}. */
class EmbyAuthContractTest extends MediaBrowserAuthContract {

    @Override
    protected AuthProvider provider() {
        return new EmbyAuthProvider();
    }

    @Override
    String prefix() {
        return "/emby";
    }

    @Override
    String info() {
        return EMBY_INFO;
    }
}
