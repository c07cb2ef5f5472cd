package io.crosswatch.providers.auth.jellyfin;

import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.testkit.ProviderTestKit;

/** The auth contract for {@code jellyfin}. */
class JellyfinAuthContractTest extends MediaBrowserAuthContract {

    @Override
    protected AuthProvider provider() {
        return ProviderTestKit.forName("jellyfin").assertRegistered().authProvider();
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
