package io.crosswatch.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch init}: writes the commented starter config. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented starter config (local tracker + disabled provider examples).")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--force", description = "Overwrite an existing config file.")
    boolean force;

    @Override
    public Integer call() {
        Path file = root.configPath();
        if (java.nio.file.Files.exists(file) && !force) {
            throw new CliException("a config file already exists at " + file,
                    "edit it, or run 'crosswatch init --force' to replace it with the starter config");
        }
        StarterConfig.write(file, StarterConfig.starter(file));
        root.env().out().println("wrote " + file);
        root.env().out().println("  (explained in " + file.getFileName() + ".README.md next to it)");
        root.env().out().println("next: 'crosswatch providers', 'crosswatch connect <provider>', then add a pair and"
                + " run 'crosswatch sync --dry-run'");
        return 0;
    }
}
