package io.crosswatch.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.state.RunRecord;
import io.crosswatch.core.state.SyncStateStore;
import io.crosswatch.core.sync.GuardState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch status}: the last runs per pair, their outcome and what the guards held back. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the last runs of each pair, their outcomes and what the guards held back (dry runs are"
                + " not recorded).")
final class StatusCommand implements Callable<Integer> {

    private static final int LISTED = 10;

    @ParentCommand
    RootCommand root;

    @Option(names = "--pair", paramLabel = "NAME")
    String pair;

    @Option(names = "--limit", paramLabel = "N", description = "Runs per pair (default: 5).")
    int limit = 5;

    @Override
    public Integer call() {
        CrossWatchConfig cfg = root.requireConfig();
        List<PairSpec> pairs = StateAccess.pairs(cfg, pair);
        PrintWriter out = root.env().out();
        Optional<SyncStateStore> opened = StateAccess.open(root, cfg);
        if (opened.isEmpty()) {
            out.println("no runs recorded yet (" + cfg.stateFile() + " does not exist); run 'crosswatch sync'");
            return 0;
        }
        try (SyncStateStore state = opened.get()) {
            for (PairSpec p : pairs) {
                out.println("pair " + p.name() + " (" + p.source() + " -> " + p.target() + ", "
                        + p.mode().name().toLowerCase(Locale.ROOT) + ")");
                List<RunRecord> runs = state.runs(p.name(), Math.max(1, limit));
                if (runs.isEmpty()) {
                    out.println("  no runs yet");
                }
                for (RunRecord r : runs) {
                    JsonNode report = parse(r.report());
                    if (r.interrupted()) {
                        out.println(String.format(Locale.ROOT, "  %s  %-11s run %s never finished (killed mid-run?);"
                                + " 'crosswatch undo %s' reverts what it may have written", r.startedAt(), "interrupted",
                                r.runId(), r.runId()));
                        continue;
                    }
                    out.println(String.format(Locale.ROOT, "  %s  %-11s %6d ms  %d write(s) planned, %d held by a guard  run %s",
                            r.startedAt(), r.status().name().toLowerCase(Locale.ROOT),
                            Duration.between(r.startedAt(), r.finishedAt()).toMillis(),
                            report.path("writes").asInt(0), report.path("held").asInt(0), r.runId()));
                }
                if (!runs.isEmpty()) {
                    held(parse(runs.get(0).report()), out);
                }
                GuardState guards = state.guards(p.name(), root.env().clock().instant());
                out.println("  guards: " + guards.tombstones().size() + " tombstone(s), " + guards.unresolved().size()
                        + " unresolved item(s)" + (guards.unresolved().isEmpty() ? ""
                        : " ('crosswatch unresolved --pair " + p.name() + "' lists them)"));
            }
        }
        return 0;
    }

    /** The removals the latest run held back, with the guard's reason. */
    private static void held(JsonNode report, PrintWriter out) {
        int n = 0;
        for (JsonNode f : report.path("features")) {
            for (JsonNode h : f.path("held")) {
                if (n++ < LISTED) {
                    out.println("  held (" + f.path("feature").asText() + ", from " + h.path("side").asText() + "): "
                            + h.path("item").asText() + " - " + h.path("reason").asText());
                }
            }
        }
        if (n > LISTED) {
            out.println("  ... and " + (n - LISTED) + " more held removal(s)");
        }
        if (n > 0) {
            out.println("  hint: review with 'crosswatch sync --dry-run', approve with 'crosswatch sync --force'");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return SyncReports.JSON.readTree(json == null ? "{}" : json);
        } catch (Exception e) {
            return SyncReports.JSON.createObjectNode();
        }
    }
}
