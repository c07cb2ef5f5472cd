package io.crosswatch.cli;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Auth providers for command tests: a device-code flow that polls twice and a password flow. */
final class FakeAuthProviders {

    static final String DEVICE_SECRET = "device-code-SECRET-123";
    static final String ACCESS_TOKEN = "access-token-SECRET-456";
    static final String PASSWORD = "hunter2-SECRET";

    private FakeAuthProviders() {
    }

    /** Device code: start shows a code and URL; finish sleeps twice (virtual time) and saves a token. */
    static final class Device implements AuthProvider {
        @Override
        public AuthManifest manifest() {
            return AuthManifest.builder("fakedevice", ApiVersion.CURRENT).label("Fake Device").flow(AuthFlow.DEVICE_CODE)
                    .build();
        }

        @Override
        public AuthStatus status(ProviderContext ctx) {
            return ctx.config().string("accessToken").isPresent()
                    ? AuthStatus.connected("alice", null) : AuthStatus.notConnected("no token");
        }

        @Override
        public AuthStep start(ProviderContext ctx, Map<String, String> payload) {
            return new AuthStep("ABCD-1234", "https://example.test/activate", ctx.clock().instant().plusSeconds(600),
                    Duration.ofSeconds(5), Map.of("device_code", DEVICE_SECRET), "Open the URL and enter the code.");
        }

        @Override
        public AuthStatus finish(ProviderContext ctx, Map<String, String> payload) {
            if (!DEVICE_SECRET.equals(payload.get("device_code"))) {
                throw new AuthException("fakedevice", "the device code was not passed back");
            }
            try {
                ctx.sleeper().sleep(Duration.ofSeconds(5));
                ctx.sleeper().sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthException("fakedevice", "interrupted");
            }
            ctx.store().update(Map.of("accessToken", ACCESS_TOKEN));
            return AuthStatus.connected("alice", ctx.clock().instant().plusSeconds(3600));
        }

        @Override
        public void disconnect(ProviderContext ctx) {
            Map<String, Object> clear = new HashMap<>();
            clear.put("accessToken", null);
            ctx.store().update(clear);
        }
    }

    /** Username and password, checked at start. */
    static final class Password implements AuthProvider {
        @Override
        public AuthManifest manifest() {
            return AuthManifest.builder("fakepw", ApiVersion.CURRENT).label("Fake Server").flow(AuthFlow.PASSWORD).build();
        }

        @Override
        public AuthStatus status(ProviderContext ctx) {
            return ctx.config().string("token").isPresent()
                    ? AuthStatus.connected(ctx.config().string("user").orElse("?"), null)
                    : AuthStatus.notConnected("not logged in");
        }

        @Override
        public AuthStep start(ProviderContext ctx, Map<String, String> payload) {
            if (!PASSWORD.equals(payload.get("password"))) {
                throw new AuthException("fakepw", "the server rejected the user name or password");
            }
            ctx.store().update(Map.of("token", ACCESS_TOKEN, "user", payload.get("username")));
            return new AuthStep(null, null, ctx.clock().instant(), null, Map.of(), null);
        }

        @Override
        public AuthStatus finish(ProviderContext ctx, Map<String, String> payload) {
            return status(ctx);
        }

        @Override
        public void disconnect(ProviderContext ctx) {
            Map<String, Object> clear = new HashMap<>();
            clear.put("token", null);
            ctx.store().update(clear);
        }
    }

    /** OAuth code: start shows a URL; finish exchanges the pasted code. */
    static final class OAuthCode implements AuthProvider {
        static final String CODE = "pasted-code-SECRET-789";

        @Override
        public AuthManifest manifest() {
            return AuthManifest.builder("fakeoauth", ApiVersion.CURRENT).label("Fake OAuth").flow(AuthFlow.OAUTH_CODE)
                    .build();
        }

        @Override
        public AuthStatus status(ProviderContext ctx) {
            return ctx.config().string("accessToken").isPresent()
                    ? AuthStatus.connected("carol", null) : AuthStatus.notConnected("no token");
        }

        @Override
        public AuthStep start(ProviderContext ctx, Map<String, String> payload) {
            return new AuthStep(null, "https://example.test/authorize?client_id=x", ctx.clock().instant().plusSeconds(600),
                    null, Map.of(), "Approve in the browser, then paste the code.");
        }

        @Override
        public AuthStatus finish(ProviderContext ctx, Map<String, String> payload) {
            if (!CODE.equals(payload.get("code"))) {
                throw new AuthException("fakeoauth", "the code was not accepted");
            }
            ctx.store().update(Map.of("accessToken", ACCESS_TOKEN));
            return status(ctx);
        }

        @Override
        public void disconnect(ProviderContext ctx) {
        }
    }

    /** API key flow: start stores payload {@code apiKey}, as the first-party key providers do. */
    static final class ApiKey implements AuthProvider {
        @Override
        public AuthManifest manifest() {
            return AuthManifest.builder("fakekey", ApiVersion.CURRENT).label("Fake Key").flow(AuthFlow.API_KEY)
                    .field("apiKey", "your API key").build();
        }

        @Override
        public AuthStatus status(ProviderContext ctx) {
            return ctx.config().string("apiKey").isPresent()
                    ? AuthStatus.connected("dave", null) : AuthStatus.notConnected("no key");
        }

        @Override
        public AuthStep start(ProviderContext ctx, Map<String, String> payload) {
            if (payload.get("apiKey") == null) {
                throw new AuthException("fakekey", "no apiKey in the payload");
            }
            ctx.store().update(Map.of("apiKey", payload.get("apiKey")));
            return new AuthStep(null, null, ctx.clock().instant(), null, Map.of(), null);
        }

        @Override
        public AuthStatus finish(ProviderContext ctx, Map<String, String> payload) {
            return status(ctx);
        }

        @Override
        public void disconnect(ProviderContext ctx) {
        }
    }
}
