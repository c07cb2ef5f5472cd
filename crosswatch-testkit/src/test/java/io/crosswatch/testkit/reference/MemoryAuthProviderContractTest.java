package io.crosswatch.testkit.reference;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.testkit.AuthProviderContract;
import io.crosswatch.testkit.ProviderTestKit;
import java.util.Map;

/** The auth contract against the correct reference provider, loaded as core loads it. */
public class MemoryAuthProviderContractTest extends AuthProviderContract {

    private MemoryBackend backend;

    @Override
    protected AuthProvider provider() {
        return ProviderTestKit.forName("memory").authProvider();
    }

    @Override
    protected ProviderConfig configuredConfig() {
        return ProviderConfig.of("memory", "default", Map.of("clientId", "client-0042", "backend", getClass().getName()));
    }

    @Override
    protected Map<String, String> startPayload() {
        return Map.of();
    }

    @Override
    protected void userApproves(AuthStep step) {
        backend.approve(step.state().get("deviceCode"));
    }

    @Override
    protected void resetBackend() {
        backend = MemoryBackend.reset(getClass().getName());
    }

    @Override
    protected void breakBackend() {
        backend.breakDown();
    }
}
