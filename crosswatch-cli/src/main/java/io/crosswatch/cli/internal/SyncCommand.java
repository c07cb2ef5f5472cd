package io.crosswatch.cli.internal;

import io.crosswatch.api.media.Feature;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.config.CrossWatchConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch sync}: runs the configured pairs and reports per pair and feature. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Run the configured pairs. Exit code 0 success, 1 partial, 2 failure.")
final class SyncCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--pair", paramLabel = "NAME", description = "Run only this pair (repeatable).")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--dry-run", description = "Plan and report; write nothing.")
    boolean dryRun;

    @Option(names = "--feature", paramLabel = "FEATURE", split = ",", converter = FeatureConverter.class,
            description = "Only these features (watchlist, ratings, history, progress, playlists).")
    List<Feature> features = new ArrayList<>();

    @Option(names = "--force", description = "Apply removals a guard (mass delete) would hold back.")
    boolean force;

    @Option(names = "--json", description = "Print the report as JSON (for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CrossWatchConfig cfg = root.requireConfig();
        PrintWriter out = root.env().out();
        ProgressPrinter progress = new ProgressPrinter(root.env().err(), root.env().terminal());
        RunReport report = SyncRunner.run(root, cfg, pairs, features.isEmpty() ? EnumSet.noneOf(Feature.class)
                : EnumSet.copyOf(features), dryRun ? Boolean.TRUE : null, force, json ? e -> { } : progress);
        progress.endLine();
        return SyncReports.print(report, json, out, "result");
    }
}
