package io.crosswatch.core.testproviders;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.auth.AuthCapability;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A device-code style auth provider that persists fake tokens through the context's store. */
public class FakeAuth implements AuthProvider {

    @Override
    public AuthManifest manifest() {
        return AuthManifest.builder("fake-auth", ApiVersion.CURRENT).flow(AuthFlow.DEVICE_CODE).version("1.2.3").build();
    }

    @Override
    public Set<AuthCapability> capabilities() {
        return Set.of(AuthCapability.REFRESH);
    }

    @Override
    public AuthStatus status(ProviderContext context) {
        return context.config().has("accessToken")
                ? AuthStatus.connected(context.config().string("account").orElse("someone"), null)
                : AuthStatus.notConnected("run connect");
    }

    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        context.store().update(Map.of("account", payload.getOrDefault("account", "someone")));
        return new AuthStep("ABCD", "https://example.invalid/activate", context.clock().instant().plusSeconds(600), null,
                Map.of("deviceCode", "dev-1"), "enter ABCD");
    }

    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        if (!"dev-1".equals(payload.get("deviceCode"))) {
            return AuthStatus.notConnected("unknown device code");
        }
        context.store().update(Map.of("accessToken", "tok-1", "refreshToken", "ref-1", "refreshes", 0));
        return status(context);
    }

    @Override
    public AuthStatus refresh(ProviderContext context) {
        if (!context.config().has("refreshToken")) {
            return AuthStatus.notConnected("no refresh token");
        }
        long n = context.config().number("refreshes", 0) + 1;
        context.store().update(Map.of("accessToken", "tok-" + (n + 1), "refreshes", n));
        return status(context);
    }

    @Override
    public void disconnect(ProviderContext context) {
        Map<String, Object> removal = new HashMap<>();
        removal.put("accessToken", null);
        removal.put("refreshToken", null);
        context.store().update(removal);
    }
}
