package io.crosswatch.cli.internal;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.local.LocalTrackerConnector;
import java.nio.file.Path;

/** Finds the file of a local tracker instance exactly as the {@code local} connector does. */
final class LocalTargets {

    private LocalTargets() {
    }

    static Endpoint parse(String text) {
        Endpoint e = Endpoint.parse(text == null ? LocalTrackerConnector.NAME : text);
        if (!LocalTrackerConnector.NAME.equals(e.provider())) {
            throw new CliException("'" + e + "' is not a local tracker; import writes into 'local' or 'local:INSTANCE'",
                    "import into a local tracker, then 'crosswatch sync' a pair from it to " + e.provider());
        }
        return e;
    }

    static Path file(CrossWatchConfig cfg, Endpoint e) {
        if (!ProviderConfig.DEFAULT_INSTANCE.equals(e.instance()) && !cfg.instances(e.provider()).contains(e.instance())) {
            throw new CliException("local tracker instance '" + e.instance() + "' is not defined in " + cfg.file(),
                    "add it under $.providers.local.instances." + e.instance() + " (with a \"path\")");
        }
        return LocalTrackerConnector.resolveFile(cfg.providerConfig(e.provider(), e.instance()));
    }
}
