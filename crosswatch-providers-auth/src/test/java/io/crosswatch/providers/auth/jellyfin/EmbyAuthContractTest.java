package io.crosswatch.providers.auth.jellyfin;

import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.testkit.ProviderTestKit;

/** The auth contract for {@code emby}: API under {@code /emby}. */
class EmbyAuthContractTest extends MediaBrowserAuthContract {

    @Override
    protected AuthProvider provider() {
        return ProviderTestKit.forName("emby").assertRegistered().authProvider();
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
