package io.crosswatch.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crosswatch.api.sync.FeatureOutcome;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.RunReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link RunReport} as a table or as JSON, and maps it to the exit code. */
final class SyncReports {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The phases shown, in order; others the module reports are appended. */
    private static final List<String> PHASES = List.of("read", "plan", "apply");

    private SyncReports() {
    }

    /**
     * 0 when every pair succeeded, 2 when none did (failed, cancelled, skipped, or no pairs), else
     * 1; a pair that succeeded only partly makes it 1 as well.
     */
    static int exitCode(RunReport report) {
        if (report.results().isEmpty()) {
            return 2;
        }
        int ok = 0;
        int partial = 0;
        for (SyncResult r : report.results()) {
            if (r.status() == SyncStatus.SUCCESS) {
                ok++;
            } else if (r.status() == SyncStatus.PARTIAL) {
                partial++;
            }
        }
        if (ok == report.results().size()) {
            return 0;
        }
        return ok + partial == 0 ? 2 : 1;
    }

    static String outcome(int exitCode) {
        return switch (exitCode) {
            case 0 -> "success";
            case 1 -> "partial";
            default -> "failure";
        };
    }

    /** One table per pair: a row per feature and direction, then the phase timings and any reasons. */
    /**
     * Prints a report as JSON or as the table followed by one summary line, and returns the exit code.
     *
     * @param report  the report
     * @param json    print JSON for scripts instead of the table
     * @param out     where to print
     * @param subject what ran, for the summary line ({@code result}, {@code undo of <run>})
     * @return the exit code: 0 success, 1 partial, 2 failure
     */
    static int print(RunReport report, boolean json, PrintWriter out, String subject) throws java.io.IOException {
        int code = exitCode(report);
        if (json) {
            out.println(JSON.writeValueAsString(json(report, code)));
        } else {
            table(report, out);
            out.println();
            out.println(subject + ": " + outcome(code) + " (exit " + code + ")");
        }
        out.flush();
        return code;
    }

    static void table(RunReport report, PrintWriter out) {
        out.println((report.dryRun() ? "dry run " : "run ") + report.runId() + ": " + lower(report.status())
                + " in " + millis(report.duration()) + " ms");
        for (SyncResult r : report.results()) {
            out.println();
            out.println("pair " + r.pair() + ": " + lower(r.status()) + (r.dryRun() ? " (dry run: nothing written)" : ""));
            if (!r.features().isEmpty()) {
                out.println(String.format(Locale.ROOT, "  %-10s %-9s %-9s %6s %8s %8s %11s %15s", "feature", "status",
                        "direction", "added", "removed", "updated", "unresolved", "held-by-guard"));
                for (FeatureOutcome f : r.features().values()) {
                    row(out, f, "to target", f.toTarget(), true);
                    if (!f.toSource().isEmpty()) {
                        row(out, f, "to source", f.toSource(), false);
                    }
                }
            }
            out.println("  timings: " + phases(r));
            r.features().values().forEach(f -> f.notes().forEach(n -> out.println("  note (" + f.feature().key() + "): " + n)));
            r.warnings().forEach(w -> out.println("  warning: " + w));
            r.errors().forEach(e -> out.println("  error: " + e));
        }
        int held = held(report);
        if (held > 0) {
            out.println();
            out.println("hint: " + held + " removal(s) were held back by a guard. Review them with 'crosswatch sync"
                    + " --dry-run', then apply them with 'crosswatch sync --force'.");
        }
        long unresolved = report.results().stream().flatMap(r -> r.features().values().stream())
                .mapToLong(FeatureOutcome::unresolved).sum();
        if (unresolved > 0) {
            out.println("hint: " + unresolved + " item(s) could not be synced; 'crosswatch unresolved' lists them"
                    + " with the reason.");
        }
    }

    private static void row(PrintWriter out, FeatureOutcome f, String dir, FeatureOutcome.Counts c, boolean first) {
        out.println(String.format(Locale.ROOT, "  %-10s %-9s %-9s %6d %8d %8d %11s %15s", first ? f.feature().key() : "",
                first ? lower(f.status()) : "", dir, c.added(), c.removed(), c.updated(),
                first ? Integer.toString(f.unresolved()) : "", first ? Integer.toString(f.held()) : ""));
    }

    static int held(RunReport report) {
        return report.results().stream().flatMap(r -> r.features().values().stream()).mapToInt(FeatureOutcome::held).sum();
    }

    /** How many items the run could not match or write (ambiguous, rejected, unsupported …). */
    static int unresolved(RunReport report) {
        return report.results().stream().flatMap(r -> r.features().values().stream()).mapToInt(FeatureOutcome::unresolved)
                .sum();
    }

    /** Whether the run wrote, or would write, nothing at all. */
    static boolean noOp(RunReport report) {
        return report.results().stream().flatMap(r -> r.features().values().stream())
                .allMatch(f -> f.toTarget().isEmpty() && f.toSource().isEmpty());
    }

    private static String phases(SyncResult r) {
        Map<String, Duration> p = r.phases();
        List<String> parts = new ArrayList<>();
        for (String name : PHASES) {
            if (p.containsKey(name)) {
                parts.add(name + " " + millis(p.get(name)) + " ms");
            }
        }
        p.forEach((k, v) -> {
            if (!PHASES.contains(k)) {
                parts.add(k + " " + millis(v) + " ms");
            }
        });
        parts.add("total " + millis(r.duration()) + " ms");
        return String.join(", ", parts);
    }

    /** The report as a JSON tree of plain maps and lists. */
    static Map<String, Object> json(RunReport report, int exitCode) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runId", report.runId());
        root.put("status", lower(report.status()));
        root.put("outcome", outcome(exitCode));
        root.put("exitCode", exitCode);
        root.put("dryRun", report.dryRun());
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", report.finishedAt().toString());
        root.put("durationMs", millis(report.duration()));
        root.put("heldByGuard", held(report));
        List<Object> pairs = new ArrayList<>();
        for (SyncResult r : report.results()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("pair", r.pair());
            p.put("status", lower(r.status()));
            p.put("dryRun", r.dryRun());
            p.put("durationMs", millis(r.duration()));
            Map<String, Object> phases = new LinkedHashMap<>();
            r.phases().forEach((k, v) -> phases.put(k, millis(v)));
            p.put("phasesMs", phases);
            List<Object> features = new ArrayList<>();
            for (FeatureOutcome f : r.features().values()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("feature", f.feature().key());
                fm.put("status", lower(f.status()));
                fm.put("toTarget", counts(f.toTarget()));
                fm.put("toSource", counts(f.toSource()));
                fm.put("unresolved", f.unresolved());
                fm.put("heldByGuard", f.held());
                fm.put("notes", f.notes());
                features.add(fm);
            }
            p.put("features", features);
            p.put("warnings", r.warnings());
            p.put("errors", r.errors());
            pairs.add(p);
        }
        root.put("pairs", pairs);
        return root;
    }

    private static Map<String, Object> counts(FeatureOutcome.Counts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", c.added());
        m.put("removed", c.removed());
        m.put("updated", c.updated());
        return m;
    }

    static long millis(Duration d) {
        return d.toMillis();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
