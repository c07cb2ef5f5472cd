package io.crosswatch.cli.internal;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.WriteResult;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.local.ImportProblem;
import io.crosswatch.core.local.ImportResult;
import io.crosswatch.core.local.Importers;
import io.crosswatch.core.local.LocalTracker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch import}: reads another tool's export into a local tracker instance. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an IMDb or Letterboxd CSV export, a Trakt export ZIP, or CrossWatch item JSON (format"
                + " detected) into a local tracker. Exit code 1 when rows were skipped.")
final class ImportCommand implements Callable<Integer> {

    private static final int MAX_PROBLEMS = 20;

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "A file, an export directory or a ZIP.")
    Path file;

    @Option(names = "--into", paramLabel = "local[:INSTANCE]", description = "The local tracker (default: local).")
    String into;

    @Override
    public Integer call() {
        CrossWatchConfig cfg = root.requireConfig();
        Endpoint target = LocalTargets.parse(into);
        Path trackerFile = LocalTargets.file(cfg, target);
        ImportSummary summary = importInto(root.env().workingDir().resolve(file), trackerFile, target, root.env().out());
        printProblems(summary.result().problems(), root.env().err());
        return summary.result().report().clean() ? 0 : 1;
    }

    /** What one import did. */
    record ImportSummary(ImportResult result, long added, long updated, long existing) {
    }

    static ImportSummary importInto(Path source, Path trackerFile, Endpoint target, PrintWriter out) {
        ImportResult result = Importers.read(source);
        long added = 0;
        long updated = 0;
        long existing = 0;
        out.println("importing " + source + " (" + result.format().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + ") into " + target + " (" + trackerFile + ")");
        try (LocalTracker tracker = LocalTracker.open(trackerFile)) {
            for (Map.Entry<Feature, List<MediaItem>> e : result.items().entrySet()) {
                WriteResult w = tracker.importItems(e.getKey(), e.getValue());
                long a = w.count(WriteResult.Outcome.ADDED);
                long u = w.count(WriteResult.Outcome.UPDATED);
                long x = w.count(WriteResult.Outcome.EXISTING);
                added += a;
                updated += u;
                existing += x;
                out.println(String.format(Locale.ROOT, "  %-10s %5d read, %5d added, %5d updated, %5d already there",
                        e.getKey().key(), e.getValue().size(), a, u, x));
            }
        }
        out.println("  " + result.report().imported() + " item(s) read, " + result.report().skipped() + " row(s) skipped");
        return new ImportSummary(result, added, updated, existing);
    }

    static void printProblems(List<ImportProblem> problems, PrintWriter err) {
        problems.stream().limit(MAX_PROBLEMS).forEach(p -> err.println("warning: " + p.message()));
        if (problems.size() > MAX_PROBLEMS) {
            err.println("warning: ... and " + (problems.size() - MAX_PROBLEMS) + " more problem(s)");
        }
    }
}
