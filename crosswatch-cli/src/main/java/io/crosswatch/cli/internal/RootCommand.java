package io.crosswatch.cli.internal;

import io.crosswatch.cli.CliEnvironment;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.config.ConfigWarning;
import io.crosswatch.core.config.CrossWatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code crosswatch} command: global options and what every subcommand shares. */
@Command(name = "crosswatch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Keeps watchlists, ratings, history, progress and playlists in step across media servers"
                + " and trackers.",
        subcommands = {InitCommand.class, QuickstartCommand.class, ProvidersCommand.class, ConnectCommand.class,
                DisconnectCommand.class, SyncCommand.class, PlanCommand.class, ImportCommand.class,
                ExportCommand.class, MetadataCommand.class, StatusCommand.class, UnresolvedCommand.class,
                UndoCommand.class, DaemonCommand.class})
public final class RootCommand implements Runnable {

    private final CliEnvironment env;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The config file (default: $XDG_CONFIG_HOME/crosswatch/config.json or"
                    + " ~/.config/crosswatch/config.json).")
    Path config;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** @param env what the commands run against */
    public RootCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(env.out());
    }

    /** @return what the commands run against */
    public CliEnvironment env() {
        return env;
    }

    /** @return whether {@code --verbose} was given */
    public boolean verbose() {
        return verbose;
    }

    /** @return the config file: {@code --config}, else the default location */
    public Path configPath() {
        if (config != null) {
            return env.workingDir().resolve(config).toAbsolutePath().normalize();
        }
        return defaultConfigPath(env);
    }

    /**
     * @param env the environment
     * @return {@code $XDG_CONFIG_HOME/crosswatch/config.json}, else {@code ~/.config/crosswatch/config.json}
     */
    public static Path defaultConfigPath(CliEnvironment env) {
        Path base = env.env("XDG_CONFIG_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElse(env.home().resolve(".config"));
        return base.resolve("crosswatch").resolve("config.json");
    }

    /** @return a store on the config file (which need not exist) */
    public ConfigStore configStore() {
        return ConfigStore.open(configPath());
    }

    /**
     * Loads the config, printing its warnings to standard error.
     *
     * @return the config
     * @throws CliException when the file does not exist
     */
    public CrossWatchConfig requireConfig() {
        ConfigStore store = configStore();
        if (!store.exists()) {
            throw new CliException("no config file at " + store.path(),
                    "run 'crosswatch init' to create one, or pass --config FILE");
        }
        CrossWatchConfig cfg = store.load();
        for (ConfigWarning w : cfg.warnings()) {
            env.err().println("warning: " + store.path() + ": " + w);
        }
        return cfg;
    }

    /**
     * @param cfg the loaded config (its plugins directory is used when it exists, else the
     *            install directory's {@code plugins/})
     * @return a platform over the config store
     */
    public PlatformManager platform(CrossWatchConfig cfg) {
        PlatformManager.Builder b = PlatformManager.builder().configStore(ConfigStore.open(cfg.file()))
                .clock(env.clock()).sleeper(env.sleeper());
        pluginsDir(cfg).ifPresent(b::pluginsDir);
        env.platformCustomizer().accept(b);
        return b.build();
    }

    /**
     * @param cfg the config
     * @return the plugins directory in use, if any exists
     */
    public java.util.Optional<Path> pluginsDir(CrossWatchConfig cfg) {
        if (Files.isDirectory(cfg.pluginsDir())) {
            return java.util.Optional.of(cfg.pluginsDir());
        }
        return env.installDir().map(d -> d.resolve("plugins")).filter(Files::isDirectory);
    }
}
