package io.crosswatch.core.testproviders;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;

/** Claims the same name as {@link FakeAuth}. */
public class DuplicateAuth extends FakeAuth {
    @Override
    public AuthManifest manifest() {
        return AuthManifest.builder("fake-auth", ApiVersion.CURRENT).flow(AuthFlow.API_KEY).build();
    }
}
