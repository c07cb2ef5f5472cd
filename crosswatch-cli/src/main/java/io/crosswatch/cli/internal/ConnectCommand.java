package io.crosswatch.cli.internal;

import io.crosswatch.api.auth.AuthFlow;
import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.auth.AuthStep;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.cli.CliEnvironment;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.CrossWatchConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch connect}: runs a provider's auth flow and saves the credentials. */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Connect an account: device code / PIN flows show a code and URL and wait for approval;"
                + " password and key flows prompt without echo (or read stdin).")
final class ConnectCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", paramLabel = "PROVIDER[:INSTANCE]", description = "e.g. trakt or jellyfin:living-room")
    String target;

    @Option(names = "--username", description = "The user name (password flows).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--token-stdin", description = "Read the API key or token from the first line of standard input.")
    boolean tokenStdin;

    @Option(names = "--field", paramLabel = "KEY=VALUE", description = "Extra non-secret input for the provider.")
    Map<String, String> fields = new LinkedHashMap<>();

    @Override
    public Integer call() {
        Endpoint endpoint = Endpoint.parse(target);
        CrossWatchConfig cfg = root.requireConfig();
        PlatformManager platform = root.platform(cfg);
        AuthProvider auth = platform.authProvider(endpoint.provider())
                .orElseThrow(() -> new io.crosswatch.api.NoSuchProviderException("auth", endpoint.provider()));
        String instance = endpoint.instance();
        CliEnvironment env = root.env();
        PrintWriter out = env.out();
        AuthFlow flow = auth.manifest().flow();
        Map<String, String> payload = new LinkedHashMap<>(fields);
        if (flow == AuthFlow.PASSWORD && !tokenStdin) {
            payload.put("username", username != null ? username : promptLine(env, "user name: "));
            payload.put("password", secret(env, passwordStdin, "password: ", "--password-stdin"));
        } else if (flow == AuthFlow.API_KEY || tokenStdin) {
            if (username != null) {
                payload.put("username", username);
            }
            payload.put(secretField(auth), secret(env, tokenStdin, auth.manifest().label() + " API key or token: ",
                    "--token-stdin"));
        }
        out.println("connecting " + auth.manifest().label() + " (" + endpoint + ", " + flow.name().toLowerCase(Locale.ROOT)
                .replace('_', ' ') + ")");
        AuthStep step = platform.start(endpoint.provider(), instance, payload);
        AuthStatus status;
        if (step.code().isPresent() || step.url().isPresent()) {
            if (step.instructions() != null) {
                out.println(step.instructions());
            }
            step.url().ifPresent(u -> out.println("  open:  " + u));
            step.code().ifPresent(c -> out.println("  code:  " + c));
            Map<String, String> finish = new LinkedHashMap<>(step.state());
            if (flow == AuthFlow.OAUTH_CODE && !payload.containsKey("token")) {
                // The user approves in the browser and pastes the code the service shows back here.
                out.flush();
                finish.put("code", secret(env, false, "code shown after approving: ", "--token-stdin"));
            } else {
                out.println("  waiting for approval (the code expires at " + step.expiresAt() + ") ...");
                out.flush();
            }
            payload.forEach(finish::putIfAbsent);
            status = platform.finish(endpoint.provider(), instance, finish);
        } else {
            status = platform.status(endpoint.provider(), instance);
        }
        if (!status.isConnected()) {
            throw new CliException("connecting " + endpoint + " failed: " + status.state().name().toLowerCase(Locale.ROOT)
                    + (status.message() == null ? "" : " (" + status.message() + ")"),
                    "run 'crosswatch connect " + endpoint + "' again");
        }
        out.println("connected " + endpoint + status.accountName().map(a -> " as " + a).orElse("")
                + status.expiry().map(e -> "; token valid until " + e).orElse("")
                + "; saved to " + cfg.file());
        return 0;
    }

    /** Providers that take an API key name it {@code apiKey} in their manifest; the others take a pasted {@code token}. */
    static String secretField(AuthProvider auth) {
        return auth.manifest().fields().containsKey("apiKey") ? "apiKey" : "token";
    }

    private static String promptLine(CliEnvironment env, String prompt) {
        if (!env.terminal()) {
            throw new CliException("no terminal to ask for the user name", "pass --username NAME");
        }
        env.err().print(prompt);
        env.err().flush();
        return firstLine(env, "the user name");
    }

    /** Reads a secret from stdin, or from the console without echo; never from a command-line argument. */
    private static String secret(CliEnvironment env, boolean fromStdin, String prompt, String option) {
        if (fromStdin) {
            return firstLine(env, "the secret");
        }
        if (env.secretReader().isEmpty()) {
            throw new CliException("no console to ask for the secret without echo", "pipe it in with " + option);
        }
        char[] chars = env.secretReader().get().apply(prompt);
        if (chars == null || chars.length == 0) {
            throw new CliException("no secret entered", "run the command again, or pipe it in with " + option);
        }
        String s = new String(chars);
        Arrays.fill(chars, ' ');
        return s;
    }

    private static String firstLine(CliEnvironment env, String what) {
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || line.isBlank()) {
                throw new CliException("standard input held no value for " + what, "pipe one line into the command");
            }
            return line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }
}
