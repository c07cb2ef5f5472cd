package io.crosswatch.cli.internal;

import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.MetadataManager;
import io.crosswatch.core.PlatformManager;
import io.crosswatch.core.config.CrossWatchConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crosswatch metadata}: the normalized metadata of one title. */
@Command(name = "metadata", mixinStandardHelpOptions = true,
        description = "Print the normalized metadata of a title by IMDb id (tt…) or TMDB id (digits, or tmdb:ID).")
final class MetadataCommand implements Callable<Integer> {

    private static final Pattern IMDB = Pattern.compile("tt\\d{1,12}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", paramLabel = "ID", description = "tt0111161, 278, imdb:tt0111161 or tmdb:278")
    String id;

    @Option(names = "--type", paramLabel = "movie|show", description = "What the id names (default: movie).")
    String type = "movie";

    @Option(names = "--locale", paramLabel = "LOCALE", description = "Preferred language, e.g. de-DE (default: the"
            + " config's metadata.locale, else English).")
    String locale;

    @Override
    public Integer call() {
        MediaIds ids = parseId(id);
        MediaType entity = switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "movie" -> MediaType.MOVIE;
            case "show", "tv", "series" -> MediaType.SHOW;
            default -> throw new CliException("unknown type '" + type + "'", "use --type movie or --type show");
        };
        CrossWatchConfig cfg = root.requireConfig();
        PlatformManager platform = root.platform(cfg);
        if (platform.metadataProviders().isEmpty()) {
            throw new CliException("no metadata provider is installed",
                    "install one (such as tmdb) in the plugins directory; 'crosswatch providers' lists what is found");
        }
        List<String> unconfigured = platform.metadataProviders().stream()
                .filter(p -> p.manifest().needsApiKey() && !configured(platform, p.manifest().name()))
                .map(p -> p.manifest().name()).toList();
        if (unconfigured.size() == platform.metadataProviders().size()) {
            String first = unconfigured.get(0);
            throw new CliException("no metadata provider is configured: " + String.join(", ", unconfigured)
                    + " need" + (unconfigured.size() == 1 ? "s" : "") + " an API key",
                    "set it under $.providers." + first + " in " + cfg.file() + " (see 'crosswatch providers'), or run"
                            + " 'crosswatch connect " + first + " --token-stdin'");
        }
        MetadataManager manager = MetadataManager.builder().platform(platform).clock(root.env().clock()).build();
        String loc = locale != null ? locale : cfg.metadata().preferredLocale().orElse(null);
        Optional<Metadata> found = manager.fetch(MetadataRequest.of(entity, ids, loc));
        if (found.isEmpty()) {
            throw new CliException("no metadata found for " + id + " (" + entity.name().toLowerCase(Locale.ROOT)
                    + ") from " + String.join(", ", manager.providerOrder()),
                    "check the id and --type; a provider that needs an API key must be connected first"
                            + " ('crosswatch connect tmdb --token-stdin')");
        }
        print(found.get(), root.env().out());
        return 0;
    }

    /** A block holding any value besides {@code _comment}-style notes counts as configured. */
    private static boolean configured(PlatformManager platform, String name) {
        return platform.context(name, null, null).config().keys().stream().anyMatch(k -> !k.startsWith("_"));
    }

    static MediaIds parseId(String raw) {
        String v = raw.trim();
        int colon = v.indexOf(':');
        if (colon > 0) {
            String ns = v.substring(0, colon).toLowerCase(Locale.ROOT);
            return MediaIds.of(ns, v.substring(colon + 1));
        }
        if (IMDB.matcher(v).matches()) {
            return MediaIds.of(MediaIds.IMDB, v);
        }
        if (DIGITS.matcher(v).matches()) {
            return MediaIds.of(MediaIds.TMDB, v);
        }
        throw new CliException("'" + raw + "' is neither an IMDb id (tt…) nor a TMDB id (digits)",
                "pass e.g. tt0111161, 278 or tmdb:278");
    }

    private static void print(Metadata m, PrintWriter out) {
        out.println(m.title().orElse("(untitled)") + m.year().map(y -> " (" + y + ")").orElse(""));
        out.println("  type:     " + m.type().name().toLowerCase(Locale.ROOT));
        out.println("  ids:      " + ids(m.ids().values()));
        m.locale().ifPresent(l -> out.println("  locale:   " + l));
        m.overview().ifPresent(o -> out.println("  overview: " + o));
        for (Map.Entry<ImageKind, List<Image>> e : m.images().entrySet()) {
            if (!e.getValue().isEmpty()) {
                Image i = e.getValue().get(0);
                out.println(String.format(Locale.ROOT, "  %-9s %s (%dx%d%s)", e.getKey().name().toLowerCase(Locale.ROOT)
                        + ":", i.url(), i.w(), i.h(), i.lang() == null ? "" : ", " + i.lang()));
            }
        }
        m.source().ifPresent(s -> out.println("  source:   " + s));
    }

    private static String ids(Map<String, String> ids) {
        StringBuilder sb = new StringBuilder();
        ids.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }
}
