package io.crosswatch.testkit.reference;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.auth.AuthCapability;
import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A correct device-code auth provider over {@link MemoryBackend}; with {@link Fault}s it
 * breaks exactly one rule at a time, so the testkit's own tests can prove it catches each.
 */
public class MemoryAuthProvider implements AuthProvider {

    /** Deliberate faults. */
    public enum Fault {
        /** The status returned by finish() carries the access token in its message. */
        LEAKS_TOKEN_IN_STATUS,
        /** refresh() with the service down names the refresh token in its exception. */
        LEAKS_TOKEN_IN_EXCEPTION,
        /** Throws IllegalStateException instead of a CrossWatchException when the service is down. */
        UNTYPED_EXCEPTION,
        /** disconnect() forgets the refresh token. */
        DISCONNECT_KEEPS_REFRESH_TOKEN,
        /** finish() logs the issued access token at TRACE, where only a verbose log shows it. */
        LOGS_TOKEN_AT_TRACE
    }

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private final Set<Fault> faults;

    /** The correct provider (what ServiceLoader instantiates). */
    public MemoryAuthProvider() {
        this(Set.of());
    }

    /** @param faults the faults to commit */
    public MemoryAuthProvider(Set<Fault> faults) {
        this.faults = faults.isEmpty() ? Set.of() : EnumSet.copyOf(faults);
    }

    @Override
    public AuthManifest manifest() {
        return AuthManifest.builder("memory", ApiVersion.CURRENT).label("Memory").flow(AuthFlow.DEVICE_CODE)
                .field("clientId", "the OAuth client id").field("backend", "which in-memory backend").build();
    }

    @Override
    public Set<AuthCapability> capabilities() {
        return EnumSet.of(AuthCapability.REFRESH, AuthCapability.REVOKE, AuthCapability.VERIFY);
    }

    @Override
    public AuthStatus status(ProviderContext context) {
        ProviderConfig c = context.config();
        if (!c.has("accessToken")) {
            return AuthStatus.notConnected("not connected; run 'crosswatch connect memory'");
        }
        MemoryBackend b = MemoryBackend.of(c).orElse(null);
        if (b == null || b.isDown()) {
            return new AuthStatus(AuthStatus.State.UNKNOWN, null, null, "the memory service cannot be reached");
        }
        return b.isValid(c.require("accessToken"))
                ? AuthStatus.connected("tester", null)
                : new AuthStatus(AuthStatus.State.EXPIRED, null, null, "the token was rejected; connect again");
    }

    @Override
    public AuthStep start(ProviderContext context, Map<String, String> payload) {
        ProviderConfig c = context.config();
        c.require("clientId");
        MemoryBackend b = backend(c);
        String code = b.newDeviceCode();
        return new AuthStep("ABCD-1234", "https://memory.example/activate", context.clock().instant().plusSeconds(600),
                INTERVAL, Map.of("deviceCode", code), "Enter ABCD-1234 at https://memory.example/activate");
    }

    @Override
    public AuthStatus finish(ProviderContext context, Map<String, String> payload) {
        String code = payload.get("deviceCode");
        if (code == null) {
            throw new AuthException("memory", "finish() needs the deviceCode that start() returned");
        }
        MemoryBackend b = backend(context.config());
        Instant deadline = context.clock().instant().plusSeconds(600);
        while (true) {
            context.cancellation().throwIfCancelled();
            Boolean approved = b.deviceCodeApproved(code).orElseThrow(() ->
                    new AuthException("memory", "the device code is unknown or was used; connect again"));
            if (approved) {
                break;
            }
            if (!context.clock().instant().isBefore(deadline)) {
                throw new AuthException("memory", "the code expired before it was approved; connect again");
            }
            try {
                context.sleeper().sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.crosswatch.api.CancelledException("interrupted while waiting for approval");
            }
        }
        String[] tokens = b.issueTokens(code);
        persist(context, tokens);
        if (faults.contains(Fault.LOGS_TOKEN_AT_TRACE)) {
            System.getLogger("io.crosswatch.testkit.memory").log(System.Logger.Level.TRACE, "issued {0}", tokens[0]);
        }
        String message = faults.contains(Fault.LEAKS_TOKEN_IN_STATUS) ? "connected with " + tokens[0] : null;
        return new AuthStatus(AuthStatus.State.CONNECTED, "tester", null, message);
    }

    @Override
    public AuthStatus refresh(ProviderContext context) {
        ProviderConfig c = context.config();
        String rt = c.string("refreshToken").orElseThrow(() ->
                new AuthException("memory", "no refresh token; connect again"));
        MemoryBackend b = MemoryBackend.of(c).orElseThrow(() -> new AuthException("memory", "no backend configured"));
        if (b.isDown()) {
            if (faults.contains(Fault.LEAKS_TOKEN_IN_EXCEPTION)) {
                throw new io.crosswatch.api.ProviderException("memory", true, "refreshing " + rt + " failed");
            }
            throw down();
        }
        String[] tokens = b.refresh(rt).orElseThrow(() ->
                new AuthException("memory", "the refresh token was rejected; connect again"));
        persist(context, tokens);
        return AuthStatus.connected("tester", null);
    }

    @Override
    public void disconnect(ProviderContext context) {
        ProviderConfig c = context.config();
        Map<String, Object> clear = new HashMap<>();
        clear.put("accessToken", null);
        if (!faults.contains(Fault.DISCONNECT_KEEPS_REFRESH_TOKEN)) {
            clear.put("refreshToken", null);
        }
        context.store().update(clear); // local secrets first: they must go even if revoking fails
        MemoryBackend b = MemoryBackend.of(c).orElse(null);
        if (b != null && c.has("accessToken")) {
            if (b.isDown()) {
                throw down();
            }
            b.revoke(c.require("accessToken"));
        }
    }

    private static void persist(ProviderContext context, String[] tokens) {
        context.store().update(Map.of("accessToken", tokens[0], "refreshToken", tokens[1]));
    }

    private MemoryBackend backend(ProviderConfig c) {
        MemoryBackend b = MemoryBackend.of(c).orElseThrow(() ->
                new io.crosswatch.api.ConfigException(c.path() + ".backend", "names no backend"));
        if (b.isDown()) {
            throw down();
        }
        return b;
    }

    private RuntimeException down() {
        if (faults.contains(Fault.UNTYPED_EXCEPTION)) {
            return new IllegalStateException("backend down");
        }
        return new ProviderException("memory", 503, true, "the memory service is unavailable; try again later", null);
    }
}
