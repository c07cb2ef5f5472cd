package io.crosswatch.modulepath;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.api.sync.SyncResult;
import io.crosswatch.core.DiscoveredProvider;
import io.crosswatch.core.DiscoveryProblem;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.RunReport;
import io.crosswatch.core.RunRequest;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.state.InMemoryStateStore;
import io.crosswatch.core.sync.GenericSyncModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link HelloPluginEndToEndTest} runs in a forked JVM, with the API and core on the
 * module path and the hello plugin only in a plugins directory: discovers, connects {@code
 * hello} with an API key, and runs the pair {@code hello -> local} (two-way watchlist) twice
 * through the orchestrator and the generic module. Prints one line per fact for the test.
 *
 * <p>Arguments: plugins directory, config file, local tracker file, hello base URL, API key.
 */
public final class HelloPluginMain {

    private HelloPluginMain() {
    }

    /**
     * @param args plugins directory, config file, local tracker file, hello base URL, API key
     */
    public static void main(String[] args) {
        Path plugins = Path.of(args[0]);
        ConfigStore config = ConfigStore.open(Path.of(args[1]));
        Path localFile = Path.of(args[2]);
        config.update("hello", ProviderConfig.DEFAULT_INSTANCE, Map.of("baseUrl", args[3]));
        config.update("local", ProviderConfig.DEFAULT_INSTANCE, Map.of("path", localFile.toString()));

        PlatformManager platform = PlatformManager.builder().configStore(config).pluginsDir(plugins).build();
        System.out.println("CORE " + PlatformManager.class.getModule());
        for (DiscoveredProvider d : platform.discovered()) {
            System.out.println("DISCOVERED " + d.family() + ":" + d.name() + "@" + d.location());
        }
        for (DiscoveryProblem p : platform.problems()) {
            System.out.println("PROBLEM " + p);
        }
        platform.connector("hello").ifPresent(c -> System.out.println("HELLO-MODULE " + c.getClass().getModule()
                + " in the boot layer: " + (c.getClass().getModule().getLayer() == ModuleLayer.boot())));

        platform.start("hello", null, Map.of("apiKey", args[4]));
        System.out.println("STATUS " + platform.status("hello", null).state());

        PairSpec pair = PairSpec.builder(Endpoint.parse("hello"), Endpoint.parse("local"), SyncMode.TWO_WAY)
                .name("hello-local").feature(Feature.WATCHLIST, FeatureOptions.ALL).build();
        try (InMemoryStateStore state = new InMemoryStateStore()) {
            Orchestrator orchestrator = Orchestrator.builder().platform(platform).stateStore(state)
                    .fallback(new GenericSyncModule()).pairs(List.of(pair)).build();
            for (int run = 1; run <= 2; run++) {
                RunReport report = orchestrator.run(RunRequest.all());
                SyncResult r = report.result("hello-local").orElseThrow();
                System.out.println("RUN" + run + " " + r.status() + " module=" + orchestrator.moduleFor("hello", "local").name()
                        + " toTarget=" + r.totalToTarget() + " toSource=" + r.totalToSource() + " errors=" + r.errors()
                        + " warnings=" + r.warnings());
            }
        }
        try (LocalTracker local = LocalTracker.open(localFile)) {
            for (MediaItem item : local.items(Feature.WATCHLIST)) {
                System.out.println("LOCAL " + item.type() + " " + item.ids());
            }
        }
    }
}
