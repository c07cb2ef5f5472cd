package io.crosswatch.cli;

import io.crosswatch.api.sync.StateStore;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.testkit.VirtualTime;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the CLI in-process against a temp directory: home, XDG config home and working directory
 * all live under it, and every run passes {@code --config} explicitly unless told otherwise.
 */
final class CliHarness {

    /** The repository's sample data (tests run in the module directory). */
    static final Path SAMPLES = Path.of("..", "examples", "sample-data").toAbsolutePath().normalize();

    final Path dir;
    final Path config;
    final VirtualTime time = VirtualTime.create();
    final Map<String, String> envVars = new HashMap<>();
    final List<Object> providers = new ArrayList<>();
    String stdin = "";
    boolean terminal;
    Function<String, char[]> secretReader;
    Supplier<SyncModule> fallback;
    Function<Path, StateStore> stateStores;
    Consumer<PlatformManager.Builder> extra = b -> { };

    CliHarness(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("cfg").resolve("config.json");
        envVars.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
    }

    /** One run's outcome. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** Runs with {@code --config <dir>/cfg/config.json} prepended. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(Arrays.asList(args));
        return runRaw(all.toArray(String[]::new));
    }

    Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment.Builder b = CliEnvironment.builder()
                .out(new PrintWriter(out, true)).err(new PrintWriter(err, true))
                .in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .env(envVars).workingDir(dir).home(dir.resolve("home")).terminal(terminal).secretReader(secretReader)
                .clock(time.clock()).sleeper(time.sleeper())
                .platformCustomizer(p -> {
                    providers.forEach(p::register);
                    extra.accept(p);
                });
        if (fallback != null) {
            b.fallbackModule(fallback);
        }
        if (stateStores != null) {
            b.stateStores(stateStores);
        }
        int code = CrossWatchCli.run(b.build(), args);
        return new Result(code, out.toString(), err.toString());
    }
}
