package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.crosswatch.api.Api;
import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Completeness;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link Connector} must honour. Extend it in your tests, supply the
 * connector, a configured context and sample items your backend (WireMock stubs or an in-memory
 * fake) accepts, and every rule runs as a JUnit test, once per {@link Feature}. Features the
 * connector does not declare are skipped, as are rules whose capability or hook is missing.
 *
 * <p>Rules ({@code required_} must pass whenever the feature or capability is declared;
 * {@code optional_} passes or is skipped when its hook is not supplied):
 * <ol>
 *   <li>{@code required_2_1_manifestIsSane}: name, label, supported API version, features and
 *       capabilities constant across calls; {@code isConfigured} is true for {@link #context()}.</li>
 *   <li>{@code required_2_2_readIsStable}: a declared feature reads without failing, and two
 *       reads of an unchanged backend return the same keys; no secret of the config appears
 *       in the connector's or the session's {@code toString}.</li>
 *   <li>{@code required_2_3_addThenReadShowsItems}: one successful outcome per item, then every
 *       sample item is in the read.</li>
 *   <li>{@code required_2_4_removeThenReadHidesItems}: when removal is supported.</li>
 *   <li>{@code required_2_5_dryRunAddWritesNothing}.</li>
 *   <li>{@code required_2_6_dryRunRemoveWritesNothing}: when removal is supported.</li>
 *   <li>{@code required_2_7_reAddDoesNotDuplicate}: outcome ADDED, UPDATED or EXISTING, and
 *       the read count of the items is unchanged.</li>
 *   <li>{@code required_2_8_undeclaredMediaTypeIsRejected}: an item of a type the capabilities
 *       leave out is UNSUPPORTED or FAILED (or a typed exception), and never shows up.</li>
 *   <li>{@code required_2_9_cancelledReadIsNeverComplete}: with the context's token cancelled,
 *       a read throws {@link CancelledException} or returns a result that is not COMPLETE.</li>
 *   <li>{@code optional_2_10_failuresAreTyped}: against {@link #brokenContext()}, reads are
 *       not COMPLETE and explain why, writes do not succeed, and anything thrown is a
 *       {@link CrossWatchException}, never a raw {@code IOException}, NPE or the like, and
 *       carries no secret of the config.</li>
 *   <li>{@code required_2_11_noSecretInVerboseLogs}: with every logger at its most verbose level
 *       ({@link LogCapture}), open, then per declared feature read, add, remove (when
 *       supported), then activities and health, against {@link #context()} and against each
 *       {@link #hostileContext} staged (the request echoed in the error body): no secret of
 *       the configs appears in a log line (message, parameters, stack traces with causes), an
 *       exception, or the {@code toString} of the connector, the session, a result or an
 *       outcome's reason.</li>
 * </ol>
 *
 * <p>{@link #resetBackend()} runs before each rule, and each rule opens its own session.
 *
 * <p>A rule that takes more than {@value #RULE_TIMEOUT_SECONDS} seconds of real time fails: waits
 * must go through the context's sleeper, which runs on virtual time here.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
@Timeout(ConnectorContract.RULE_TIMEOUT_SECONDS)
public abstract class ConnectorContract {

    /** The real-time limit of one rule; virtual time makes every correct provider far faster. */
    public static final long RULE_TIMEOUT_SECONDS = 60;

    /** For subclasses. */
    protected ConnectorContract() {
    }

    // ---------------------------------------------------------------- hooks

    /** @return a new instance of the connector under test */
    protected abstract Connector connector();

    /** @return a configured context whose config points at your backend (tokens, base URL) */
    protected abstract ProviderContext context();

    /**
     * @param feature a feature the connector declares
     * @return at least one item the backend accepts for {@code feature} and does not hold after
     *         {@link #resetBackend()}; with the payload the feature needs (rating, watchedAt, list…)
     */
    protected abstract List<MediaItem> sampleItems(Feature feature);

    /** Puts the backend back in its initial state; runs before each rule. Does nothing by default. */
    protected void resetBackend() {
    }

    /**
     * @return a context pointing at a failing backend (a WireMock stub answering 500, a closed
     *         port); empty by default, which skips {@code optional_2_10_failuresAreTyped}
     */
    protected Optional<ProviderContext> brokenContext() {
        return Optional.empty();
    }

    /**
     * Stages {@code failure} on a backend and returns a context pointing at it, with the same
     * kind of secrets as {@link #context()} (a second WireMock server is simplest). Every request
     * must get the failure; HTTP answers should echo the request (URL, credential headers, body)
     * in ordinary fields such as {@code "message"}, as servers quote what they refuse. See
     * {@link BackendFailure}.
     *
     * @param failure how the backend fails
     * @return the context, or empty (the default) to leave that failure out of
     *         {@code required_2_11_noSecretInVerboseLogs}
     */
    protected Optional<ProviderContext> hostileContext(BackendFailure failure) {
        return Optional.empty();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Resets the backend. */
    @BeforeEach
    public final void setUpConnectorContract() {
        resetBackend();
    }

    // ---------------------------------------------------------------- rules

    /** Rule 2.1. */
    @Test
    public void required_2_1_manifestIsSane() {
        Connector c = connector();
        ConnectorManifest m = c.manifest();
        assertNotNull(m, "manifest() returned null");
        Manifests.assertSane("connector", m.name(), m.label(), m.apiVersion());
        assertFalse(m.features().isEmpty(), "connector '" + m.name() + "' declares no features");
        assertNotNull(m.capabilities(), "connector '" + m.name() + "' has no capabilities");
        ConnectorManifest again = c.manifest();
        Manifests.assertConstant("connector", "manifest name", m.name(), again.name());
        Manifests.assertConstant("connector", "manifest label", m.label(), again.label());
        Manifests.assertConstant("connector", "manifest apiVersion", m.apiVersion(), again.apiVersion());
        Manifests.assertConstant("connector", "features", m.features(), again.features());
        Manifests.assertConstant("connector", "name across instances", m.name(), connector().manifest().name());
        assertTrue(c.isConfigured(context().config()), "isConfigured(context().config()) is false: either the "
                + "test's context() lacks what the connector needs or isConfigured is wrong");
    }

    /**
     * Rule 2.2.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void required_2_2_readIsStable(Feature feature) {
        assumeDeclared(feature);
        SecretScanner secrets = new SecretScanner().addConfig(context().config());
        Connector c = connector();
        try (ConnectorSession s = open(c)) {
            ReadResult first = readOk(s, feature, "the first read");
            ReadResult second = readOk(s, feature, "the second read");
            assertEquals(keys(feature, first.items()), keys(feature, second.items()),
                    "two reads of " + feature + " on an unchanged backend returned different items");
            secrets.assertNotIn("the session's toString()", s.toString());
            secrets.assertNotIn("the read's reason", first.reason().orElse(""));
        }
        secrets.assertNotIn("the connector's toString()", c.toString());
        try (ConnectorSession s = open()) {
            readOk(s, feature, "a read in a new session");
        }
    }

    /**
     * Rule 2.3.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void required_2_3_addThenReadShowsItems(Feature feature) {
        assumeDeclared(feature);
        List<MediaItem> samples = samples(feature);
        try (ConnectorSession s = open()) {
            assertAbsent(s, feature, samples, "before adding (resetBackend() must start without the samples)");
            WriteResult w = write(() -> s.add(feature, samples, false), "add");
            assertAllSucceeded(w, samples, "add");
            assertPresent(s, feature, samples, "after add()");
        }
        try (ConnectorSession s = open()) {
            assertPresent(s, feature, samples, "in a new session after add()");
        }
    }

    /**
     * Rule 2.4.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void required_2_4_removeThenReadHidesItems(Feature feature) {
        assumeDeclared(feature);
        assumeRemoval();
        List<MediaItem> samples = samples(feature);
        try (ConnectorSession s = open()) {
            assertAllSucceeded(write(() -> s.add(feature, samples, false), "add"), samples, "add");
            assertPresent(s, feature, samples, "after add()");
            WriteResult w = write(() -> s.remove(feature, samples, false), "remove");
            assertAllSucceeded(w, samples, "remove");
            assertAbsent(s, feature, samples, "after remove()");
        }
    }

    /**
     * Rule 2.5.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void required_2_5_dryRunAddWritesNothing(Feature feature) {
        assumeDeclared(feature);
        List<MediaItem> samples = samples(feature);
        try (ConnectorSession s = open()) {
            Set<String> before = keys(feature, readOk(s, feature, "the read before a dry run").items());
            assertAbsent(s, feature, samples, "before the dry run (resetBackend() must start without the samples)");
            write(() -> s.add(feature, samples, true), "add(dryRun=true)");
            assertAbsent(s, feature, samples, "after add(dryRun=true), which must not write");
            assertEquals(before, keys(feature, readOk(s, feature, "the read after a dry run").items()),
                    "add(dryRun=true) changed what " + feature + " reads");
        }
    }

    /**
     * Rule 2.6.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void required_2_6_dryRunRemoveWritesNothing(Feature feature) {
        assumeDeclared(feature);
        assumeRemoval();
        List<MediaItem> samples = samples(feature);
        try (ConnectorSession s = open()) {
            assertAllSucceeded(write(() -> s.add(feature, samples, false), "add"), samples, "add");
            Set<String> before = keys(feature, readOk(s, feature, "the read before a dry run").items());
            write(() -> s.remove(feature, samples, true), "remove(dryRun=true)");
            assertPresent(s, feature, samples, "after remove(dryRun=true), which must not write");
            assertEquals(before, keys(feature, readOk(s, feature, "the read after a dry run").items()),
                    "remove(dryRun=true) changed what " + feature + " reads");
        }
    }

    /**
     * Rule 2.7.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void required_2_7_reAddDoesNotDuplicate(Feature feature) {
        assumeDeclared(feature);
        List<MediaItem> samples = samples(feature);
        try (ConnectorSession s = open()) {
            assertAllSucceeded(write(() -> s.add(feature, samples, false), "add"), samples, "add");
            List<MediaItem> once = readOk(s, feature, "the read after the first add").items();
            WriteResult again = write(() -> s.add(feature, samples, false), "the second add");
            assertAllSucceeded(again, samples, "a repeated add");
            List<MediaItem> twice = readOk(s, feature, "the read after the second add").items();
            for (MediaItem sample : samples) {
                assertEquals(ItemMatching.count(sample, once), ItemMatching.count(sample, twice),
                        () -> "adding " + sample.describe() + " to " + feature + " again duplicated it");
            }
            assertEquals(once.size(), twice.size(), "adding the same items to " + feature
                    + " again changed the read size from " + once.size() + " to " + twice.size());
        }
    }

    /**
     * Rule 2.8.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void required_2_8_undeclaredMediaTypeIsRejected(Feature feature) {
        assumeDeclared(feature);
        ConnectorCapabilities caps = connector().manifest().capabilities();
        Set<MediaType> undeclared = EnumSet.complementOf(EnumSet.copyOf(nonEmpty(caps.mediaTypes(feature))));
        Assumptions.assumeFalse(undeclared.isEmpty(), () -> feature + " takes every media type: rule skipped");
        MediaItem template = samples(feature).get(0);
        List<MediaItem> odd = new ArrayList<>();
        for (MediaType t : undeclared) {
            odd.add(ofType(template, t));
        }
        try (ConnectorSession s = open()) {
            WriteResult w;
            try {
                w = s.add(feature, odd, false);
            } catch (CrossWatchException e) {
                w = null; // refusing the whole call with a typed error is fine
            } catch (RuntimeException e) {
                throw new org.opentest4j.AssertionFailedError("add() of an undeclared media type threw an untyped "
                        + e.getClass().getName() + "; answer UNSUPPORTED or throw a CrossWatchException", e);
            }
            if (w != null) {
                for (WriteResult.ItemOutcome o : w.outcomes()) {
                    assertTrue(o.outcome() == WriteResult.Outcome.UNSUPPORTED
                                    || o.outcome() == WriteResult.Outcome.FAILED,
                            () -> feature + " does not declare " + o.item().type() + " but add() answered "
                                    + o.outcome() + " for " + o.item().describe() + "; answer UNSUPPORTED");
                }
            }
            List<MediaItem> read = readOk(s, feature, "the read after adding undeclared types").items();
            for (MediaItem item : odd) {
                assertEquals(0, ItemMatching.count(item, read), () -> feature + " does not declare "
                        + item.type() + " yet " + item.describe() + " shows up in a read after add()");
            }
        }
    }

    /**
     * Rule 2.9.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void required_2_9_cancelledReadIsNeverComplete(Feature feature) {
        assumeDeclared(feature);
        CancellationToken token = CancellationToken.create();
        token.cancel("cancelled by the testkit before the read");
        ProviderContext cancelled = new CancelledContext(context(), token);
        ReadResult r;
        try (ConnectorSession s = connector().open(cancelled)) {
            r = s.read(feature);
        } catch (CancelledException e) {
            return; // the preferred answer
        } catch (RuntimeException e) {
            throw new org.opentest4j.AssertionFailedError("a read with a cancelled token threw "
                    + e.getClass().getName() + "; throw CancelledException (context.cancellation().throwIfCancelled())", e);
        }
        assertNotNull(r, "read() returned null");
        assertNotEquals(Completeness.COMPLETE, r.completeness(), "a read of " + feature
                + " with a cancelled token returned COMPLETE (" + r.items().size() + " items); it must throw "
                + "CancelledException or return a non-COMPLETE result, or the engine may treat a cut-short read as the"
                + " whole library");
    }

    /**
     * Rule 2.10.
     *
     * @param feature the feature
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    public void optional_2_10_failuresAreTyped(Feature feature) {
        assumeDeclared(feature);
        Optional<ProviderContext> broken = brokenContext();
        Assumptions.assumeTrue(broken.isPresent(), "brokenContext() is not supplied: rule skipped");
        List<MediaItem> samples = samples(feature);
        SecretScanner secrets = new SecretScanner().addConfig(broken.get().config());
        ConnectorSession s;
        try {
            s = connector().open(broken.get());
        } catch (RuntimeException e) {
            assertTyped("open()", e, secrets);
            return;
        }
        try (s) {
            try {
                ReadResult r = s.read(feature);
                assertNotNull(r, "read() returned null");
                assertNotEquals(Completeness.COMPLETE, r.completeness(), "a read of " + feature
                        + " against a failing backend returned COMPLETE with " + r.items().size()
                        + " items; a failure must never look like a (possibly empty) library");
                assertTrue(r.reason().filter(m -> !m.isBlank()).isPresent(), "a " + r.completeness()
                        + " read of " + feature + " gives no reason; say what failed");
                if (r.completeness() == Completeness.FAILED) {
                    assertTrue(r.items().isEmpty(), "a FAILED read carries items");
                }
                secrets.assertNotIn("the failed read's reason", r.reason().orElse(""));
            } catch (RuntimeException e) {
                assertTyped("read()", e, secrets);
            }
            try {
                WriteResult w = s.add(feature, samples, false);
                assertNotNull(w, "add() returned null");
                for (WriteResult.ItemOutcome o : w.outcomes()) {
                    assertFalse(o.succeeded(), () -> "add() against a failing backend answered " + o.outcome()
                            + " for " + o.item().describe());
                }
            } catch (RuntimeException e) {
                assertTyped("add()", e, secrets);
            }
        }
    }

    /** Rule 2.11. */
    @Test
    public void required_2_11_noSecretInVerboseLogs() {
        Connector connector = connector();
        ProviderContext healthy = context();
        SecretScanner secrets = new SecretScanner().addConfig(healthy.config());
        Exposures exposed = new Exposures();
        try (LogCapture logs = LogCapture.everything()) {
            exercise(connector, healthy, exposed);
            for (BackendFailure failure : BackendFailure.values()) {
                Optional<ProviderContext> hostile = hostileContext(failure);
                if (hostile.isPresent()) {
                    secrets.addConfig(hostile.get().config());
                    exercise(connector, hostile.get(), exposed);
                }
            }
            Assumptions.assumeTrue(secrets.size() > 0, "the contexts hold no secret: rule skipped");
            logs.assertNoSecrets(secrets);
        }
        exposed.assertNoSecrets(secrets);
        secrets.assertNotIn("the connector's toString()", connector.toString());
    }

    /** Every call of a session a sync run makes, each recorded whether it answers or throws. */
    private void exercise(Connector connector, ProviderContext ctx, Exposures exposed) {
        ConnectorSession s = exposed.attempt("open()", () -> connector.open(ctx));
        if (s == null) {
            return;
        }
        try (s) {
            ConnectorManifest m = connector.manifest();
            for (Feature feature : m.features()) {
                List<MediaItem> items = samples(feature);
                ReadResult r = exposed.attempt("read(" + feature + ")", () -> s.read(feature));
                if (r != null) {
                    exposed.see("a read's reason", r.reason().orElse(""));
                }
                seeOutcomes(exposed, exposed.attempt("add(" + feature + ")", () -> s.add(feature, items, false)));
                if (m.capabilities().supportsRemoval()) {
                    seeOutcomes(exposed, exposed.attempt("remove(" + feature + ")", () -> s.remove(feature, items, false)));
                }
            }
            exposed.attempt("activities()", s::activities);
            exposed.attempt("health()", s::health);
            exposed.see("the session", s);
        }
    }

    private static void seeOutcomes(Exposures exposed, WriteResult w) {
        if (w != null) {
            w.outcomes().forEach(o -> exposed.see("an outcome's reason", o.reason()));
        }
    }

    // ---------------------------------------------------------------- helpers

    private void assumeDeclared(Feature feature) {
        Assumptions.assumeTrue(connector().manifest().features().contains(feature),
                () -> "the connector does not declare " + feature + ": rule skipped");
    }

    private void assumeRemoval() {
        Assumptions.assumeTrue(connector().manifest().capabilities().supportsRemoval(),
                "the connector does not support removal: rule skipped");
    }

    private ConnectorSession open() {
        return open(connector());
    }

    private ConnectorSession open(Connector connector) {
        ConnectorSession s = connector.open(context());
        assertNotNull(s, "open() returned null");
        return s;
    }

    private List<MediaItem> samples(Feature feature) {
        List<MediaItem> samples = sampleItems(feature);
        assertNotNull(samples, "sampleItems(" + feature + ") returned null");
        assertFalse(samples.isEmpty(), "sampleItems(" + feature + ") is empty; supply at least one item");
        return List.copyOf(samples);
    }

    private static ReadResult readOk(ConnectorSession s, Feature feature, String what) {
        ReadResult r;
        try {
            r = s.read(feature);
        } catch (RuntimeException e) {
            throw new org.opentest4j.AssertionFailedError(what + " of declared feature " + feature + " threw "
                    + e.getClass().getName() + ": " + e.getMessage(), e);
        }
        assertNotNull(r, what + " of " + feature + " returned null");
        assertNotEquals(Completeness.FAILED, r.completeness(), () -> what + " of declared feature " + feature
                + " FAILED against a healthy backend: " + r.reason().orElse("(no reason)"));
        return r;
    }

    private static WriteResult write(java.util.function.Supplier<WriteResult> body, String what) {
        WriteResult w;
        try {
            w = body.get();
        } catch (RuntimeException e) {
            throw new org.opentest4j.AssertionFailedError(what + " threw " + e.getClass().getName() + ": "
                    + e.getMessage(), e);
        }
        assertNotNull(w, what + " returned null");
        return w;
    }

    private static void assertAllSucceeded(WriteResult w, List<MediaItem> items, String what) {
        assertEquals(items.size(), w.outcomes().size(), () -> what + " must report one outcome per item: "
                + items.size() + " items, " + w.outcomes().size() + " outcomes");
        for (WriteResult.ItemOutcome o : w.outcomes()) {
            assertTrue(o.succeeded(), () -> what + " of " + o.item().describe() + " answered " + o.outcome()
                    + (o.reason() == null ? "" : " (" + o.reason() + ")") + "; sampleItems() must be accepted");
        }
    }

    private static void assertPresent(ConnectorSession s, Feature feature, List<MediaItem> samples, String when) {
        List<MediaItem> read = readOk(s, feature, "the read " + when).items();
        for (MediaItem sample : samples) {
            assertTrue(ItemMatching.count(sample, read) > 0, () -> sample.describe() + " is missing from "
                    + feature + " " + when + " (read " + read.size() + " items)");
        }
    }

    private static void assertAbsent(ConnectorSession s, Feature feature, List<MediaItem> samples, String when) {
        List<MediaItem> read = readOk(s, feature, "the read " + when).items();
        for (MediaItem sample : samples) {
            assertEquals(0, ItemMatching.count(sample, read), () -> sample.describe() + " is present in "
                    + feature + " " + when);
        }
    }

    private static Set<String> keys(Feature feature, List<MediaItem> items) {
        return items.stream().map(i -> ItemMatching.key(feature, i)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<MediaType> nonEmpty(Set<MediaType> types) {
        return types.isEmpty() ? EnumSet.allOf(MediaType.class) : types;
    }

    /** An item of another type built from a sample, so ids look real to the backend. */
    private static MediaItem ofType(MediaItem template, MediaType type) {
        MediaItem.Builder b = template.toBuilder().type(type);
        Function<MediaItem.Builder, MediaItem.Builder> numbers = x -> x.season(1).episode(1);
        switch (type) {
            case EPISODE -> numbers.apply(b).showIds(template.ids()).showTitle(template.title().orElse("Show"));
            case SEASON -> b.season(1).episode(null).showIds(template.ids()).showTitle(template.title().orElse("Show"));
            default -> b.season(null).episode(null).ids(template.ids().isEmpty() ? template.showIds() : template.ids());
        }
        return b.build();
    }

    private static void assertTyped(String what, RuntimeException e, SecretScanner secrets) {
        if (!(e instanceof CrossWatchException)) {
            fail(what + " against a failing backend threw an untyped " + e.getClass().getName()
                    + "; wrap failures in ProviderException (retryable for 5xx and timeouts) or AuthException", e);
        }
        secrets.assertNotIn(e);
    }
}
