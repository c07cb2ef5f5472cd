package io.crosswatch.providers.sync.simkl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With every logger at its most verbose level, SIMKL's access token reaches no log line,
 * exception message, read reason or {@code toString} — on success, on 401, on a 5xx burst, on 429
 * and on failed writes.
 */
class SimklVerboseLoggingSecretsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String TOKEN = "simkl-verbose-token-5f4e3d2c1b";
    static final String CLIENT = "simkl-verbose-client-9a8b7c";

    /** Everything logged through System.Logger (routed to java.util.logging), stack traces included. */
    static final class Capture extends Handler {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            StringBuilder sb = new StringBuilder(formatter.formatMessage(r));
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                sb.append('\n').append(w);
            }
            lines.add(sb.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noSecretInAnyLogLineMessageOrToString() {
        // the client id is an OAuth client identifier, public by design (the toolkit's RedactionTest keeps client_id visible)
        SecretScanner secrets = new SecretScanner().add("accessToken", TOKEN);
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        List<String> seen = new ArrayList<>();
        try {
            VirtualTime time = VirtualTime.create();
            ProviderConfig config = ProviderConfig.of("simkl", "default", Map.of("clientId", CLIENT, "accessToken", TOKEN,
                    "baseUrl", wm.baseUrl(), "appName", "crosswatch-test"));
            seen.add(config.toString());
            MediaItem heat = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "949")).rating(8).build();
            for (var response : List.of(okJson(SimklConnectorTest.LIBRARY), aResponse().withStatus(401).withBody("{}"),
                    aResponse().withStatus(503), aResponse().withStatus(429).withHeader("Retry-After", "1"),
                    okJson("{\"movies\": [tru"))) {
                wm.resetAll();
                wm.stubFor(get(urlPathEqualTo("/sync/all-items")).willReturn(response));
                wm.stubFor(get(urlPathEqualTo("/sync/activities")).willReturn(response));
                wm.stubFor(post(urlPathEqualTo("/sync/ratings")).willReturn(response));
                wm.stubFor(get(urlPathEqualTo("/users/settings")).willReturn(response));
                try (ConnectorSession s = new SimklConnector(HttpToolkit.builder().okHttpClient(SimklConnectorContractTest.OK_HTTP).clock(time.clock())
                        .sleeper(time.sleeper()).build())
                        .open(TestContext.of(config, time))) {
                    seen.add(s.toString());
                    ReadResult r = s.read(Feature.RATINGS);
                    seen.add(r.toString());
                    r.reason().ifPresent(seen::add);
                    seen.add(String.valueOf(s.health()));
                    attempt(seen, () -> seen.add(String.valueOf(s.activities())));
                    attempt(seen, () -> seen.add(String.valueOf(s.add(Feature.RATINGS, List.of(heat), false))));
                }
            }
        } finally {
            root.removeHandler(capture);
            root.setLevel(previous);
        }
        assertTrue(capture.lines.size() > 0, "nothing was logged: the capture is not working");
        secrets.assertNotIn("logs", String.join("\n", capture.lines));
        secrets.assertNotIn("messages, results and toString", String.join("\n", seen));
    }

    private static void attempt(List<String> seen, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            seen.add(w.toString());
        }
    }
}
