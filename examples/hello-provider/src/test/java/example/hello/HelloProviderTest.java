package example.hello;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.testkit.ProviderTestKit;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registration, and the behaviour the contracts do not pin down. */
class HelloProviderTest {

    static final HelloFake FAKE = new HelloFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @BeforeEach
    void setUp() {
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(HelloFake.NAME)));
    }

    @Test
    void bothProvidersAreRegisteredInModuleInfoAndServiceFiles() {
        ProviderTestKit kit = ProviderTestKit.forName("hello").assertRegistered();
        assertEquals("hello", kit.authProvider().manifest().name());
        assertEquals("hello", kit.connector().manifest().authProvider().orElseThrow(),
                "the connector reads its key from the auth provider's block");
    }

    @Test
    void aRejectedKeyIsAnAuthErrorAndIsNotStored() {
        RecordingProviderStore store = RecordingProviderStore.of(ProviderConfig.of("hello", "default",
                Map.of("baseUrl", wm.baseUrl())));
        String wrong = "not-the-key-5521b0";
        AuthException e = assertThrows(AuthException.class, () -> new HelloAuthProvider()
                .start(TestContext.of(store, VirtualTime.create()), Map.of("apiKey", wrong)));
        assertTrue(e.getMessage().contains("rejected the API key"), e.getMessage());
        new SecretScanner().add("the wrong key", wrong).assertNotIn(e);
        assertTrue(store.updates().isEmpty(), "nothing is stored for a key the service rejects");
    }

    @Test
    void removingWhatWasReadUsesTheEntryIdWithoutAnotherLookup() {
        String id = FAKE.seed("movie", "The Matrix", 1999, "imdb", "tt0133093");
        try (ConnectorSession s = new HelloConnector().open(HelloConnectorContractTest.contextAt(wm.baseUrl()))) {
            ReadResult read = s.read(Feature.WATCHLIST);
            assertTrue(read.isComplete());
            MediaItem matrix = read.items().get(0);
            assertEquals(id, matrix.attribute(WatchlistEntries.ENTRY_ID).orElseThrow());
            WriteResult w = s.remove(Feature.WATCHLIST, List.of(matrix), false);
            assertEquals(1, w.count(WriteResult.Outcome.REMOVED));
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/watchlist")));
        wm.verify(1, deleteRequestedFor(urlPathEqualTo("/watchlist/" + id)));
        assertTrue(FAKE.entries().isEmpty());
    }

    @Test
    void aServiceOutageStopsTheBatchAtTheFirstFailure() {
        FAKE.breakDown();
        try (ConnectorSession s = new HelloConnector().open(HelloConnectorContractTest.contextAt(wm.baseUrl()))) {
            WriteResult w = s.add(Feature.WATCHLIST, List.of(HelloConnectorContractTest.MATRIX,
                    HelloConnectorContractTest.SEVERANCE), false);
            assertEquals(2, w.count(WriteResult.Outcome.FAILED));
            assertTrue(w.outcomes().get(1).reason().contains("HTTP 503"), w.outcomes().get(1).reason());
        }
        assertEquals(1, wm.getAllServeEvents().size(), "the second item is not sent to a failing service");
    }

    @Test
    void jsonRoundTripsTheCharactersTitlesCarry() {
        Map<String, Object> entry = Map.of("title", "Amélie \"Le Fabuleux\" \\ Destin\n\u0001", "year", 2001L,
                "ids", List.of(true, false));
        assertEquals(entry, HelloJson.parse(HelloJson.write(entry)));
        assertEquals(List.of(-1.5e3, 42L), HelloJson.parse(" [ -1.5e3 , 42 ] "));
        assertFalse(assertThrows(IllegalArgumentException.class, () -> HelloJson.parse("{\"a\":1,}")).getMessage()
                .isBlank());
    }
}
