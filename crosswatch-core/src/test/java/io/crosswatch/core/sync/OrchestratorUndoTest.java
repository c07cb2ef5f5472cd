package io.crosswatch.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ConfigException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.SyncStatus;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.RunRequest;
import io.crosswatch.core.UndoService;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.state.SqliteStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Orchestrator#undo} finds the run's pair, reverts it under the run lock and records the undo. */
class OrchestratorUndoTest {

    @TempDir
    Path dir;

    @Test
    void undoThroughTheOrchestratorPutsBothSidesBack() throws Exception {
        Path config = dir.resolve("crosswatch.json");
        Files.writeString(config, RunLockAcrossJvmsTest.CONFIG);
        InMemoryConnector a = new InMemoryConnector("a", ConnectorCapabilities.defaults()).put(Feature.WATCHLIST, PlanFixtures.movies(1, 2));
        InMemoryConnector b = new InMemoryConnector("b", ConnectorCapabilities.defaults()).put(Feature.WATCHLIST, PlanFixtures.movies(3));
        try (SqliteStateStore state = SqliteStateStore.open(dir.resolve("state.db"))) {
            Orchestrator o = Orchestrator.builder().platform(PlatformManager.builder().autoDiscovery(false)
                    .configStore(ConfigStore.open(config)).register(a).register(b).build()).stateStore(state)
                    .fallback(new GenericSyncModule()).build();
            Set<MediaItem> preA = new HashSet<>(a.items(Feature.WATCHLIST));
            Set<MediaItem> preB = new HashSet<>(b.items(Feature.WATCHLIST));
            RunReport run = o.run(RunRequest.all());
            assertEquals(SyncStatus.SUCCESS, run.status(), run.toString());
            assertEquals(3, b.items(Feature.WATCHLIST).size());

            RunReport dry = o.undo(run.runId(), true);
            assertEquals(3, b.items(Feature.WATCHLIST).size(), "a dry-run undo writes nothing");
            assertTrue(dry.dryRun());

            RunReport undone = o.undo(run.runId(), false);
            assertEquals(SyncStatus.SUCCESS, undone.status(), undone.toString());
            assertEquals(run.runId(), undone.results().get(0).metadata().get(UndoService.UNDO_OF));
            assertEquals(preA, new HashSet<>(a.items(Feature.WATCHLIST)));
            assertEquals(preB, new HashSet<>(b.items(Feature.WATCHLIST)));
            assertEquals(undone.runId(), state.runs("p", 10).get(0).runId(), "the undo is recorded as a run");

            ConfigException unknown = assertThrows(ConfigException.class, () -> o.undo("no-such-run", false));
            assertTrue(unknown.getMessage().contains("no-such-run"), unknown.getMessage());
        }
    }
}
