package io.crosswatch.cli.internal;

import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.state.SyncStateStore;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/** Opens the config's state store for the read-only commands ({@code status}, {@code unresolved}). */
final class StateAccess {

    private StateAccess() {
    }

    /**
     * @return the store, or empty when no run has created the state file yet
     * @throws CliException when the store keeps no run history (a plain {@link StateStore})
     */
    static Optional<SyncStateStore> open(RootCommand root, CrossWatchConfig cfg) {
        if (!Files.exists(cfg.stateFile())) {
            return Optional.empty();
        }
        StateStore store = root.env().stateStores().apply(cfg.stateFile());
        if (store instanceof SyncStateStore s) {
            return Optional.of(s);
        }
        store.close();
        throw new CliException("the state store at " + cfg.stateFile() + " keeps no run history or unresolved items",
                "use core's SQLite state store");
    }

    static List<PairSpec> pairs(CrossWatchConfig cfg, String only) {
        if (only == null) {
            return cfg.pairs();
        }
        return List.of(cfg.pair(only).orElseThrow(() -> new CliException("no pair named '" + only + "'",
                "configured pairs: " + (cfg.pairs().isEmpty() ? "none"
                        : String.join(", ", cfg.pairs().stream().map(PairSpec::name).toList())))));
    }
}
