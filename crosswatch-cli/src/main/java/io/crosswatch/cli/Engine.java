package io.crosswatch.cli;

import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.api.sync.SyncModule;
import java.nio.file.Path;

/** The production sync engine: core's generic module and its SQLite state store. */
final class Engine {

    private Engine() {
    }

    static SyncModule fallbackModule() {
        throw new CrossWatchException("this build has no sync engine (io.crosswatch.core.sync is missing)");
    }

    static StateStore openStateStore(Path file) {
        throw new CrossWatchException("this build has no state store (io.crosswatch.core.state is missing)");
    }
}
