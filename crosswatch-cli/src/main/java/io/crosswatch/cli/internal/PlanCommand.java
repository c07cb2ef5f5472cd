package io.crosswatch.cli.internal;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Side;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.local.ImportResult;
import io.crosswatch.core.local.Importers;
import io.crosswatch.core.sync.FeatureInput;
import io.crosswatch.core.sync.FeaturePlan;
import io.crosswatch.core.sync.Plan;
import io.crosswatch.core.sync.PlanInput;
import io.crosswatch.core.sync.PlannedChange;
import io.crosswatch.core.sync.Planner;
import io.crosswatch.core.sync.SideSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch plan}: plans between two inventory files with the engine's pure planner; no account, no config. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan a sync between two inventory files (item JSON as 'export --format json' writes, or any"
                + " importable export) with the engine's planner. Needs no account and no config; writes nothing.")
final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--source", required = true, paramLabel = "A.json")
    Path source;

    @Option(names = "--target", required = true, paramLabel = "B.json")
    Path target;

    @Option(names = "--mode", required = true, paramLabel = "MODE",
            description = "one_way_add, one_way_propagate, one_way_mirror or two_way")
    String mode;

    @Option(names = "--feature", paramLabel = "FEATURE", split = ",", converter = FeatureConverter.class,
            description = "Only these features (default: every feature either file holds).")
    List<Feature> features = new ArrayList<>();

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Option(names = "--summary", description = "Counts only; leave out the planned items.")
    boolean summary;

    @Override
    public Integer call() throws Exception {
        SyncMode syncMode = mode(mode);
        long t0 = System.nanoTime();
        ImportResult a = load(root.env().workingDir().resolve(source));
        ImportResult b = load(root.env().workingDir().resolve(target));
        long t1 = System.nanoTime();
        Set<Feature> wanted = features.isEmpty() ? present(a, b) : EnumSet.copyOf(features);
        PlanInput.Builder input = PlanInput.builder(syncMode, root.env().clock().instant());
        for (Feature f : wanted) {
            input.feature(f, FeatureInput.of(SideSnapshot.complete("source", a.items(f)),
                    SideSnapshot.complete("target", b.items(f))));
        }
        PlanInput built = input.build();
        long t2 = System.nanoTime();
        Plan plan = Planner.plan(built);
        long t3 = System.nanoTime();
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("load", ms(t1 - t0));
        timings.put("index", ms(t2 - t1));
        timings.put("plan", ms(t3 - t2));
        PrintWriter out = root.env().out();
        if (json) {
            out.println(SyncReports.JSON.writeValueAsString(report(plan, timings)));
        } else {
            text(plan, timings, out);
        }
        out.flush();
        return 0;
    }

    private ImportResult load(Path file) {
        ImportResult r = Importers.read(file);
        ImportCommand.printProblems(r.problems(), root.env().err());
        return r;
    }

    static SyncMode mode(String raw) {
        String key = raw.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (SyncMode m : SyncMode.values()) {
            if (m.name().equals(key)) {
                return m;
            }
        }
        throw new CliException("unknown mode '" + raw + "'", "use one_way_add, one_way_propagate, one_way_mirror or two_way");
    }

    private static Set<Feature> present(ImportResult a, ImportResult b) {
        Set<Feature> s = EnumSet.noneOf(Feature.class);
        s.addAll(a.items().keySet());
        s.addAll(b.items().keySet());
        return s;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private Map<String, Object> report(Plan plan, Map<String, Object> timings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", plan.mode().name().toLowerCase(Locale.ROOT));
        m.put("source", root.env().workingDir().resolve(source).toString());
        m.put("target", root.env().workingDir().resolve(target).toString());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("writes", plan.writeCount());
        counts.put("held", plan.heldCount());
        Map<String, Object> perFeature = new LinkedHashMap<>();
        for (FeaturePlan fp : plan.features().values()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("planned", fp.planned());
            f.put("toTarget", sideCounts(fp, Side.TARGET));
            f.put("toSource", sideCounts(fp, Side.SOURCE));
            f.put("held", fp.held().size());
            f.put("skipped", fp.skipped().size());
            perFeature.put(fp.feature().key(), f);
        }
        counts.put("features", perFeature);
        m.put("counts", counts);
        if (summary) {
            m.put("itemCount", plan.writeCount());
        } else {
            m.put("items", plan.toReport().get("features"));
        }
        m.put("timingsMs", timings);
        return m;
    }

    private static Map<String, Object> sideCounts(FeaturePlan fp, Side side) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("add", fp.adds(side).size());
        m.put("update", fp.updates(side).size());
        m.put("remove", fp.removes(side).size());
        return m;
    }

    private void text(Plan plan, Map<String, Object> timings, PrintWriter out) {
        out.println("plan " + plan.mode().name().toLowerCase(Locale.ROOT) + ": " + plan.writeCount() + " write(s), "
                + plan.heldCount() + " held by a guard");
        out.println(String.format(Locale.ROOT, "  %-10s %-9s %5s %7s %7s %6s %8s", "feature", "direction", "add", "update",
                "remove", "held", "skipped"));
        for (FeaturePlan fp : plan.features().values()) {
            for (Side side : new Side[] {Side.TARGET, Side.SOURCE}) {
                boolean first = side == Side.TARGET;
                out.println(String.format(Locale.ROOT, "  %-10s %-9s %5d %7d %7d %6s %8s", first ? fp.feature().key() : "",
                        "to " + side.name().toLowerCase(Locale.ROOT), fp.adds(side).size(), fp.updates(side).size(),
                        fp.removes(side).size(), first ? Integer.toString(fp.held().size()) : "",
                        first ? Integer.toString(fp.skipped().size()) : ""));
            }
        }
        if (!summary) {
            for (FeaturePlan fp : plan.features().values()) {
                items(out, fp, "+", fp.adds());
                items(out, fp, "~", fp.updates());
                items(out, fp, "-", fp.removes());
                items(out, fp, "held", fp.held());
                items(out, fp, "skip", fp.skipped());
                fp.notes().forEach(n -> out.println("  note (" + fp.feature().key() + "): " + n));
            }
        }
        out.println("timings: load " + timings.get("load") + " ms, index " + timings.get("index") + " ms, plan "
                + timings.get("plan") + " ms");
    }

    private static void items(PrintWriter out, FeaturePlan fp, String mark, List<PlannedChange> changes) {
        for (PlannedChange c : changes) {
            MediaItem i = c.item();
            out.println("  " + mark + " " + fp.feature().key() + " " + c.side().name().toLowerCase(Locale.ROOT) + ": "
                    + i.describe() + (c.reason() == null || c.reason().isEmpty() ? "" : " (" + c.reason() + ")"));
        }
    }
}
