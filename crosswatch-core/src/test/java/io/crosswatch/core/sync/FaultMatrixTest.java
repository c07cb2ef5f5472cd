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
 * duplicate plays. This is the toolkit's and engine's unit test against a test connector; the
 * matrix on every real connector, which generates {@code docs/RELIABILITY.md}, is
 * {@code io.crosswatch.providers.sync.faults.FaultMatrixTest} in {@code crosswatch-providers-sync}.
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
        l.add(always("read timeout", okJson("{}").withFixedDelay(2000)));
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
        tests.add(DynamicTest.dynamicTest("every case ran", () -> assertComplete(rows)));
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
        HttpToolkit.Builder tb = HttpToolkit.builder().clock(time).sleeper(time);
        if (fault.name().equals("read timeout")) {
            tb.readTimeout(java.time.Duration.ofMillis(400)); // a short timeout, not a long real delay
        }
        HttpToolkit toolkit = tb.build();
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

    private static void assertComplete(List<String> rows) {
        assertEquals(CONNECTORS.size() * faults().size(), rows.size(), "some fault cases failed; the matrix is incomplete");
    }
}
