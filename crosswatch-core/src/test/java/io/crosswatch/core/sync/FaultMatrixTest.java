package io.crosswatch.core.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Baseline;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncContext;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.testing.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault matrix: each HTTP fault is injected on page 2 of a connector's paged history read
 * during a two-way sync that, healthy, would remove one play from the service and add another.
 * For each fault: the run ends PARTIAL or FAILED (or SUCCESS when retries absorb it), no removal
 * reaches either side after the failed read (checked on WireMock's request journal), the
 * service's baseline stays as it was, and a rerun once the fault clears converges with no
 * duplicate plays. The outcomes are written as the table in {@code docs/RELIABILITY.md}; the last
 * test fails when the committed copy differs (rerun with {@code -Dcrosswatch.updateDocs=true}).
 *
 * <p>Connectors under test are listed in {@link #CONNECTORS}: adding one is one line.
 */
class FaultMatrixTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final Instant T0 = Instant.parse("2024-05-01T20:00:00Z");
    static final String SECRET = "sk-fault-matrix-0123456789";
    static final PairSpec PAIR = PairSpec.builder(Endpoint.parse("local"), Endpoint.parse(PagedServiceConnector.NAME),
            SyncMode.TWO_WAY).feature(Feature.HISTORY, FeatureOptions.ALL).build();

    /** A connector under test: its name and how to open a session against the WireMock base URL. */
    record Subject(String name, SessionFactory factory) {
    }

    /** Opens a session of a connector under test. */
    interface SessionFactory {
        ConnectorSession open(String baseUrl, HttpToolkit toolkit);
    }

    static final List<Subject> CONNECTORS = List.of(
            new Subject("paged test connector (HTTP toolkit)", (url, tk) -> new PagedServiceConnector(url, tk)
                    .session(ProviderConfig.of(PagedServiceConnector.NAME, "default", Map.of(PagedServiceConnector.TOKEN_KEY, SECRET)))));

    /** One fault: what it is and what it does to the page-2 stub. */
    record Fault2(String name, int page, boolean recovers, Consumer<MappingBuilder> install) {
    }

    /** The page the shorter-than-budget burst hits. */
    static final int FAULTED_PAGE = 2;

    static ResponseDefinitionBuilder status(int code) {
        return aResponse().withStatus(code).withBody("{\"error\":\"boom\"}").withHeader("Content-Type", "application/json");
    }

    static List<Fault2> faults() {
        List<Fault2> l = new ArrayList<>();
        l.add(always("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        l.add(always("read timeout", okJson("{}").withFixedDelay(3000)));
        for (int code : new int[] {500, 502, 503, 520}) {
            l.add(always(code + " burst (longer than the retry budget)", status(code)));
        }
        l.add(new Fault2("503 burst (shorter than the retry budget)", 2, true, m -> burst(m, status(503), 2)));
        l.add(new Fault2("500 burst on the first page", 1, false, m -> wm.stubFor(m.willReturn(status(500)))));
        l.add(always("429 with Retry-After", status(429).withHeader("Retry-After", "7")));
        l.add(always("429 without Retry-After", status(429)));
        l.add(always("truncated JSON", okJson("{\"page\":2,\"total_pages\":3,\"results\":[{\"tmdb\":\"4\",\"watched_")));
        l.add(always("malformed JSON", okJson("<html>upstream error</html>")));
        l.add(always("empty page in the middle of paging", okJson("{\"page\":2,\"total_pages\":3,\"total_results\":7,\"results\":[]}")));
        l.add(always("401 mid-sync", aResponse().withStatus(401).withBody("{\"error\":\"invalid_token\"}")));
        return l;
    }

    static Fault2 always(String name, ResponseDefinitionBuilder response) {
        return new Fault2(name, 2, false, m -> wm.stubFor(m.willReturn(response)));
    }

    /** Answers {@code response} {@code times} times, then the healthy page (priority 5 stub). */
    static void burst(MappingBuilder m, ResponseDefinitionBuilder response, int times) {
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "after-" + (i + 1);
            wm.stubFor(m.inScenario("burst").whenScenarioStateIs(state).willReturn(response).willSetStateTo(next));
            m = get(urlPathEqualTo("/plays")).withQueryParam("page", equalTo(String.valueOf(FAULTED_PAGE))).atPriority(1);
            state = next;
        }
    }

    @TestFactory
    Stream<DynamicTest> faultMatrix() {
        List<String> rows = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Subject s : CONNECTORS) {
            for (Fault2 f : faults()) {
                tests.add(DynamicTest.dynamicTest(s.name() + ": " + f.name(), () -> rows.add(runCase(s, f))));
            }
        }
        tests.add(DynamicTest.dynamicTest("docs/RELIABILITY.md matches the matrix", () -> compareDocs(rows)));
        return tests.stream();
    }

    /** @return the case's Markdown row */
    private String runCase(Subject subject, Fault2 fault) {
        try (LogCapture logs = LogCapture.start()) {
            String row = runCase(subject, fault, logs);
            assertTrue(logs.count() > 0, "nothing was logged: the capture is not working");
            assertFalse(logs.text().contains(SECRET), subject.name() + " / " + fault.name() + ": the token was logged:\n"
                    + logs.text());
            return row;
        }
    }

    private String runCase(Subject subject, Fault2 fault, LogCapture logs) {
        VirtualTime time = new VirtualTime(T0.plusSeconds(86_400));
        HttpToolkit toolkit = HttpToolkit.builder().clock(time).sleeper(time).build();
        InMemoryStateStore store = new InMemoryStateStore();
        List<MediaItem> initial = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            initial.add(PlanFixtures.play(i, T0.plusSeconds(3600L * i)));
        }
        InMemoryConnector local = new InMemoryConnector("local", ConnectorCapabilities.builder().keepsPlayEvents(true).build())
                .put(Feature.HISTORY, initial);
        FakePlayService service = new FakePlayService(wm, initial);
        service.stubHealthy();

        SyncResult first = sync(subject, local, store, time, toolkit);
        service.absorbWrites();
        assertEquals(SyncStatus.SUCCESS, first.status(), () -> first + " " + first.warnings() + first.errors());

        // the user removes play 1 and watches movie 8 locally: healthy, the service loses 1 and gains 8
        MediaItem gone = initial.get(0);
        MediaItem added = PlanFixtures.play(8, T0.plusSeconds(3600L * 8));
        local.data.get(Feature.HISTORY).remove(gone);
        local.put(Feature.HISTORY, List.of(added));
        Set<MediaItem> localBefore = new HashSet<>(local.items(Feature.HISTORY));
        Baseline baseBefore = store.baseline(PAIR.name(), Feature.HISTORY, Side.TARGET).orElseThrow();
        int removalsBefore = service.removalRequests();

        fault.install().accept(get(urlPathEqualTo("/plays")).withQueryParam("page", equalTo(String.valueOf(fault.page())))
                .atPriority(1));
        SyncResult faulted = sync(subject, local, store, time, toolkit);
        service.absorbWrites(); // also clears the fault
        int removalsSent = service.removalRequests() - removalsBefore;
        boolean baselineKept = baseBefore.equals(store.baseline(PAIR.name(), Feature.HISTORY, Side.TARGET).orElseThrow());
        String where = subject.name() + " / " + fault.name() + ": ";
        if (fault.recovers()) {
            assertEquals(SyncStatus.SUCCESS, faulted.status(), where + faulted);
            assertEquals(1, removalsSent, where + "the retried read was complete, so the removal goes through");
        } else {
            assertTrue(faulted.status() == SyncStatus.PARTIAL || faulted.status() == SyncStatus.FAILED, where + faulted);
            assertEquals(0, removalsSent, where + "a removal reached the service after a failed read");
            assertTrue(baselineKept, where + "the service's baseline moved after a failed read");
            assertTrue(local.items(Feature.HISTORY).containsAll(localBefore), where + "a local play was removed");
            assertFalse(faulted.errors().isEmpty() && faulted.warnings().isEmpty(), where + "no message says what failed");
        }
        assertNoSecret(where, faulted);

        SyncResult rerun = sync(subject, local, store, time, toolkit);
        service.absorbWrites();
        assertEquals(SyncStatus.SUCCESS, rerun.status(), where + "rerun: " + rerun);
        List<MediaItem> plays = service.plays();
        int duplicates = plays.size() - new HashSet<>(plays).size();
        boolean converged = new HashSet<>(local.items(Feature.HISTORY)).equals(new HashSet<>(plays));
        assertEquals(0, duplicates, where + "duplicate plays on the service: " + plays);
        assertTrue(converged, where + "did not converge: local " + local.items(Feature.HISTORY) + ", service " + plays);
        assertEquals(local.items(Feature.HISTORY).size(), new HashSet<>(local.items(Feature.HISTORY)).size(), where + "duplicate local plays");
        assertFalse(plays.contains(gone), where + "the removal never reached the service");
        return "| " + subject.name() + " | " + fault.name() + " | " + faulted.status() + " | " + removalsSent + " | "
                + (baselineKept ? "kept" : "advanced") + " | " + rerun.status() + " | " + (converged ? "yes" : "no") + " | "
                + duplicates + " |";
    }

    private static void assertNoSecret(String where, SyncResult r) {
        if (r.toString().contains(SECRET) || String.join("\n", r.errors()).contains(SECRET)
                || String.join("\n", r.warnings()).contains(SECRET)) {
            fail(where + "the token leaked into the result: " + r);
        }
    }

    private static SyncResult sync(Subject subject, InMemoryConnector local, InMemoryStateStore store, VirtualTime time,
                                   HttpToolkit toolkit) {
        ConnectorSession remote = subject.factory().open(wm.baseUrl(), toolkit);
        PagedServiceConnector any = new PagedServiceConnector(wm.baseUrl(), toolkit);
        return new GenericSyncModule().runSync(SyncContext.builder(PAIR).source(local.manifest(), local)
                .target(any.manifest(), remote).state(store).clock(time).sleeper(time).build());
    }

    // ------------------------------------------------------------------ docs

    static String document(List<String> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Reliability: the fault matrix\n\n");
        sb.append("Generated by `crosswatch-core/src/test/java/io/crosswatch/core/sync/FaultMatrixTest.java`; do not edit by hand.\n");
        sb.append("Rerun with `-Dcrosswatch.updateDocs=true` to rewrite it.\n\n");
        sb.append("Each fault is injected on page 2 (or 1, where it says so) of the service's paged history read (WireMock on loopback) during a\n");
        sb.append("two-way sync that, healthy, would remove one play from the service and add another. Columns: the\n");
        sb.append("status of the faulted run; removal requests the service received during it (from WireMock's request\n");
        sb.append("journal); whether the service's baseline was kept; the status of the rerun once the fault clears;\n");
        sb.append("whether both sides then hold the same plays; duplicate plays on the service after the rerun.\n");
        sb.append("A fault shorter than the retry budget is absorbed by the HTTP toolkit's retries, so that run succeeds\n");
        sb.append("and its removal is legitimate.\n\n");
        sb.append("| connector | fault | faulted run | removals sent | service baseline | rerun | converged | duplicate plays |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    private static void compareDocs(List<String> rows) throws IOException {
        int expected = CONNECTORS.size() * faults().size();
        assertEquals(expected, rows.size(), "some fault cases failed; the matrix is incomplete");
        String content = document(rows);
        Path target = Path.of("target", "RELIABILITY.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, content, StandardCharsets.UTF_8);
        Path committed = Path.of("..", "docs", "RELIABILITY.md");
        if (Boolean.getBoolean("crosswatch.updateDocs")) {
            Files.writeString(committed, content, StandardCharsets.UTF_8);
            return;
        }
        String current = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        if (!current.equals(content)) {
            System.out.println("docs/RELIABILITY.md is out of date; the matrix now reads:\n" + content);
            fail("docs/RELIABILITY.md differs from the generated matrix (see " + target.toAbsolutePath()
                    + "); rerun with -Dcrosswatch.updateDocs=true and commit it");
        }
    }
}
