package io.crosswatch.providers.sync.faults;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOutcome;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.local.LocalTrackerConnector;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import io.crosswatch.providers.sync.anilist.AnilistFaultSubject;
import io.crosswatch.providers.sync.jellyfin.MediaServerFaultSubject;
import io.crosswatch.providers.sync.mdblist.MdblistFaultSubject;
import io.crosswatch.providers.sync.plex.PlexFaultSubject;
import io.crosswatch.providers.sync.simkl.SimklFaultSubject;
import io.crosswatch.providers.sync.tmdb.TmdbFaultSubject;
import io.crosswatch.providers.sync.trakt.TraktFaultSubject;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix on every real sync connector. Each connector's fake service and the local
 * tracker are seeded with the same numbered items (two pages' worth for a paged read, three for
 * the empty-middle-page fault) and a first two-way sync records the baselines; then the user
 * removes item 1 and adds a new one locally, and the service's activity moves: healthy, the next
 * run would read the service, remove one entry from it and add one. That run gets a fault on one
 * request of the service's read ({@link FaultCase}). Each case asserts: the run ends PARTIAL or FAILED (or
 * SUCCESS when retries absorb the fault), no removal request reached the service after the
 * failed read (WireMock's request journal), the service's baseline of the feature did not move,
 * no local entry was removed, a rerun once the fault clears succeeds and leaves both sides with
 * the same entries and no duplicates, and no secret of the connector reached a log line, a result
 * or an exception.
 *
 * <p>The outcomes are the table in {@code docs/RELIABILITY.md}; the last test fails when the
 * committed copy differs (rerun with {@code -Dcrosswatch.updateDocs=true}). Adding a connector is
 * one {@link FaultSubject} class and one line in {@link #SUBJECTS}.
 */
class FaultMatrixTest {

    static final List<FaultSubject> SUBJECTS = List.of(
            new TraktFaultSubject(),
            new SimklFaultSubject(),
            new PlexFaultSubject(),
            MediaServerFaultSubject.jellyfin(),
            MediaServerFaultSubject.emby(),
            new MdblistFaultSubject(),
            new AnilistFaultSubject(),
            new TmdbFaultSubject());

    /** Where the committed table lives, relative to this module. */
    static final Path DOC = Path.of("..", "docs", "RELIABILITY.md");
    static final String GENERATOR =
            "crosswatch-providers-sync/src/test/java/io/crosswatch/providers/sync/faults/FaultMatrixTest.java";
    static final Instant START = Instant.parse("2026-03-05T12:00:00Z");

    private static final Map<FaultSubject, WireMockServer> SERVERS = new java.util.HashMap<>();

    @TempDir
    static Path dir;

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(WireMockServer::stop);
        SERVERS.clear();
    }

    @TestFactory
    Stream<DynamicNode> faultMatrix() {
        List<String> rows = new ArrayList<>();
        List<DynamicNode> nodes = new ArrayList<>();
        for (FaultSubject s : SUBJECTS) {
            List<DynamicTest> cases = new ArrayList<>();
            for (FaultCase f : FaultCase.of(s)) {
                cases.add(DynamicTest.dynamicTest(f.name(), () -> rows.add(runCase(s, f))));
            }
            nodes.add(DynamicContainer.dynamicContainer(s.name(), cases));
        }
        nodes.add(DynamicTest.dynamicTest("docs/RELIABILITY.md matches the matrix", () -> compareDocs(rows)));
        return nodes.stream();
    }

    private static WireMockServer server(FaultSubject s) {
        return SERVERS.computeIfAbsent(s, k -> {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                    .extensions(k.extensions().toArray(new Extension[0])));
            server.start();
            return server;
        });
    }

    /** @return the case's Markdown row */
    private static String runCase(FaultSubject subject, FaultCase fault) {
        String where = subject.name() + " / " + fault.name() + ": ";
        OptionalInt pageSize = subject.pageSize();
        if (fault.pagedOnly() && pageSize.isEmpty()) {
            return row(subject, fault, "n/a (read not paged)", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
        }
        try (LogLines logs = LogLines.start()) {
            Case c = new Case(subject, fault);
            String row = c.run(where);
            subject.secrets().forEach(v -> c.secrets.add(subject.name() + " secret", v)); // refreshed tokens too
            assertTrue(logs.count() > 0, where + "nothing was logged: the capture is not working");
            c.secrets.assertNotIn(where + "the log", logs.text());
            return row;
        }
    }

    static String row(FaultSubject s, FaultCase f, String request, String... cells) {
        return "| " + s.name() + " | " + f.name() + " | " + request + " | " + String.join(" | ", cells) + " |";
    }

    /** One connector × fault: fresh fake, local tracker file, state store and virtual time. */
    private static final class Case {
        final FaultSubject subject;
        final FaultCase fault;
        final WireMockServer wm;
        final VirtualTime time = VirtualTime.startingAt(START);
        final HttpToolkit toolkit;
        final InMemoryStateStore store = new InMemoryStateStore();
        final TestContext remoteContext;
        final TestContext localContext;
        final SecretScanner secrets = new SecretScanner();
        final PairSpec pair;
        final Feature feature;

        Case(FaultSubject subject, FaultCase fault) {
            this.subject = subject;
            this.fault = fault;
            this.wm = server(subject);
            HttpToolkit.Builder tb = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper());
            if (fault.timeout()) {
                tb.readTimeout(FaultCase.SHORT_READ_TIMEOUT);
            }
            this.toolkit = tb.build();
            this.feature = subject.feature();
            wm.resetAll();
            subject.reset(wm);
            ProviderConfig config = subject.config(wm.baseUrl());
            this.remoteContext = TestContext.of(config, time);
            subject.started(remoteContext);
            secrets.addConfig(config);
            subject.secrets().forEach(v -> secrets.add(subject.name() + " secret", v));
            Path db = dir.resolve(subject.name().replaceAll("\\W", "_") + "-" + Integer.toHexString(fault.name().hashCode()) + ".db");
            this.localContext = TestContext.of(ProviderConfig.of("local", ProviderConfig.DEFAULT_INSTANCE,
                    Map.of("path", db.toString())), time);
            this.pair = PairSpec.builder(Endpoint.parse("local"), Endpoint.parse(config.provider()), SyncMode.TWO_WAY)
                    .feature(feature, FeatureOptions.ALL).build();
        }

        String run(String where) {
            int n = subject.seedCount(fault.pagedOnly());
            int added = n + 1;
            IntStream.rangeClosed(1, n).forEach(subject::seed);
            subject.prepareForAdd(added);
            try (ConnectorSession local = new LocalTrackerConnector().open(localContext)) {
                local.add(feature, IntStream.rangeClosed(1, n).mapToObj(subject::item).toList(), false);
            }

            // both sides hold the same entries: the first sync only records the baselines
            SyncResult first = sync(where + "first sync");
            assertEquals(SyncStatus.SUCCESS, first.status(), where + "the healthy first sync: " + describe(first));
            assertEquals(FeatureOutcome.Counts.ZERO, first.totalToTarget(), where + "the subject's items do not match: " + describe(first));
            assertEquals(FeatureOutcome.Counts.ZERO, first.totalToSource(), where + "the subject's items do not match: " + describe(first));
            Set<Integer> seeded = IntStream.rangeClosed(1, n).boxed().collect(Collectors.toSet());

            // the user removes item 1 and adds a new one locally: healthy, the service loses 1 and gains one
            try (ConnectorSession local = new LocalTrackerConnector().open(localContext)) {
                MediaItem one = local.read(feature).items().stream().filter(i -> subject.number(i).orElse(-1) == 1)
                        .findFirst().orElseThrow();
                local.remove(feature, List.of(one), false);
                local.add(feature, List.of(subject.item(added)), false);
            }
            // and something changed on the service too, so the run reads it instead of trusting its baseline
            subject.touch();
            Set<Integer> localBefore = localNumbers();
            Optional<Baseline> baseBefore = store.baseline(pair.name(), feature, Side.TARGET);
            assertTrue(baseBefore.isPresent(), where + "the first sync stored no baseline of the service");
            wm.resetRequests();

            int page = fault.firstPage() || subject.pageSize().isEmpty() ? 1 : 2;
            List<StubMapping> stubs = install(page);
            SyncResult faulted = sync(where + "faulted run");
            List<ServeEvent> journal = wm.getAllServeEvents();
            long faultsServed = journal.stream().filter(FaultStubs::isFault).count();
            long removalsSent = journal.stream().filter(e -> subject.isRemoval(e.getRequest())).count();
            stubs.forEach(wm::removeStub);
            boolean baselineKept = sameContent(baseBefore.get(), store.baseline(pair.name(), feature, Side.TARGET).orElseThrow());
            String story = describe(faulted) + "\nrequests: " + journal.stream().map(e -> e.getRequest().getMethod() + " "
                    + e.getRequest().getUrl() + " -> " + e.getResponse().getStatus()).toList()
                    + "\nbaseline before: " + baseBefore.map(b -> b.items().size() + " items, " + b.activity() + " " + b.takenAt())
                    + ", after: " + store.baseline(pair.name(), feature, Side.TARGET).map(b -> b.items().size() + " items, " + b.activity() + " " + b.takenAt())
                    + "\nsource baseline: " + store.baseline(pair.name(), feature, Side.SOURCE).map(b -> b.items().size() + " items, " + b.activity() + " " + b.takenAt())
                   ;
            where = where + story + "\n";
            assertTrue(faultsServed > 0, where + "the fault was never served: the read did not reach the faulted request");
            if (fault.recovers()) {
                assertEquals(SyncStatus.SUCCESS, faulted.status(), where + "retries should absorb the burst: " + describe(faulted));
                assertEquals(1, removalsSent, where + "the retried read was complete, so the removal goes through");
            } else {
                assertTrue(faulted.status() == SyncStatus.PARTIAL || faulted.status() == SyncStatus.FAILED,
                        where + "the faulted run must not succeed: " + describe(faulted));
                assertEquals(0, removalsSent, where + "a removal reached the service after a failed read");
                assertTrue(baselineKept, where + "the service's baseline moved after a failed read");
                assertTrue(localNumbers().containsAll(localBefore), where + "a local entry was removed after a failed read");
                assertFalse(faulted.errors().isEmpty() && faulted.warnings().isEmpty(), where + "no message says what failed");
            }

            SyncResult rerun = sync(where + "rerun");
            assertEquals(SyncStatus.SUCCESS, rerun.status(), where + "the rerun after the fault cleared: " + describe(rerun));
            Set<Integer> expected = new TreeSet<>(seeded);
            expected.remove(1);
            expected.add(added);
            List<Integer> onService = subject.serviceNumbers();
            int duplicates = onService.size() - new HashSet<>(onService).size();
            Set<Integer> local = localNumbers();
            boolean converged = expected.equals(new TreeSet<>(onService)) && expected.equals(local);
            assertEquals(0, duplicates, where + "duplicate entries on the service after the rerun");
            assertTrue(converged, where + "did not converge: expected " + diff(expected, new TreeSet<>(onService))
                    + " on the service and " + diff(expected, local) + " locally");
            return row(subject, fault, page == 1 && subject.pageSize().isEmpty() ? "the read (not paged)"
                            : "page " + page + " of " + pages(n, subject.pageSize().getAsInt()),
                    faulted.status().name(), String.valueOf(removalsSent), baselineKept ? "kept" : "advanced",
                    rerun.status().name(), converged ? "yes" : "no", String.valueOf(duplicates));
        }

        /** Equal but for {@code takenAt}: re-storing the very same inventory moves nothing. */
        private static boolean sameContent(Baseline a, Baseline b) {
            return a.items().equals(b.items()) && java.util.Objects.equals(a.checkpoint(), b.checkpoint())
                    && java.util.Objects.equals(a.activity(), b.activity());
        }

        private static int pages(int items, int size) {
            return (items + size - 1) / size;
        }

        private static String diff(Set<Integer> expected, Set<Integer> actual) {
            Set<Integer> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            Set<Integer> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            return "missing " + missing + ", unexpected " + extra;
        }

        /** Installs the fault on {@code page}: for a burst, a chain of scenario states that ends in the healthy fake. */
        private List<StubMapping> install(int page) {
            List<StubMapping> out = new ArrayList<>();
            if (!fault.recovers()) {
                out.add(wm.stubFor(marked(page).willReturn(fault.response().apply(subject, page))));
                return out;
            }
            String state = Scenario.STARTED;
            for (int i = 0; i < fault.times(); i++) {
                String next = "fault-" + (i + 1);
                out.add(wm.stubFor(marked(page).inScenario("burst").whenScenarioStateIs(state)
                        .willReturn(fault.response().apply(subject, page)).willSetStateTo(next)));
                state = next;
            }
            return out;
        }

        private MappingBuilder marked(int page) {
            return subject.readRequest(page).atPriority(1).withMetadata(FaultStubs.marker());
        }

        private Set<Integer> localNumbers() {
            try (ConnectorSession local = new LocalTrackerConnector().open(localContext)) {
                List<MediaItem> items = local.read(feature).items();
                Set<Integer> numbers = new TreeSet<>();
                for (MediaItem i : items) {
                    numbers.add(subject.number(i).orElseThrow(() -> new AssertionError("an unnumbered local item: " + i)));
                }
                assertEquals(items.size(), numbers.size(), "duplicate local entries: " + items);
                return numbers;
            }
        }

        private SyncResult sync(String what) {
            Connector remote = subject.connector(toolkit);
            LocalTrackerConnector localConnector = new LocalTrackerConnector();
            SyncResult result;
            try (ConnectorSession local = localConnector.open(localContext); ConnectorSession service = remote.open(remoteContext)) {
                secrets.assertNotIn(what + ": the session's toString", service.toString());
                result = new GenericSyncModule().runSync(SyncContext.builder(pair).source(localConnector.manifest(), local)
                        .target(remote.manifest(), service).state(store).clock(time.clock()).sleeper(time.sleeper()).build());
            } catch (RuntimeException e) {
                secrets.assertNotIn(e);
                StringWriter w = new StringWriter();
                e.printStackTrace(new PrintWriter(w));
                fail(what + " threw instead of reporting a result:\n" + w);
                throw e;
            }
            subject.secrets().forEach(v -> secrets.add(subject.name() + " secret", v));
            secrets.assertNotIn(what + ": the result", describe(result));
            return result;
        }

        private static String describe(SyncResult r) {
            return r + " warnings=" + r.warnings() + " errors=" + r.errors() + " features=" + r.features();
        }
    }

    // ------------------------------------------------------------------ docs

    static String document(List<String> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Reliability: the fault matrix\n\n");
        sb.append("Generated by `").append(GENERATOR).append("`; do not edit by hand.\n");
        sb.append("Rerun with `-Dcrosswatch.updateDocs=true` to rewrite it.\n\n");
        sb.append("Every real sync connector runs against its stateful WireMock fake (loopback). The fake holds numbered\n");
        sb.append("entries of one feature (two pages' worth when the read is paged, three for the empty middle page)\n");
        sb.append("and the local tracker the same ones; a first two-way sync records the baselines. Then item 1 is\n");
        sb.append("removed and a new item added locally (and the service's activity moves, so the run reads it), so a\n");
        sb.append("healthy run would remove one entry from the service and add one. That run gets the fault on the\n");
        sb.append("request named in the third column (an unpaged read has one request; the empty-middle-page fault\n");
        sb.append("does not apply to it). Columns: the status of the faulted run; removal requests the service\n");
        sb.append("received during it (from WireMock's request journal); whether the service's baseline of the\n");
        sb.append("feature kept its content (items, checkpoint, activity token); the\n");
        sb.append("status of the rerun once the fault clears; whether both sides then hold the same entries; duplicate\n");
        sb.append("entries on the service after the rerun. A fault shorter than the retry budget is absorbed by the\n");
        sb.append("HTTP toolkit's retries, so that run succeeds and its removal is legitimate. Every case also checks\n");
        sb.append("that no token or API key reached a log line, a result or an exception. After the shared faults, a\n");
        sb.append("connector may list faults only its service produces (such as GraphQL errors inside an HTTP 200);\n");
        sb.append("they run through the same steps and checks.\n\n");
        sb.append("| connector | fault | faulted request | faulted run | removals sent | service baseline | rerun | converged | duplicates |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    private static void compareDocs(List<String> rows) throws IOException {
        assertEquals(SUBJECTS.stream().mapToInt(s -> FaultCase.of(s).size()).sum(), rows.size(), "some fault cases failed; the matrix is incomplete");
        String content = document(rows);
        Path target = Path.of("target", "RELIABILITY.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, content, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("crosswatch.updateDocs")) {
            Files.writeString(DOC, content, StandardCharsets.UTF_8);
            return;
        }
        String current = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!current.equals(content)) {
            fail("docs/RELIABILITY.md differs from the generated matrix (see " + target.toAbsolutePath()
                    + "); rerun with -Dcrosswatch.updateDocs=true and commit it");
        }
    }
}
