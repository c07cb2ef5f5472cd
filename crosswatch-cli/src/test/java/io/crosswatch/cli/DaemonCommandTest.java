package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crosswatch daemon}: config sections, validation and a one-shot start/stop. */
class DaemonCommandTest {

    static final String SECRET = "0123456789abcdef-daemon";

    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(dir);
        Files.createDirectories(cli.config.getParent());
    }

    void config(String daemon) throws Exception {
        Files.writeString(cli.config, "{\"providers\":{},\"pairs\":[],\"scrobble\":{\"watchedThreshold\":85},"
                + "\"daemon\":" + daemon + "}");
    }

    @Test
    void onceStartsTheEndpointOnLoopbackAndStops() throws Exception {
        config("{\"port\":0,\"secret\":\"" + SECRET + "\"}");
        CliHarness.Result r = cli.run("daemon", "--once");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("listening on http://127.0.0.1:"), r.toString());
        assertTrue(r.out().contains("stopped; 0 scrobble(s) still queued"), r.toString());
        assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), "the secret is never printed");
    }

    @Test
    void aMissingOrShortSecretIsAConfigError() throws Exception {
        config("{\"port\":0}");
        CliHarness.Result r = cli.run("daemon", "--once");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("daemon.secret"), r.toString());
        config("{\"port\":0,\"secret\":\"short\"}");
        r = cli.run("daemon", "--once");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("at least 16"), r.toString());
        assertFalse(r.err().contains("short\""), r.toString());
    }

    @Test
    void aScheduleForAnUnknownPairIsRefused() throws Exception {
        config("{\"port\":0,\"secret\":\"" + SECRET + "\",\"schedules\":{\"nope\":\"PT30M\"}}");
        CliHarness.Result r = cli.run("daemon", "--once");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("'nope'"), r.toString());
    }

    @Test
    void aBadCronExpressionNamesThePairAndTheField() throws Exception {
        config("{\"port\":0,\"secret\":\"" + SECRET + "\",\"schedules\":{\"trakt-plex\":\"61 * * * *\"}}");
        CliHarness.Result r = cli.run("daemon", "--once");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("daemon.schedules.trakt-plex: \"61 * * * *\": minute 61 is out of range 0-59"), r.toString());
    }
}
