package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorsTest {

    @TempDir
    Path dir;

    @Test
    void missingConfigSaysWhereAndHowToCreateOne() {
        CliHarness cli = new CliHarness(dir);
        for (String cmd : new String[] {"providers", "sync", "import", "status"}) {
            CliHarness.Result r = cmd.equals("import") ? cli.run(cmd, "x.csv") : cli.run(cmd);
            if (r.err().contains("Unmatched argument") || r.err().contains("Unknown")) {
                continue;
            }
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().startsWith("error: no config file at " + cli.config), r::toString);
            assertTrue(r.err().contains("hint: run 'crosswatch init'"), r::toString);
        }
    }

    @Test
    void malformedConfigNamesLineAndColumnWithoutSecrets() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.createDirectories(cli.config.getParent());
        Files.writeString(cli.config, "{\n  \"providers\": {\n    \"trakt\": {\"token\": \"tok-SECRET-999\" \"x\": 1}\n  }\n}\n");
        CliHarness.Result r = cli.run("providers");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("error: " + cli.config + ": line 3, column"), r::toString);
        assertTrue(r.err().contains("malformed JSON"), r::toString);
        assertFalse(r.err().contains("tok-SECRET-999"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Test
    void invalidConfigNamesTheJsonPath() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.createDirectories(cli.config.getParent());
        Files.writeString(cli.config, "{\"pairs\": [{\"source\": \"local\", \"target\": \"local:b\", \"mode\": \"sideways\"}]}");
        CliHarness.Result r = cli.run("sync");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("error: $.pairs[0].mode: unknown mode 'sideways'"), r::toString);
        assertTrue(r.err().contains("hint: fix the config file"), r::toString);
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.createDirectories(cli.config.getParent());
        Files.writeString(cli.config, "{");
        CliHarness.Result r = cli.run("--verbose", "providers");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("\tat "), r::toString);
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result r = cli.run("sync", "--no-such-option");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r::toString);
    }

    @Test
    void versionAndHelp() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result v = cli.runRaw("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("crosswatch "), v::toString);
        CliHarness.Result h = cli.runRaw("--help");
        assertEquals(0, h.code());
        for (String cmd : new String[] {"init", "quickstart", "providers", "connect", "disconnect", "sync", "plan", "import",
                "export", "metadata", "status", "unresolved"}) {
            assertTrue(h.out().contains("  " + cmd + " ") || h.out().contains("  " + cmd + "\n"), () -> cmd + " in " + h);
        }
    }
}
