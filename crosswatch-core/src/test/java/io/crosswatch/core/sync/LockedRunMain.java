package io.crosswatch.core.sync;

import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.RunRequest;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.state.InMemoryStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The child of {@link RunLockAcrossJvmsTest}: runs the config's pairs and, at the first progress
 * event, prints {@value #RUNNING} and holds the run open until its stdin closes. Argument: the
 * config file.
 */
public final class LockedRunMain {

    static final String RUNNING = "RUNNING";

    private LockedRunMain() {
    }

    static Orchestrator orchestrator(Path config) {
        InMemoryConnector a = new InMemoryConnector("a", io.crosswatch.api.sync.ConnectorCapabilities.defaults())
                .put(io.crosswatch.api.media.Feature.WATCHLIST, PlanFixtures.movies(1, 2));
        InMemoryConnector b = new InMemoryConnector("b", io.crosswatch.api.sync.ConnectorCapabilities.defaults());
        PlatformManager platform = PlatformManager.builder().autoDiscovery(false).configStore(ConfigStore.open(config))
                .register(a).register(b).build();
        return Orchestrator.builder().platform(platform).stateStore(new InMemoryStateStore()).fallback(new GenericSyncModule())
                .build();
    }

    public static void main(String[] args) {
        boolean[] announced = {false};
        RunReport report = orchestrator(Path.of(args[0])).run(RunRequest.builder().progress(e -> {
            if (!announced[0]) {
                announced[0] = true;
                System.out.println(RUNNING);
                System.out.flush();
                try {
                    while (System.in.read() >= 0) {
                        // hold the run until the parent closes our stdin
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }).build());
        System.out.println("DONE " + report.status());
    }
}
