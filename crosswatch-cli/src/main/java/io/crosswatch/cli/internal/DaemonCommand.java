package io.crosswatch.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosswatch.api.sync.StateStore;
import io.crosswatch.core.Orchestrator;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.scrobble.Daemon;
import io.crosswatch.core.scrobble.DaemonSettings;
import io.crosswatch.core.scrobble.ScrobbleManager;
import io.crosswatch.core.scrobble.ScrobbleSettings;
import io.crosswatch.core.state.ScrobbleStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code crosswatch daemon}: the webhook endpoint for scrobbling plus the configured pairs on
 * their schedules, and the live connections of {@code daemon.listen} (Plex, Jellyfin, Emby
 * websockets), until stopped (Ctrl-C / SIGTERM flushes the scrobble queue first). Reads the
 * config's {@code scrobble} and {@code daemon} sections.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Run live scrobbling (webhooks at POST /webhook/<source>) and scheduled syncs until stopped.")
final class DaemonCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Override daemon.bind (default 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "Override daemon.port (0 = any free port).")
    Integer port;

    @Option(names = "--once", description = "Start, run what is due once, flush and stop (for checks and cron).")
    boolean once;

    @Override
    public Integer call() throws Exception {
        CrossWatchConfig cfg = root.requireConfig();
        PrintWriter out = root.env().out();
        JsonNode doc = new ObjectMapper().readTree(cfg.file().toFile());
        DaemonSettings read = DaemonSettings.fromJson(doc.get("daemon"));
        DaemonSettings ds = new DaemonSettings(bind != null ? bind : read.bind(), port != null ? port : read.port(), read.secret(),
                read.maxBodyBytes(), read.schedules(), read.listen());
        ScrobbleSettings ss = ScrobbleSettings.fromJson(doc.get("scrobble"));
        for (String pair : ds.schedules().keySet()) {
            if (cfg.pair(pair).isEmpty()) {
                throw new CliException("daemon.schedules names '" + pair + "', which is not a configured pair",
                        "configured pairs: " + String.join(", ", cfg.pairs().stream().map(p -> p.name()).toList()));
            }
        }
        PlatformManager platform = root.platform(cfg);
        StateStore state = root.env().stateStores().apply(cfg.stateFile());
        if (!(state instanceof ScrobbleStore scrobbles)) {
            state.close();
            throw new CliException("the state store " + state + " cannot hold the scrobble queue", "use the default SQLite state file");
        }
        Orchestrator orchestrator = Orchestrator.builder().platform(platform).stateStore(state)
                .fallback(root.env().fallbackModule().get()).pairs(cfg.pairs()).clock(root.env().clock())
                .sleeper(root.env().sleeper()).build();
        ScrobbleManager manager = ScrobbleManager.builder().platform(platform).store(scrobbles).baselines(state)
                .pairs(cfg.pairs()).settings(ss).clock(root.env().clock()).build();
        Daemon daemon = Daemon.builder().platform(platform).manager(manager).orchestrator(orchestrator).settings(ds)
                .clock(root.env().clock()).sleeper(root.env().sleeper()).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable shutdown = () -> {
            try {
                daemon.close();
                state.close();
            } finally {
                stopped.countDown();
            }
        };
        if (once) {
            daemon.startEndpoint();
            out.println("listening on http://" + ds.bind() + ":" + daemon.port() + " (POST /webhook/<source>, GET /health)");
            daemon.tick();
            daemon.close();
            int left = manager.queuedCount();
            state.close();
            out.println("stopped; " + left + " scrobble(s) still queued");
            out.flush();
            return 0;
        }
        daemon.start();
        out.println("listening on http://" + ds.bind() + ":" + daemon.port() + " (POST /webhook/<source>, GET /health);"
                + " scrobbling to " + ss.targets() + "; scheduled pairs " + new java.util.TreeMap<>(ds.schedules())
                + (ds.listen().isEmpty() ? "" : "; watching " + ds.listen() + " (state at GET /health)") + ". Ctrl-C stops.");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "crosswatch-daemon-shutdown"));
        stopped.await();
        return 0;
    }
}
