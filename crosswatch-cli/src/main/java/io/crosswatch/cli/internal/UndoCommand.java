package io.crosswatch.cli.internal;

import io.crosswatch.api.sync.StateStore;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.config.CrossWatchConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch undo RUN_ID}: reverts what one recorded run wrote, itself as a recorded run. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Revert a sync run (ids from 'crosswatch status'). Exit code 0 success, 1 partial, 2 failure.")
final class UndoCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(paramLabel = "RUN_ID", description = "The run to revert.")
    String runId;

    @Option(names = "--dry-run", description = "Show what the undo would write; write nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the report as JSON (for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CrossWatchConfig cfg = root.requireConfig();
        PrintWriter out = root.env().out();
        PlatformManager platform = root.platform(cfg);
        RunReport report;
        try (StateStore state = root.env().stateStores().apply(cfg.stateFile())) {
            Orchestrator orchestrator = Orchestrator.builder().platform(platform).stateStore(state)
                    .fallback(root.env().fallbackModule().get()).pairs(cfg.pairs()).clock(root.env().clock())
                    .sleeper(root.env().sleeper()).build();
            report = orchestrator.undo(runId, dryRun);
        }
        return SyncReports.print(report, json, out, "undo of " + runId);
    }
}
