package io.crosswatch.core.testproviders;

import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;

/** Built against an API version this core does not support. */
public class FutureApiAuth extends FakeAuth {
    @Override
    public AuthManifest manifest() {
        return AuthManifest.builder("future-auth", 99).flow(AuthFlow.API_KEY).build();
    }
}
