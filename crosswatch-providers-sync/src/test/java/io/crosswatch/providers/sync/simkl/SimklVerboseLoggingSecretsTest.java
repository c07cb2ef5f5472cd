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
import io.crosswatch.testkit.LogCapture;
import io.crosswatch.testkit.SecretScanner;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With every logger at its most verbose level, SIMKL's access token and client id (its API key) reach no log line,
 * exception message, read reason or {@code toString} — on success, on 401, on a 5xx burst, on 429
 * and on failed writes.
 */
class SimklVerboseLoggingSecretsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String TOKEN = "simkl-verbose-token-5f4e3d2c1b";
    static final String CLIENT = "simkl-verbose-client-9a8b7c";

    @Test
    void noSecretInAnyLogLineMessageOrToString() {
        // SIMKL's client id is its API key (sent as simkl-api-key and as the client_id query
        // parameter): it must stay out of logs and messages like the token. Only the config's
        // own toString shows it, as it shows every non-secret key.
        SecretScanner secrets = new SecretScanner().add("accessToken", TOKEN).add("clientId", CLIENT);
        SecretScanner tokenOnly = new SecretScanner().add("accessToken", TOKEN);
        List<String> seen = new ArrayList<>();
        try (LogCapture capture = LogCapture.everything()) {
            VirtualTime time = VirtualTime.create();
            ProviderConfig config = ProviderConfig.of("simkl", "default", Map.of("clientId", CLIENT, "accessToken", TOKEN,
                    "baseUrl", wm.baseUrl(), "appName", "crosswatch-test"));
            tokenOnly.assertNotIn("the config's toString()", config.toString());
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
            assertTrue(capture.size() > 0, "nothing was logged: the toolkit logs every request at DEBUG");
            capture.assertNoSecrets(secrets);
        }
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
