package io.crosswatch.cli.internal;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.Side;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.state.SyncStateStore;
import io.crosswatch.core.sync.UnresolvedItem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch unresolved}: items a side could not take, with the reason and a hint. */
@Command(name = "unresolved", mixinStandardHelpOptions = true,
        description = "List the items a target could not take, with the reason and what to do.")
final class UnresolvedCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--pair", paramLabel = "NAME")
    String pair;

    @Option(names = "--feature", paramLabel = "FEATURE", converter = FeatureConverter.class)
    Feature feature;

    @Override
    public Integer call() {
        CrossWatchConfig cfg = root.requireConfig();
        List<PairSpec> pairs = StateAccess.pairs(cfg, pair);
        PrintWriter out = root.env().out();
        Optional<SyncStateStore> opened = StateAccess.open(root, cfg);
        if (opened.isEmpty()) {
            out.println("nothing unresolved: no run has been recorded yet");
            return 0;
        }
        int total = 0;
        try (SyncStateStore state = opened.get()) {
            for (PairSpec p : pairs) {
                List<UnresolvedItem> items = state.guards(p.name(), root.env().clock().instant()).unresolved().stream()
                        .filter(u -> feature == null || u.feature() == feature).toList();
                if (items.isEmpty()) {
                    continue;
                }
                out.println("pair " + p.name() + ": " + items.size() + " unresolved item(s)");
                for (UnresolvedItem u : items) {
                    String side = u.side() == Side.TARGET ? p.target().toString() : p.source().toString();
                    out.println("  " + u.feature().key() + " -> " + side + ": " + u.item().describe() + " - " + u.reason()
                            + " (failed " + u.failures() + "x, next try after " + u.retryAt() + ")");
                    out.println("      hint: " + hint(u));
                }
                total += items.size();
            }
        }
        if (total == 0) {
            out.println("nothing unresolved" + (pair == null ? "" : " for pair " + pair)
                    + (feature == null ? "" : " in " + feature.key()));
        }
        return 0;
    }

    static String hint(UnresolvedItem u) {
        String reason = u.reason().toLowerCase(Locale.ROOT);
        if (u.item().ids().isEmpty()) {
            return "the item has no external ids (Letterboxd exports carry title and year only); add an IMDb or"
                    + " TMDB id at the source, or re-import from an export that has ids";
        }
        if (reason.contains("limit")) {
            return "the target account reached a limit (such as a free-tier list size); make room or upgrade, it is"
                    + " retried automatically";
        }
        if (reason.contains("unsupported") || reason.contains("not support")) {
            return "the target does not take this kind of item for " + u.feature().key() + "; turn the feature off for"
                    + " this pair or ignore it";
        }
        if (reason.contains("not found") || reason.contains("not_found") || reason.contains("unknown")) {
            return "the target does not know these ids " + u.item().ids().values() + "; check the match at the source";
        }
        return "it is retried automatically with back-off; run 'crosswatch sync --verbose' to see why it fails";
    }
}
