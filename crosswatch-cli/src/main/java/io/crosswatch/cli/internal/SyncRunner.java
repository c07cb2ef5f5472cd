package io.crosswatch.cli.internal;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.ProgressListener;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.RunRequest;
import io.crosswatch.core.config.CrossWatchConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Runs configured pairs through the {@link Orchestrator}: shared by {@code sync} and {@code quickstart}. */
final class SyncRunner {

    private SyncRunner() {
    }

    /**
     * @param root     the root command (environment, platform, engine hooks)
     * @param cfg      the loaded config
     * @param names    the pairs to run; empty means all
     * @param features the features to run; empty means each pair's own
     * @param dryRun   {@code null} for the config's default
     * @param force    approve removals a guard would hold
     * @param progress where progress goes
     * @return the report
     */
    static RunReport run(RootCommand root, CrossWatchConfig cfg, List<String> names, Set<Feature> features,
                         Boolean dryRun, boolean force, ProgressListener progress) {
        List<PairSpec> pairs = select(cfg, names, features);
        PlatformManager platform = root.platform(cfg);
        try (StateStore state = root.env().stateStores().apply(cfg.stateFile())) {
            Orchestrator orchestrator = Orchestrator.builder().platform(platform).stateStore(state)
                    .fallback(root.env().fallbackModule().get()).pairs(pairs).clock(root.env().clock())
                    .sleeper(root.env().sleeper()).build();
            RunRequest.Builder request = RunRequest.builder().force(force).progress(progress);
            if (dryRun != null) {
                request.dryRun(dryRun);
            }
            return orchestrator.run(request.build());
        }
    }

    static List<PairSpec> select(CrossWatchConfig cfg, List<String> names, Set<Feature> features) {
        if (cfg.pairs().isEmpty()) {
            throw new CliException("no pairs are configured in " + cfg.file(),
                    "add one under \"pairs\" (see " + cfg.file().getFileName() + ".README.md), or try 'crosswatch quickstart'");
        }
        List<PairSpec> out = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>(names);
        for (String n : wanted) {
            if (cfg.pair(n).isEmpty()) {
                throw new CliException("no pair named '" + n + "'", "configured pairs: "
                        + String.join(", ", cfg.pairs().stream().map(PairSpec::name).toList()));
            }
        }
        for (PairSpec p : cfg.pairs()) {
            if (!wanted.isEmpty() && !wanted.contains(p.name())) {
                continue;
            }
            if (features.isEmpty()) {
                out.add(p);
                continue;
            }
            PairSpec.Builder b = p.toBuilder();
            for (Feature f : Feature.values()) {
                if (!features.contains(f)) {
                    b.feature(f, FeatureOptions.OFF);
                }
            }
            out.add(b.build());
        }
        return out;
    }
}
