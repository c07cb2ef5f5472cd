package io.crosswatch.cli.internal;

import io.crosswatch.api.auth.AuthProvider;
import io.crosswatch.api.auth.AuthStatus;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.core.DiscoveredProvider;
import io.crosswatch.core.DiscoveryProblem;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.ProviderFamily;
import io.crosswatch.core.config.CrossWatchConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch providers}: every discovered provider, its manifest and connection status. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List discovered auth, sync and metadata providers (plugins included), their connection"
                + " status and discovery problems.")
final class ProvidersCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Override
    public Integer call() {
        CrossWatchConfig cfg = root.requireConfig();
        PlatformManager platform = root.platform(cfg);
        PrintWriter out = root.env().out();
        out.println("config:  " + cfg.file());
        out.println("plugins: " + root.pluginsDir(cfg).map(Object::toString).orElse("(no plugins directory)"));
        for (ProviderFamily family : ProviderFamily.values()) {
            List<DiscoveredProvider> found = platform.discovered().stream().filter(d -> d.family() == family).toList();
            out.println();
            out.println(title(family) + " (" + found.size() + ")");
            if (found.isEmpty()) {
                out.println("  (none)");
            }
            for (DiscoveredProvider d : found) {
                out.println("  " + d.name() + "  " + details(platform, cfg, d));
                out.println("      version " + d.version() + ", api " + d.apiVersion() + ", from " + d.location());
                if (d.family() == ProviderFamily.AUTH) {
                    platform.authProvider(d.name()).map(a -> a.manifest().fields()).filter(f -> !f.isEmpty())
                            .ifPresent(f -> f.forEach((k, v) -> out.println("      config " + k + ": " + v)));
                }
            }
        }
        List<DiscoveryProblem> problems = platform.problems();
        out.println();
        out.println("discovery problems (" + problems.size() + ")");
        for (DiscoveryProblem p : problems) {
            out.println("  " + p);
        }
        return 0;
    }

    private static String title(ProviderFamily f) {
        return switch (f) {
            case AUTH -> "auth providers";
            case CONNECTOR -> "sync connectors";
            case SYNC_MODULE -> "sync modules";
            case METADATA -> "metadata providers";
            case SCROBBLE_SOURCE -> "scrobble sources (webhooks: POST /webhook/<name>)";
            case SCROBBLE_TARGET -> "scrobble targets";
        };
    }

    private static String details(PlatformManager platform, CrossWatchConfig cfg, DiscoveredProvider d) {
        switch (d.family()) {
            case AUTH: {
                AuthProvider a = platform.authProvider(d.name()).orElseThrow();
                return a.manifest().label() + ", flow " + a.manifest().flow().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + "; " + accounts(platform, cfg, d.name());
            }
            case CONNECTOR: {
                Connector c = platform.connector(d.name()).orElseThrow();
                ConnectorManifest m = c.manifest();
                String features = m.features().stream().map(Feature::key).collect(Collectors.joining(", "));
                String auth = m.authProvider().map(a -> "account via '" + a + "'").orElse("no account needed");
                return m.label() + " [" + features + "]; " + auth;
            }
            case METADATA: {
                MetadataProvider p = platform.metadataProvider(d.name()).orElseThrow();
                return p.manifest().label() + " " + p.manifest().entities().stream()
                        .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ", "[", "]"))
                        + (p.manifest().needsApiKey() ? "; needs an API key" : "");
            }
            default:
                return d.implementation();
        }
    }

    /** The status of the default account and of every configured instance; never shows a secret. */
    private static String accounts(PlatformManager platform, CrossWatchConfig cfg, String provider) {
        List<String> parts = new ArrayList<>();
        parts.add(status("default", platform.status(provider, null)));
        for (String instance : cfg.instances(provider)) {
            parts.add(status(instance, platform.status(provider, instance)));
        }
        return String.join(", ", parts);
    }

    private static String status(String instance, AuthStatus s) {
        String state = s.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return instance + ": " + state + s.accountName().map(a -> " as " + a).orElse("")
                + (s.isConnected() || s.message() == null ? "" : " (" + s.message() + ")");
    }
}
