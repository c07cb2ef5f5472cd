package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.crosswatch.api.Api;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.api.auth.AuthCapability;
import io.crosswatch.api.auth.AuthManifest;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link AuthProvider} must honour. Extend it in your tests, supply the
 * provider and a backend (WireMock stubs or an in-memory fake: the contract only sees the SPI),
 * and every rule runs as a JUnit test.
 *
 * <p>Rules (a {@code required_} rule must pass; an {@code optional_} rule passes or is skipped
 * when the provider lacks the capability or the test does not supply the hook it needs):
 * <ol>
 *   <li>{@code required_1_1_manifestIsSane}: name pattern, label, flow, supported API version,
 *       manifest and capabilities constant across calls.</li>
 *   <li>{@code required_1_2_statusWhenUnconfiguredIsNotConnected}: does not throw, writes no secret.</li>
 *   <li>{@code required_1_3_startFinishRoundTripConnects}: start, {@link #userApproves}, finish →
 *       CONNECTED, with a secret persisted through the {@link ProviderStore}.</li>
 *   <li>{@code required_1_4_connectionSurvivesAFreshProviderInstance}: a new provider instance
 *       over the persisted store reports CONNECTED (nothing kept in fields).</li>
 *   <li>{@code optional_1_5_refreshPersistsNewTokens}: with {@link AuthCapability#REFRESH}, refresh
 *       stays CONNECTED and changes a persisted secret.</li>
 *   <li>{@code required_1_6_disconnectClearsEverySecret}: no secret-bearing key keeps a value.</li>
 *   <li>{@code required_1_7_noSecretInToString}: the provider, the step and every status print
 *       no secret.</li>
 *   <li>{@code optional_1_8_failuresAreTypedAndSecretFree}: with {@link #breakBackend()}, what
 *       status, refresh and start throw is a {@link CrossWatchException} without secrets.</li>
 *   <li>{@code optional_1_9_disconnectClearsSecretsWhenServiceIsDown}: with {@link #breakBackend()}.</li>
 *   <li>{@code required_1_10_noSecretInVerboseLogs}: with every logger at its most verbose level
 *       ({@link LogCapture}), start → finish → status → refresh → disconnect and, for each
 *       {@link BackendFailure} that {@link #failBackend} can stage (the request echoed in the
 *       error body), status, refresh, start → finish and disconnect again: no secret (payload,
 *       store, step state, {@link #extraSecrets()}) appears in a log line (message, parameters,
 *       stack traces with causes), an exception, a returned value's or the store's
 *       {@code toString}.</li>
 * </ol>
 *
 * <p>Each test gets fresh {@link VirtualTime}; {@link #resetBackend()} runs before each.
 *
 * <p>A rule that takes more than {@value #RULE_TIMEOUT_SECONDS} seconds of real time fails: waits
 * must go through the context's sleeper, which runs on virtual time here.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
@Timeout(AuthProviderContract.RULE_TIMEOUT_SECONDS)
public abstract class AuthProviderContract {

    /** The real-time limit of one rule; virtual time makes every correct provider far faster. */
    public static final long RULE_TIMEOUT_SECONDS = 60;

    private VirtualTime time;
    private SecretScanner secrets;

    /** For subclasses. */
    protected AuthProviderContract() {
    }

    // ---------------------------------------------------------------- hooks

    /** @return a new instance of the provider under test (for example {@code ProviderTestKit.forName("x").authProvider()}) */
    protected abstract AuthProvider provider();

    /**
     * @return the configuration a user has before connecting: what {@code start} needs (client
     *         id, server URL pointing at your backend) and no token
     */
    protected abstract ProviderConfig configuredConfig();

    /** @return the user input passed to {@code start}, such as username and password; may be empty */
    protected abstract Map<String, String> startPayload();

    /** @return a configuration with nothing set; defaults to {@link ProviderConfig#empty} */
    protected ProviderConfig unconfiguredConfig() {
        return ProviderConfig.empty(provider().manifest().name());
    }

    /**
     * The context every call receives. Defaults to a {@link TestContext} over {@code store} and
     * this test's {@link #time()}; override to add a credential refresher or other behaviour.
     *
     * @param store the store the provider must persist into
     * @return the context
     */
    protected ProviderContext context(ProviderStore store) {
        return TestContext.of(store, time());
    }

    /**
     * Called between {@code start} and {@code finish}: make your backend behave as if the user
     * approved the code or PIN. Does nothing by default (password and key flows).
     *
     * @param step what {@code start} returned
     */
    protected void userApproves(AuthStep step) {
    }

    /**
     * @param step what {@code start} returned
     * @return the payload for {@code finish}; defaults to {@link AuthStep#state()} plus {@link #startPayload()}
     */
    protected Map<String, String> finishPayload(AuthStep step) {
        Map<String, String> p = new java.util.LinkedHashMap<>(startPayload());
        p.putAll(step.state());
        return p;
    }

    /** Puts the backend back in its initial state; runs before each rule. Does nothing by default. */
    protected void resetBackend() {
    }

    /**
     * Makes the backend fail every call from now on (WireMock: stub 500s or drop connections).
     * Rules that need it are skipped unless overridden.
     */
    protected void breakBackend() {
        Assumptions.abort("breakBackend() is not overridden: failure rules are skipped");
    }

    /**
     * Makes the backend answer every request with {@code failure} from now on, until the next
     * {@link #resetBackend()}. For HTTP answers the body should echo the request (URL, credential
     * headers, body) in ordinary fields such as {@code "message"}: servers quote what they
     * refuse, and nothing quoted may leak. With WireMock:
     * <pre>{@code
     * wm.stubFor(any(anyUrl()).atPriority(1).willReturn(failure.isHttpAnswer()
     *         ? aResponse().withStatus(failure.status()).withHeader("Retry-After", "1")
     *               .withBody("{\"message\":\"refused {{request.url}} {{request.headers.Authorization}} {{request.body}}\"}")
     *               .withTransformers("response-template")
     *         : aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
     * }</pre>
     *
     * @param failure how to fail
     * @return whether the backend now fails that way; {@code false} (the default) skips that
     *         failure in {@code required_1_10_noSecretInVerboseLogs}
     */
    protected boolean failBackend(BackendFailure failure) {
        return false;
    }

    /**
     * @return secret values your backend issues that the scanner should look for besides those
     *         it finds in the payload and the store (for example a device code)
     */
    protected Set<String> extraSecrets() {
        return Set.of();
    }

    /** @return this test's virtual time */
    protected final VirtualTime time() {
        return time;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Fresh virtual time and secret scanner; resets the backend. */
    @BeforeEach
    public final void setUpAuthContract() {
        time = VirtualTime.create();
        secrets = new SecretScanner();
        secrets.addSecretsOf("startPayload", startPayload());
        extraSecrets().forEach(s -> secrets.add("extraSecrets()", s));
        resetBackend();
    }

    // ---------------------------------------------------------------- rules

    /** Rule 1.1. */
    @Test
    public void required_1_1_manifestIsSane() {
        AuthProvider p = provider();
        AuthManifest m = p.manifest();
        assertNotNull(m, "manifest() returned null");
        Manifests.assertSane("auth provider", m.name(), m.label(), m.apiVersion());
        assertNotNull(m.flow(), "auth provider '" + m.name() + "' has no flow");
        AuthManifest again = p.manifest();
        Manifests.assertConstant("auth provider", "manifest name", m.name(), again.name());
        Manifests.assertConstant("auth provider", "manifest label", m.label(), again.label());
        Manifests.assertConstant("auth provider", "manifest flow", m.flow(), again.flow());
        Manifests.assertConstant("auth provider", "manifest apiVersion", m.apiVersion(), again.apiVersion());
        Manifests.assertConstant("auth provider", "manifest fields", m.fields(), again.fields());
        assertNotNull(p.capabilities(), "capabilities() returned null; return Set.of() for none");
        Manifests.assertConstant("auth provider", "capabilities", p.capabilities(), p.capabilities());
        Manifests.assertConstant("auth provider", "name across instances", m.name(), provider().manifest().name());
        assertEquals(m.name(), configuredConfig().provider(),
                "configuredConfig() is for provider '" + configuredConfig().provider() + "', not '" + m.name() + "'");
    }

    /** Rule 1.2. */
    @Test
    public void required_1_2_statusWhenUnconfiguredIsNotConnected() {
        RecordingProviderStore store = RecordingProviderStore.of(unconfiguredConfig());
        AuthStatus status = call("status() with an unconfigured instance", () -> provider().status(context(store)));
        assertNotNull(status, "status() returned null");
        assertEquals(AuthStatus.State.NOT_CONNECTED, status.state(),
                "status() of an instance with nothing configured must be NOT_CONNECTED, was " + status);
        assertTrue(store.secretKeys().isEmpty(), "status() wrote secrets into the store: " + store.secretKeys());
    }

    /** Rule 1.3. */
    @Test
    public void required_1_3_startFinishRoundTripConnects() {
        RecordingProviderStore store = RecordingProviderStore.of(configuredConfig());
        AuthStatus status = connect(provider(), store, new ArrayList<>());
        assertEquals(AuthStatus.State.CONNECTED, status.state(), "finish() must return CONNECTED, was " + status);
        assertTrue(store.persistedASecret(), "finish() connected but persisted no secret-bearing key through "
                + "context.store().update(...); updates seen: " + store.updates().size());
        assertFalse(store.secretKeys().isEmpty(), "after connecting the store holds no token or key");
    }

    /** Rule 1.4. */
    @Test
    public void required_1_4_connectionSurvivesAFreshProviderInstance() {
        RecordingProviderStore store = RecordingProviderStore.of(configuredConfig());
        connect(provider(), store, new ArrayList<>());
        AuthStatus status = call("status() after connecting", () -> provider().status(context(store)));
        assertNotNull(status, "status() returned null");
        assertEquals(AuthStatus.State.CONNECTED, status.state(), "a fresh provider instance over the persisted "
                + "store must report CONNECTED (keep credentials in the store, not in fields), was " + status);
    }

    /** Rule 1.5. */
    @Test
    public void optional_1_5_refreshPersistsNewTokens() {
        assumeCapability(AuthCapability.REFRESH);
        RecordingProviderStore store = RecordingProviderStore.of(configuredConfig());
        connect(provider(), store, new ArrayList<>());
        Map<String, String> before = store.secrets();
        int updatesBefore = store.updates().size();
        time().advance(java.time.Duration.ofHours(1));
        AuthStatus status = call("refresh()", () -> provider().refresh(context(store)));
        assertNotNull(status, "refresh() returned null");
        assertEquals(AuthStatus.State.CONNECTED, status.state(), "refresh() must stay CONNECTED, was " + status);
        assertTrue(store.updates().size() > updatesBefore, "refresh() persisted nothing through the store");
        assertNotEquals(before, store.secrets(), "refresh() left every persisted secret unchanged; "
                + "the new access token must be persisted (the backend must issue a new one)");
        assertFalse(store.secretKeys().isEmpty(), "refresh() removed the credentials");
    }

    /** Rule 1.6. */
    @Test
    public void required_1_6_disconnectClearsEverySecret() {
        RecordingProviderStore store = RecordingProviderStore.of(configuredConfig());
        connect(provider(), store, new ArrayList<>());
        call("disconnect()", () -> {
            provider().disconnect(context(store));
            return null;
        });
        assertTrue(store.secretKeys().isEmpty(), "disconnect() left secret-bearing keys with values: "
                + store.secretKeys());
        AuthStatus status = call("status() after disconnect()", () -> provider().status(context(store)));
        assertNotEquals(AuthStatus.State.CONNECTED, status.state(), "status() after disconnect() is still CONNECTED");
    }

    /** Rule 1.7. */
    @Test
    public void required_1_7_noSecretInToString() {
        RecordingProviderStore store = RecordingProviderStore.of(configuredConfig());
        AuthProvider p = provider();
        List<Object> seen = new ArrayList<>();
        connect(p, store, seen);
        secrets.addConfig(store.current());
        assertTrue(secrets.size() > 0, "no secret to look for: the payload and the store hold none of at least "
                + SecretScanner.MIN_LENGTH + " characters");
        seen.add(call("status()", () -> p.status(context(store))));
        if (p.capabilities().contains(AuthCapability.REFRESH)) {
            seen.add(call("refresh()", () -> p.refresh(context(store))));
            secrets.addConfig(store.current());
        }
        secrets.assertNotIn("the provider's toString()", p.toString());
        for (Object o : seen) {
            secrets.assertNotIn("the toString() of " + (o == null ? "null" : o.getClass().getSimpleName()),
                    String.valueOf(o));
        }
    }

    /** Rule 1.8. */
    @Test
    public void optional_1_8_failuresAreTypedAndSecretFree() {
        RecordingProviderStore store = RecordingProviderStore.of(configuredConfig());
        connect(provider(), store, new ArrayList<>());
        secrets.addConfig(store.current());
        breakBackend();
        AuthProvider p = provider();
        List<Throwable> thrown = new ArrayList<>();
        List<Object> returned = new ArrayList<>();
        capture(() -> p.status(context(store)), returned, thrown);
        if (p.capabilities().contains(AuthCapability.REFRESH)) {
            capture(() -> p.refresh(context(store)), returned, thrown);
        }
        RecordingProviderStore fresh = RecordingProviderStore.of(configuredConfig());
        capture(() -> p.start(context(fresh), startPayload()), returned, thrown);
        for (Throwable t : thrown) {
            if (!(t instanceof CrossWatchException)) {
                fail("with the backend down the provider threw an untyped " + t.getClass().getName()
                        + "; wrap failures in AuthException or ProviderException", t);
            }
            secrets.assertNotIn(t);
        }
        for (Object o : returned) {
            secrets.assertNotIn("what the provider returned with the backend down", String.valueOf(o));
        }
        secrets.assertNotIn("the provider's toString()", p.toString());
    }

    /** Rule 1.9. */
    @Test
    public void optional_1_9_disconnectClearsSecretsWhenServiceIsDown() {
        RecordingProviderStore store = RecordingProviderStore.of(configuredConfig());
        connect(provider(), store, new ArrayList<>());
        breakBackend();
        try {
            provider().disconnect(context(store));
        } catch (CrossWatchException e) {
            // Reporting that the revoke failed is allowed; keeping the secrets is not.
        }
        assertTrue(store.secretKeys().isEmpty(), "disconnect() with the service down left secrets in the store: "
                + store.secretKeys() + "; local secrets must be cleared even when revoking fails");
    }

    /** Rule 1.10. */
    @Test
    public void required_1_10_noSecretInVerboseLogs() {
        AuthProvider p = provider();
        List<Object> seen = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();
        List<RecordingProviderStore> stores = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            RecordingProviderStore store = RecordingProviderStore.of(configuredConfig());
            stores.add(store);
            connect(p, store, seen);
            seen.add(call("status()", () -> p.status(context(store))));
            if (p.capabilities().contains(AuthCapability.REFRESH)) {
                time().advance(java.time.Duration.ofHours(1));
                seen.add(call("refresh()", () -> p.refresh(context(store))));
                secrets.addConfig(store.current());
            }
            call("disconnect()", () -> {
                p.disconnect(context(store));
                return null;
            });
            for (BackendFailure failure : BackendFailure.values()) {
                resetBackend();
                RecordingProviderStore connected = RecordingProviderStore.of(configuredConfig());
                stores.add(connected);
                connect(p, connected, seen);
                if (!failBackend(failure)) {
                    continue;
                }
                capture(() -> p.status(context(connected)), seen, thrown);
                if (p.capabilities().contains(AuthCapability.REFRESH)) {
                    capture(() -> p.refresh(context(connected)), seen, thrown);
                }
                RecordingProviderStore fresh = RecordingProviderStore.of(configuredConfig());
                stores.add(fresh);
                capture(() -> {
                    AuthStep step = p.start(context(fresh), startPayload());
                    seen.add(step);
                    return p.finish(context(fresh), finishPayload(step));
                }, seen, thrown);
                capture(() -> {
                    p.disconnect(context(connected));
                    return null;
                }, seen, thrown);
                secrets.addConfig(connected.current());
            }
            resetBackend();
            assertTrue(secrets.size() > 0, "no secret to look for: the payload and the store hold none of at least "
                    + SecretScanner.MIN_LENGTH + " characters");
            logs.assertNoSecrets(secrets);
        }
        for (Throwable t : thrown) {
            secrets.assertNotIn(t);
            java.io.StringWriter trace = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(trace));
            secrets.assertNotIn("the stack trace of " + t.getClass().getName(), trace.toString());
        }
        for (Object o : seen) {
            secrets.assertNotIn("the toString() of " + (o == null ? "null" : o.getClass().getSimpleName()),
                    String.valueOf(o));
        }
        for (RecordingProviderStore store : stores) {
            secrets.assertNotIn("the store's toString()", store.toString());
            secrets.assertNotIn("the stored config's toString()", store.current().toString());
        }
        secrets.assertNotIn("the provider's toString()", p.toString());
    }

    // ---------------------------------------------------------------- helpers

    private AuthStatus connect(AuthProvider p, RecordingProviderStore store, List<Object> seen) {
        Map<String, String> payload = startPayload();
        AuthStep step = call("start()", () -> p.start(context(store), payload));
        assertNotNull(step, "start() returned null");
        seen.add(step);
        step.state().forEach((k, v) -> {
            if (io.crosswatch.api.Secret.isSecretKey(k)) {
                secrets.add("AuthStep.state." + k, v);
            }
        });
        userApproves(step);
        AuthStatus status = call("finish()", () -> p.finish(context(store), finishPayload(step)));
        assertNotNull(status, "finish() returned null");
        seen.add(status);
        secrets.addConfig(store.current());
        return status;
    }

    private void assumeCapability(AuthCapability c) {
        Assumptions.assumeTrue(provider().capabilities().contains(c),
                () -> "the provider does not declare " + c + ": rule skipped");
    }

    /** Runs a call; an exception fails the rule, scanned for secrets and type first. */
    private <T> T call(String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            secrets.assertNotIn(e);
            if (e instanceof CrossWatchException) {
                throw new org.opentest4j.AssertionFailedError(what + " failed: " + e.getMessage(), e);
            }
            throw new org.opentest4j.AssertionFailedError(what + " threw an untyped " + e.getClass().getName()
                    + "; providers throw CrossWatchException subclasses", e);
        }
    }

    private static void capture(Supplier<?> body, List<Object> returned, List<Throwable> thrown) {
        try {
            returned.add(body.get());
        } catch (RuntimeException e) {
            thrown.add(e);
        }
    }
}
