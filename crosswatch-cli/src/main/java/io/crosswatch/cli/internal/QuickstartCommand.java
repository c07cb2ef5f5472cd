package io.crosswatch.cli.internal;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.cli.CliEnvironment;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.local.LocalTrackerConnector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code crosswatch quickstart}: a demo with no accounts. Two local trackers (the Letterboxd and
 * IMDb samples), a dry run, a two-way sync and a second sync that has nothing left to do.
 * Re-running it is safe: the config is kept, re-imports change nothing and the syncs are no-ops.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Demo with no accounts: create a config in DIR with two local trackers, import the bundled"
                + " Letterboxd and IMDb samples, dry-run, sync two-way, and sync again (a no-op). Ignores --config.")
final class QuickstartCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to put everything (default: ./crosswatch-quickstart).")
    Path dir;

    @Override
    public Integer call() {
        CliEnvironment env = root.env();
        PrintWriter out = env.out();
        Path base = env.workingDir().resolve(dir == null ? Path.of("crosswatch-quickstart") : dir).toAbsolutePath()
                .normalize();
        Path configFile = base.resolve("config.json");
        out.println("CrossWatch quickstart in " + base);

        CrossWatchConfig cfg = config(configFile, out);
        SampleData.Location samples = SampleData.locate(env, base.resolve("sample-data"));
        out.println("2. sample data from " + samples.origin());

        out.println("3. import");
        Endpoint letterboxd = new Endpoint(LocalTrackerConnector.NAME, StarterConfig.QUICKSTART_INSTANCE);
        Endpoint local = new Endpoint(LocalTrackerConnector.NAME, "default");
        // Letterboxd rows carry no ids and the IMDb sample rates the same films, so the demo takes the diary and
        // watchlist from Letterboxd and the ratings from IMDb (see the report to the lead on id-less matching).
        for (String file : SampleData.LETTERBOXD_FILES) {
            ImportCommand.importInto(samples.dir().resolve(file), LocalTargets.file(cfg, letterboxd), letterboxd, out);
        }
        ImportCommand.importInto(samples.dir().resolve(SampleData.IMDB_RATINGS), LocalTargets.file(cfg, local), local, out);

        List<String> pair = List.of(StarterConfig.QUICKSTART_PAIR);
        ProgressPrinter progress = new ProgressPrinter(env.err(), env.terminal());
        out.println();
        out.println("4. dry run (nothing is written)");
        RunReport dry = SyncRunner.run(root, cfg, pair, EnumSet.noneOf(Feature.class), true, false, progress);
        progress.endLine();
        SyncReports.table(dry, out);

        out.println();
        out.println("5. two-way sync");
        RunReport real = SyncRunner.run(root, cfg, pair, EnumSet.noneOf(Feature.class), false, false, progress);
        progress.endLine();
        SyncReports.table(real, out);

        out.println();
        out.println("6. sync again: nothing should be left to do");
        RunReport again = SyncRunner.run(root, cfg, pair, EnumSet.noneOf(Feature.class), false, false, progress);
        progress.endLine();
        SyncReports.table(again, out);

        int code = Math.max(SyncReports.exitCode(real), SyncReports.exitCode(again));
        out.println();
        if (SyncReports.noOp(again)) {
            out.println("the second sync was a no-op: both trackers are in step.");
        } else {
            out.println("the second sync still changed items; it should have been a no-op.");
            code = Math.max(code, 1);
        }
        out.println("result: " + SyncReports.outcome(code) + " (exit " + code + ")");
        out.println("next: crosswatch --config " + configFile + " export --from local:letterboxd --format json");
        out.flush();
        return code;
    }

    /** Creates the quickstart config, or keeps one a previous quickstart wrote. */
    private static CrossWatchConfig config(Path configFile, PrintWriter out) {
        ConfigStore store = ConfigStore.open(configFile);
        if (store.exists()) {
            CrossWatchConfig existing = store.load();
            if (existing.pair(StarterConfig.QUICKSTART_PAIR).isEmpty()
                    || !existing.instances(LocalTrackerConnector.NAME).contains(StarterConfig.QUICKSTART_INSTANCE)) {
                throw new CliException(configFile + " exists but is not a quickstart config",
                        "pass another --dir, or delete that directory");
            }
            out.println("1. config " + configFile + " (kept from an earlier quickstart)");
            return existing;
        }
        try {
            Files.createDirectories(configFile.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + configFile.getParent() + ": " + e.getMessage(), e);
        }
        StarterConfig.write(configFile, StarterConfig.quickstart(configFile));
        out.println("1. config " + configFile + " (created: local:letterboxd <-> local, two-way)");
        return store.load();
    }
}
