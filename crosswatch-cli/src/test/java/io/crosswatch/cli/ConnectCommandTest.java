package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.core.config.ConfigStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectCommandTest {

    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
        cli.providers.add(new FakeAuthProviders.Device());
        cli.providers.add(new FakeAuthProviders.Password());
        assertEquals(0, cli.run("init").code());
    }

    private static void assertNoSecrets(CliHarness.Result r) {
        for (String s : new String[] {FakeAuthProviders.DEVICE_SECRET, FakeAuthProviders.ACCESS_TOKEN,
                FakeAuthProviders.PASSWORD}) {
            assertFalse(r.out().contains(s) || r.err().contains(s), () -> "secret leaked: " + r);
        }
    }

    @Test
    void deviceCodeFlowShowsCodeAndUrlPollsAndSaves() {
        CliHarness.Result r = cli.run("connect", "fakedevice");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("ABCD-1234") && r.out().contains("https://example.test/activate"), r::toString);
        assertTrue(r.out().contains("connected fakedevice as alice"), r::toString);
        assertEquals(Duration.ofSeconds(10), cli.time.slept(), "polled through the injected sleeper");
        assertEquals(FakeAuthProviders.ACCESS_TOKEN, ConfigStore.open(cli.config).load()
                .providerConfig("fakedevice", null).string("accessToken").orElseThrow());
        assertNoSecrets(r);

        CliHarness.Result list = cli.run("providers");
        assertTrue(list.out().contains("fakedevice  Fake Device, flow device code; default: connected as alice"), list::toString);
        assertNoSecrets(list);

        CliHarness.Result off = cli.run("disconnect", "fakedevice");
        assertEquals(0, off.code(), off::toString);
        assertTrue(ConfigStore.open(cli.config).load().providerConfig("fakedevice", null).string("accessToken").isEmpty());
        assertTrue(cli.run("providers").out().contains("default: not connected"));
    }

    @Test
    void passwordFromStdinIntoANamedInstance() {
        cli.stdin = FakeAuthProviders.PASSWORD + "\n";
        CliHarness.Result r = cli.run("connect", "fakepw:living-room", "--username", "bob", "--password-stdin");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("connected fakepw:living-room as bob"), r::toString);
        assertEquals("bob", ConfigStore.open(cli.config).load().providerConfig("fakepw", "living-room")
                .string("user").orElseThrow());
        assertNoSecrets(r);
    }

    @Test
    void passwordFromTheConsoleWithoutEcho() {
        cli.terminal = true;
        cli.secretReader = prompt -> FakeAuthProviders.PASSWORD.toCharArray();
        CliHarness.Result r = cli.run("connect", "fakepw", "--username", "bob");
        assertEquals(0, r.code(), r::toString);
        assertNoSecrets(r);
    }

    @Test
    void noConsoleAndNoStdinOptionIsAClearError() {
        CliHarness.Result r = cli.run("connect", "fakepw", "--username", "bob");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("error: no console to ask for the secret without echo"), r::toString);
        assertTrue(r.err().contains("hint: pipe it in with --password-stdin"), r::toString);
    }

    @Test
    void wrongPasswordFailsWithoutEchoingIt() {
        cli.stdin = "wrong-SECRET\n";
        CliHarness.Result r = cli.run("connect", "fakepw", "--username", "bob", "--password-stdin");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("fakepw: the server rejected the user name or password"), r::toString);
        assertTrue(r.err().contains("crosswatch connect fakepw"), r::toString);
        assertFalse(r.err().contains("wrong-SECRET"), r::toString);
    }

    @Test
    void unknownProviderIsOneLineWithAHint() {
        CliHarness.Result r = cli.run("connect", "nosuch");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("error: no auth provider named 'nosuch' is installed"), r::toString);
        assertTrue(r.err().contains("hint: "), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Test
    void oauthCodeFlowPromptsForThePastedCode() {
        cli.providers.add(new FakeAuthProviders.OAuthCode());
        cli.terminal = true;
        cli.secretReader = prompt -> FakeAuthProviders.OAuthCode.CODE.toCharArray();
        CliHarness.Result r = cli.run("connect", "fakeoauth");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("open:  https://example.test/authorize?client_id=x"), r::toString);
        assertTrue(r.out().contains("connected fakeoauth as carol"), r::toString);
        assertFalse(r.out().contains(FakeAuthProviders.OAuthCode.CODE) || r.err().contains(FakeAuthProviders.OAuthCode.CODE));
        assertNoSecrets(r);
    }

    @Test
    void apiKeyFromStdinGoesToTheFieldTheProviderNames() {
        cli.providers.add(new FakeAuthProviders.ApiKey());
        cli.stdin = FakeAuthProviders.ACCESS_TOKEN + "\n";
        CliHarness.Result r = cli.run("connect", "fakekey", "--token-stdin");
        assertEquals(0, r.code(), r::toString);
        assertEquals(FakeAuthProviders.ACCESS_TOKEN, ConfigStore.open(cli.config).load().providerConfig("fakekey", null)
                .string("apiKey").orElseThrow());
        assertNoSecrets(r);
    }
}
