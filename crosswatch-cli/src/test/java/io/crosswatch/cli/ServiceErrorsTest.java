package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service failures reach the user as one line plus a hint, never with a secret or a stack trace. */
class ServiceErrorsTest {

    @TempDir
    Path dir;
    CliHarness cli;

    /** A connector whose reads fail the way its config's {@code fail} key says. */
    static final class Failing implements Connector {
        @Override
        public ConnectorManifest manifest() {
            return ConnectorManifest.builder("flaky", ApiVersion.CURRENT).label("Flaky").features(Feature.WATCHLIST)
                    .build();
        }

        @Override
        public boolean isConfigured(ProviderConfig config) {
            return config.string("token").isPresent();
        }

        @Override
        public ConnectorSession open(ProviderContext context) {
            String mode = context.config().string("fail").orElse("none");
            return new ConnectorSession() {
                @Override
                public ReadResult read(ReadRequest request) {
                    switch (mode) {
                        case "down":
                            throw new ProviderException("flaky", 503, true, "GET /sync/watchlist failed with 503 after 4"
                                    + " attempts", null);
                        case "expired":
                            throw new AuthException("flaky", "the access token expired and could not be refreshed");
                        default:
                            return ReadResult.complete(java.util.List.of());
                    }
                }

                @Override
                public io.crosswatch.api.sync.WriteResult add(Feature f, java.util.List<io.crosswatch.api.media.MediaItem> items,
                                                            boolean dryRun) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public io.crosswatch.api.sync.WriteResult remove(Feature f,
                                                               java.util.List<io.crosswatch.api.media.MediaItem> items,
                                                               boolean dryRun) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
        cli.providers.add(new Failing());
        assertEquals(0, cli.run("init").code());
    }

    private void configure(String fail) {
        io.crosswatch.core.config.ConfigStore.open(cli.config).update("flaky", null,
                Map.of("token", "tok-SECRET-777", "fail", fail));
    }

    @Test
    void unreachableServiceSaysRetry() {
        configure("down");
        CliHarness.Result r = cli.run("export", "--from", "flaky", "--format", "json");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("error: flaky: GET /sync/watchlist failed with 503"), r::toString);
        assertTrue(r.err().contains("hint: the service is unreachable or failing"), r::toString);
        assertFalse(r.err().contains("tok-SECRET-777") || r.err().contains("\tat "), r::toString);
    }

    @Test
    void expiredTokenSaysConnectAgain() {
        configure("expired");
        CliHarness.Result r = cli.run("export", "--from", "flaky", "--format", "json");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("hint: the account's credentials are missing or expired: run 'crosswatch connect flaky'"),
                r::toString);
        assertFalse(r.err().contains("tok-SECRET-777"), r::toString);
    }

    @Test
    void unconfiguredConnectorSaysConnect() {
        CliHarness.Result r = cli.run("export", "--from", "flaky:work", "--format", "json");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("error: flaky:work is not configured"), r::toString);
        assertTrue(r.err().contains("hint: run 'crosswatch connect flaky:work'"), r::toString);
    }

    @Test
    void exportReadsEveryFeatureOfAConnector() {
        configure("none");
        CliHarness.Result r = cli.run("export", "--from", "flaky", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals("[]\n", r.out());
    }
}
