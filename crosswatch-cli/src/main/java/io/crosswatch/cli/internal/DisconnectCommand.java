package io.crosswatch.cli.internal;

import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.CrossWatchConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch disconnect}: revokes where possible and removes the saved credentials. */
@Command(name = "disconnect", mixinStandardHelpOptions = true,
        description = "Disconnect an account: revoke its token where the service allows and remove the saved secrets.")
final class DisconnectCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", paramLabel = "PROVIDER[:INSTANCE]")
    String target;

    @Override
    public Integer call() {
        Endpoint endpoint = Endpoint.parse(target);
        CrossWatchConfig cfg = root.requireConfig();
        PlatformManager platform = root.platform(cfg);
        platform.disconnect(endpoint.provider(), endpoint.instance());
        root.env().out().println("disconnected " + endpoint + "; its secrets were removed from " + cfg.file());
        return 0;
    }
}
