package io.crosswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.crosswatch.api.Api;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataManifest;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link MetadataProvider} must honour. Extend it in your tests, supply the
 * provider, a configured context pointing at your backend, a request for an item the backend
 * knows and one for an item it does not.
 *
 * <p>Rules:
 * <ol>
 *   <li>{@code required_3_1_manifestIsSane}: name, label, supported API version, at least one
 *       entity, constant across calls; the known request's entity is declared.</li>
 *   <li>{@code required_3_2_knownItemHasNormalizedShape}: present; same entity type; ids
 *       normalized (equal to their {@link MediaIds} re-normalization) and sharing an id with the
 *       request; a title; every image absolute http(s), positive size, {@code lang} null or an
 *       ISO 639-1 code, and of a kind the manifest declares; a plausible year.</li>
 *   <li>{@code required_3_3_unknownIdIsEmpty}: {@code Optional.empty()}, neither null nor an
 *       exception.</li>
 *   <li>{@code required_3_4_repeatedFetchIsEqual}: the same request gives the same metadata.</li>
 *   <li>{@code required_3_5_noSecretInResults}: the config's API key appears neither
 *       in the metadata nor in the provider's {@code toString}.</li>
 *   <li>{@code optional_3_6_backendFailureIsTypedException}: against {@link #brokenContext()},
 *       fetch throws a {@link CrossWatchException} without secrets; an empty result would be
 *       cached as "unknown".</li>
 *   <li>{@code required_3_7_noSecretInVerboseLogs}: with every logger at its most verbose level
 *       ({@link LogCapture}), fetches from {@link #context()} and from each
 *       {@link #hostileContext} staged leak no secret of the configs into a log line, an
 *       exception or a {@code toString}.</li>
 * </ol>
 *
 * <p>A rule that takes more than {@value #RULE_TIMEOUT_SECONDS} seconds of real time fails: waits
 * must go through the context's sleeper, which runs on virtual time here.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
@Timeout(MetadataProviderContract.RULE_TIMEOUT_SECONDS)
public abstract class MetadataProviderContract {

    /** The real-time limit of one rule; virtual time makes every correct provider far faster. */
    public static final long RULE_TIMEOUT_SECONDS = 60;

    private static final Pattern LANG = Pattern.compile("[a-z]{2}");

    /** For subclasses. */
    protected MetadataProviderContract() {
    }

    // ---------------------------------------------------------------- hooks

    /** @return a new instance of the provider under test */
    protected abstract MetadataProvider provider();

    /** @return a configured context (API key, base URL pointing at your backend) */
    protected abstract ProviderContext context();

    /** @return a request for an item your backend knows, with images wanted */
    protected abstract MetadataRequest knownRequest();

    /** @return a request for an id your backend does not know (answers 404 or an empty result) */
    protected abstract MetadataRequest unknownRequest();

    /**
     * @return a context pointing at a failing backend (500s, a closed port); empty by default,
     *         which skips {@code optional_3_6_backendFailureIsTypedException}
     */
    protected Optional<ProviderContext> brokenContext() {
        return Optional.empty();
    }

    /**
     * Stages {@code failure} on a backend and returns a context pointing at it, with the same
     * kind of secrets as {@link #context()}. HTTP answers should echo the request (URL,
     * credential headers, body) in ordinary fields such as {@code "message"}; see
     * {@link BackendFailure}.
     *
     * @param failure how the backend fails
     * @return the context, or empty (the default) to leave that failure out of
     *         {@code required_3_7_noSecretInVerboseLogs}
     */
    protected Optional<ProviderContext> hostileContext(BackendFailure failure) {
        return Optional.empty();
    }

    /** Puts the backend back in its initial state; runs before each rule. Does nothing by default. */
    protected void resetBackend() {
    }

    /** Resets the backend. */
    @BeforeEach
    public final void setUpMetadataContract() {
        resetBackend();
    }

    // ---------------------------------------------------------------- rules

    /** Rule 3.1. */
    @Test
    public void required_3_1_manifestIsSane() {
        MetadataProvider p = provider();
        MetadataManifest m = p.manifest();
        assertNotNull(m, "manifest() returned null");
        Manifests.assertSane("metadata provider", m.name(), m.label(), m.apiVersion());
        assertFalse(m.entities().isEmpty(), "metadata provider '" + m.name() + "' declares no entity types");
        MetadataManifest again = p.manifest();
        Manifests.assertConstant("metadata provider", "manifest name", m.name(), again.name());
        Manifests.assertConstant("metadata provider", "manifest label", m.label(), again.label());
        Manifests.assertConstant("metadata provider", "entities", m.entities(), again.entities());
        Manifests.assertConstant("metadata provider", "assets", m.assets(), again.assets());
        Manifests.assertConstant("metadata provider", "name across instances", m.name(), provider().manifest().name());
        assertNotNull(p.capabilities(), "capabilities() returned null; return Set.of() for none");
        assertTrue(m.entities().contains(knownRequest().entity()), "knownRequest() asks for "
                + knownRequest().entity() + " which the manifest does not declare: " + m.entities());
    }

    /** Rule 3.2. */
    @Test
    public void required_3_2_knownItemHasNormalizedShape() {
        MetadataRequest request = knownRequest();
        Metadata md = fetch(context(), request).orElseThrow(() -> new org.opentest4j.AssertionFailedError(
                "fetch(knownRequest()) returned empty for " + request.ids() + "; the backend knows this item"));
        assertEquals(request.entity(), md.type(), "asked for a " + request.entity() + " and got a " + md.type());
        assertFalse(md.ids().isEmpty(), "the metadata carries no ids");
        assertEquals(new MediaIds(md.ids().values()), md.ids(), "the ids are not normalized");
        assertTrue(ItemMatching.sharesId(request.ids(), md.ids()), () -> "the metadata's ids " + md.ids()
                + " share none with the request's " + request.ids() + "; return the ids you were asked about too");
        assertTrue(md.title().filter(t -> !t.isBlank()).isPresent(), "the metadata has no title");
        md.year().ifPresent(y -> assertTrue(y >= 1870 && y <= 2200, "implausible year " + y));
        md.locale().ifPresent(l -> assertFalse(l.isBlank(), "a blank locale; leave it empty instead"));
        MetadataManifest m = provider().manifest();
        for (Map.Entry<ImageKind, List<Image>> e : md.images().entrySet()) {
            assertTrue(m.assets().contains(e.getKey()), () -> "returned " + e.getKey()
                    + " images but the manifest's assets are " + m.assets());
            for (Image img : e.getValue()) {
                URI u = URI.create(img.url());
                assertTrue(u.isAbsolute() && u.getHost() != null, () -> "image url is not absolute: " + img.url());
                assertTrue("https".equals(u.getScheme()) || "http".equals(u.getScheme()),
                        () -> "image url is not http(s): " + img.url());
                assertTrue(img.w() > 0 && img.h() > 0, () -> "image size must be positive: " + img);
                assertTrue(img.lang() == null || LANG.matcher(img.lang()).matches(), () -> "image lang '"
                        + img.lang() + "' is not a lower-case ISO 639-1 code (or null for no text)");
            }
        }
    }

    /** Rule 3.3. */
    @Test
    public void required_3_3_unknownIdIsEmpty() {
        Optional<Metadata> md;
        try {
            md = provider().fetch(context(), unknownRequest());
        } catch (RuntimeException e) {
            throw new org.opentest4j.AssertionFailedError("fetch() of an unknown id threw " + e.getClass().getName()
                    + "; it must return Optional.empty()", e);
        }
        assertNotNull(md, "fetch() returned null; return Optional.empty() for an unknown item");
        assertTrue(md.isEmpty(), () -> "fetch(unknownRequest()) returned " + md.get());
    }

    /** Rule 3.4. */
    @Test
    public void required_3_4_repeatedFetchIsEqual() {
        Optional<Metadata> first = fetch(context(), knownRequest());
        Optional<Metadata> second = fetch(context(), knownRequest());
        assertEquals(first, second, "the same request returned different metadata");
    }

    /** Rule 3.5. */
    @Test
    public void required_3_5_noSecretInResults() {
        ProviderContext ctx = context();
        SecretScanner secrets = new SecretScanner().addConfig(ctx.config());
        Assumptions.assumeTrue(secrets.size() > 0, "the context holds no secret: rule skipped");
        MetadataProvider p = provider();
        Optional<Metadata> md = fetch(ctx, knownRequest());
        secrets.assertNotIn("the metadata's toString()", String.valueOf(md));
        md.ifPresent(m -> m.images().values().forEach(l -> l.forEach(i -> secrets.assertNotIn("an image url", i.url()))));
        secrets.assertNotIn("the provider's toString()", p.toString());
    }

    /** Rule 3.6. */
    @Test
    public void optional_3_6_backendFailureIsTypedException() {
        Optional<ProviderContext> broken = brokenContext();
        Assumptions.assumeTrue(broken.isPresent(), "brokenContext() is not supplied: rule skipped");
        SecretScanner secrets = new SecretScanner().addConfig(broken.get().config());
        Optional<Metadata> md;
        try {
            md = provider().fetch(broken.get(), knownRequest());
        } catch (CrossWatchException e) {
            secrets.assertNotIn(e);
            return;
        } catch (RuntimeException e) {
            fail("fetch() against a failing backend threw an untyped " + e.getClass().getName()
                    + "; wrap it in ProviderException", e);
            return;
        }
        fail("fetch() against a failing backend returned " + md + " instead of throwing ProviderException; "
                + "an empty answer would be cached as 'unknown item'");
    }

    /**
     * Rule 3.7: with every logger at its most verbose level, fetching a known and an unknown item
     * from {@link #context()} and from each {@link #hostileContext} staged leaks no secret of the
     * configs into a log line, an exception or a {@code toString}.
     */
    @Test
    public void required_3_7_noSecretInVerboseLogs() {
        MetadataProvider p = provider();
        ProviderContext healthy = context();
        SecretScanner secrets = new SecretScanner().addConfig(healthy.config());
        Exposures exposed = new Exposures();
        try (LogCapture logs = LogCapture.everything()) {
            exposed.attempt("fetch(known)", () -> p.fetch(healthy, knownRequest()));
            exposed.attempt("fetch(unknown)", () -> p.fetch(healthy, unknownRequest()));
            for (BackendFailure failure : BackendFailure.values()) {
                Optional<ProviderContext> hostile = hostileContext(failure);
                if (hostile.isPresent()) {
                    secrets.addConfig(hostile.get().config());
                    exposed.attempt("fetch(known) with " + failure, () -> p.fetch(hostile.get(), knownRequest()));
                }
            }
            Assumptions.assumeTrue(secrets.size() > 0, "the contexts hold no secret: rule skipped");
            logs.assertNoSecrets(secrets);
        }
        exposed.assertNoSecrets(secrets);
        secrets.assertNotIn("the provider's toString()", p.toString());
    }

    private Optional<Metadata> fetch(ProviderContext ctx, MetadataRequest request) {
        Optional<Metadata> md;
        try {
            md = provider().fetch(ctx, request);
        } catch (RuntimeException e) {
            throw new org.opentest4j.AssertionFailedError("fetch(" + request.entity() + " " + request.ids()
                    + ") threw " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
        assertNotNull(md, "fetch() returned null; return Optional.empty() for an unknown item");
        return md;
    }
}
