package io.crosswatch.cli.internal;

import io.crosswatch.api.CancellationToken;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.ReadRequest;
import io.crosswatch.api.sync.ReadResult;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.local.ExportFormat;
import io.crosswatch.core.local.ExportReport;
import io.crosswatch.core.local.Exporters;
import io.crosswatch.core.local.LocalTracker;
import io.crosswatch.core.local.LocalTrackerConnector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch export}: writes a local tracker's (or any connector's) items in a file format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export every feature of a local tracker, or of any connected provider, as csv, json (lossless,"
                + " re-importable), letterboxd or imdb. Exit code 1 when a read was incomplete.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--from", paramLabel = "PROVIDER[:INSTANCE]", description = "Where to read (default: local).")
    String from;

    @Option(names = "--format", required = true, paramLabel = "csv|json|letterboxd|imdb")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Option(names = "--feature", paramLabel = "FEATURE", split = ",", converter = FeatureConverter.class,
            description = "Only these features.")
    List<Feature> features = new ArrayList<>();

    @Override
    public Integer call() {
        ExportFormat fmt = ExportFormat.fromKey(format);
        CrossWatchConfig cfg = root.requireConfig();
        Endpoint source = Endpoint.parse(from == null ? LocalTrackerConnector.NAME : from);
        Map<Feature, List<MediaItem>> items = new EnumMap<>(Feature.class);
        List<String> incomplete = new ArrayList<>();
        if (LocalTrackerConnector.NAME.equals(source.provider())) {
            try (LocalTracker tracker = LocalTracker.open(LocalTargets.file(cfg, source))) {
                for (Feature f : Feature.values()) {
                    if (wanted(f)) {
                        items.put(f, tracker.items(f));
                    }
                }
            }
        } else {
            readConnector(cfg, source, items, incomplete);
        }
        PrintWriter err = root.env().err();
        ExportReport report;
        if (output == null) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            report = Exporters.write(fmt, items, buf);
            root.env().out().print(buf.toString(StandardCharsets.UTF_8));
            root.env().out().flush();
        } else {
            report = writeFile(root.env().workingDir().resolve(output), fmt, items);
        }
        err.println("exported " + report.written() + " row(s) from " + source + " as " + fmt.key()
                + (output == null ? "" : " to " + root.env().workingDir().resolve(output))
                + (report.skipped() > 0 ? "; " + report.skipped() + " item(s) skipped" : ""));
        report.notes().forEach(n -> err.println("  note: " + n));
        incomplete.forEach(n -> err.println("warning: " + n));
        return incomplete.isEmpty() ? 0 : 1;
    }

    private boolean wanted(Feature f) {
        return features.isEmpty() || features.contains(f);
    }

    /** Opens a session on the connector (as a sync run would) and reads every feature it supports. */
    private void readConnector(CrossWatchConfig cfg, Endpoint source, Map<Feature, List<MediaItem>> items,
                               List<String> incomplete) {
        PlatformManager platform = root.platform(cfg);
        Connector connector = platform.connector(source.provider())
                .orElseThrow(() -> new io.crosswatch.api.NoSuchProviderException("sync", source.provider()));
        ProviderContext context = platform.contextFor(source.provider(), source.instance(), CancellationToken.none());
        if (!connector.isConfigured(context.config())) {
            String auth = connector.manifest().authProvider().orElse(source.provider());
            throw new CliException(source + " is not configured", "run 'crosswatch connect " + auth
                    + (source.instance().equals("default") ? "" : ":" + source.instance()) + "'");
        }
        try (ConnectorSession session = connector.open(context)) {
            for (Feature f : connector.manifest().features()) {
                if (!wanted(f)) {
                    continue;
                }
                ReadResult r = session.read(ReadRequest.full(f));
                items.put(f, r.items());
                if (!r.isComplete()) {
                    incomplete.add(f.key() + " of " + source + " was read " + r.completeness().name().toLowerCase(
                            java.util.Locale.ROOT) + r.reason().map(x -> ": " + x).orElse(""));
                }
            }
        }
    }

    /** Writes to a temp file next to the target and renames it, so a failed export leaves no torn file. */
    private static ExportReport writeFile(Path file, ExportFormat fmt, Map<Feature, List<MediaItem>> items) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".crosswatch-export", ".tmp");
            try {
                ExportReport report;
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    report = Exporters.write(fmt, items, out);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return report;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
