package io.crosswatch.cli;

import io.crosswatch.api.Api;
import io.crosswatch.api.Sleeper;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.core.PlatformManager;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the command line runs against: output streams, standard input, environment variables,
 * the working and install directories, whether a terminal is attached, the clock and sleeper,
 * and the hooks that build the platform and the sync engine. {@link #system()} is the real
 * process; tests build their own so nothing touches the user's files.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class CliEnvironment {

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final Map<String, String> env;
    private final Path workingDir;
    private final Path home;
    private final Path installDir;
    private final boolean terminal;
    private final Function<String, char[]> secretReader;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<PlatformManager.Builder> platformCustomizer;
    private final Supplier<SyncModule> fallbackModule;
    private final Function<Path, StateStore> stateStores;

    private CliEnvironment(Builder b) {
        this.out = Objects.requireNonNull(b.out, "out");
        this.err = Objects.requireNonNull(b.err, "err");
        this.in = b.in == null ? InputStream.nullInputStream() : b.in;
        this.env = Map.copyOf(b.env);
        this.workingDir = Objects.requireNonNull(b.workingDir, "workingDir").toAbsolutePath().normalize();
        this.home = b.home == null ? this.workingDir : b.home.toAbsolutePath().normalize();
        this.installDir = b.installDir == null ? null : b.installDir.toAbsolutePath().normalize();
        this.terminal = b.terminal;
        this.secretReader = b.secretReader;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.sleeper = b.sleeper == null ? Sleeper.SYSTEM : b.sleeper;
        this.platformCustomizer = b.platformCustomizer == null ? p -> { } : b.platformCustomizer;
        this.fallbackModule = b.fallbackModule == null ? Engine::fallbackModule : b.fallbackModule;
        this.stateStores = b.stateStores == null ? Engine::openStateStore : b.stateStores;
    }

    /**
     * The real process: {@code System.out}/{@code err}/{@code in}, the environment, {@code
     * user.dir}, {@code user.home}, the install directory from the {@code crosswatch.home}
     * system property (the launcher sets it), and the console when there is one.
     *
     * @return the environment
     */
    public static CliEnvironment system() {
        Console console = System.console();
        String install = System.getProperty("crosswatch.home");
        return builder()
                .out(new PrintWriter(System.out, true, consoleCharset(console)))
                .err(new PrintWriter(System.err, true, consoleCharset(console)))
                .in(System.in)
                .env(System.getenv())
                .workingDir(Path.of(System.getProperty("user.dir")))
                .home(Path.of(System.getProperty("user.home")))
                .installDir(install == null || install.isBlank() ? null : Path.of(install))
                .terminal(console != null)
                .secretReader(console == null ? null : prompt -> console.readPassword("%s", prompt))
                .build();
    }

    private static java.nio.charset.Charset consoleCharset(Console console) {
        return console == null ? StandardCharsets.UTF_8 : console.charset();
    }

    /** @return a builder; {@code out}, {@code err} and {@code workingDir} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return where results go */
    public PrintWriter out() {
        return out;
    }

    /** @return where progress, warnings and errors go */
    public PrintWriter err() {
        return err;
    }

    /** @return standard input (for {@code --password-stdin}) */
    public InputStream in() {
        return in;
    }

    /**
     * @param name an environment variable
     * @return its value, when set and not blank
     */
    public Optional<String> env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** @return the working directory */
    public Path workingDir() {
        return workingDir;
    }

    /** @return the user's home directory */
    public Path home() {
        return home;
    }

    /** @return the install directory (the one holding {@code bin/} and {@code lib/}), if known */
    public Optional<Path> installDir() {
        return Optional.ofNullable(installDir);
    }

    /** @return whether a terminal is attached (live progress lines, prompts) */
    public boolean terminal() {
        return terminal;
    }

    /** @return reads a secret without echo, when a console is attached */
    public Optional<Function<String, char[]>> secretReader() {
        return Optional.ofNullable(secretReader);
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return the sleeper used while polling auth flows */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** @return applied to every platform builder before it is built (tests register providers) */
    public Consumer<PlatformManager.Builder> platformCustomizer() {
        return platformCustomizer;
    }

    /** @return makes the sync module used for pairs no specialised module handles */
    public Supplier<SyncModule> fallbackModule() {
        return fallbackModule;
    }

    /** @return opens the state store at a path */
    public Function<Path, StateStore> stateStores() {
        return stateStores;
    }

    /** Builds a {@link CliEnvironment}. */
    public static final class Builder {
        private PrintWriter out;
        private PrintWriter err;
        private InputStream in;
        private Map<String, String> env = Map.of();
        private Path workingDir;
        private Path home;
        private Path installDir;
        private boolean terminal;
        private Function<String, char[]> secretReader;
        private Clock clock;
        private Sleeper sleeper;
        private Consumer<PlatformManager.Builder> platformCustomizer;
        private Supplier<SyncModule> fallbackModule;
        private Function<Path, StateStore> stateStores;

        private Builder() {
        }

        /** @return this */
        public Builder out(PrintWriter value) {
            this.out = value;
            return this;
        }

        /** @return this */
        public Builder err(PrintWriter value) {
            this.err = value;
            return this;
        }

        /** @return this */
        public Builder in(InputStream value) {
            this.in = value;
            return this;
        }

        /** @return this; the environment variables (only {@code XDG_CONFIG_HOME} and {@code CROSSWATCH_CONFIG} are read) */
        public Builder env(Map<String, String> value) {
            this.env = Objects.requireNonNull(value, "env");
            return this;
        }

        /** @return this */
        public Builder workingDir(Path value) {
            this.workingDir = value;
            return this;
        }

        /** @return this */
        public Builder home(Path value) {
            this.home = value;
            return this;
        }

        /** @return this */
        public Builder installDir(Path value) {
            this.installDir = value;
            return this;
        }

        /** @return this */
        public Builder terminal(boolean value) {
            this.terminal = value;
            return this;
        }

        /** @return this; reads a secret without echo given a prompt */
        public Builder secretReader(Function<String, char[]> value) {
            this.secretReader = value;
            return this;
        }

        /** @return this */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** @return this */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** @return this */
        public Builder platformCustomizer(Consumer<PlatformManager.Builder> value) {
            this.platformCustomizer = value;
            return this;
        }

        /** @return this */
        public Builder fallbackModule(Supplier<SyncModule> value) {
            this.fallbackModule = value;
            return this;
        }

        /** @return this */
        public Builder stateStores(Function<Path, StateStore> value) {
            this.stateStores = value;
            return this;
        }

        /** @return the environment */
        public CliEnvironment build() {
            return new CliEnvironment(this);
        }
    }
}
