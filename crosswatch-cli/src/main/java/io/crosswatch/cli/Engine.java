package io.crosswatch.cli;

import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.api.sync.SyncModule;
import io.crosswatch.core.state.SqliteStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import java.nio.file.Path;

/** The production sync engine: core's generic module and its SQLite state store. */
final class Engine {

    private Engine() {
    }

    static SyncModule fallbackModule() {
        return new GenericSyncModule();
    }

    static StateStore openStateStore(Path file) {
        try {
            return SqliteStateStore.open(file);
        } catch (IllegalStateException e) {
            // The store's message names the file and the cause; show it as a one-line error.
            throw new CrossWatchException(e.getMessage(), e);
        }
    }
}
