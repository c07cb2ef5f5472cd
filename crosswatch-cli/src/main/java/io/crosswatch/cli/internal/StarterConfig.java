package io.crosswatch.cli.internal;

import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncMode;
import io.crosswatch.core.config.ConfigStore;
import io.crosswatch.core.config.CrossWatchConfig;
import io.crosswatch.core.local.LocalTrackerConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commented starter config {@code crosswatch init} writes, and the quickstart config.
 *
 * <p>JSON has no comments. Comments live in {@code "_comment"} keys inside provider blocks,
 * which core leaves to the providers (so they cause no warning and {@code crosswatch sync} stays
 * quiet), and in a companion {@code config.README.md} next to the file, which core never reads.
 * Example providers have a block holding only a comment: with no credentials and no pair naming
 * them they are disabled.
 */
final class StarterConfig {

    /** Provider name → how to enable it. Order is the order in the file. */
    static final Map<String, String> EXAMPLES = examples();

    private StarterConfig() {
    }

    private static Map<String, String> examples() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trakt", "Disabled example. Set \"clientId\" and \"clientSecret\" of your own Trakt API app"
                + " (trakt.tv/oauth/applications), run 'crosswatch connect trakt' (device code: open the URL, enter the"
                + " code), then add a pair such as {\"source\": \"trakt\", \"target\": \"local\", \"mode\": \"two_way\"}.");
        m.put("plex", "Disabled example. Run 'crosswatch connect plex' (PIN: open plex.tv/link, enter the code).");
        m.put("jellyfin", "Disabled example. Set \"baseUrl\" (e.g. http://jellyfin.local:8096), then run"
                + " 'crosswatch connect jellyfin' (username + password, or --token-stdin for an API key).");
        m.put("emby", "Disabled example. Set \"baseUrl\" (e.g. http://emby.local:8096), then run"
                + " 'crosswatch connect emby' (username + password, or --token-stdin for an API key).");
        m.put("simkl", "Disabled example. Set \"clientId\" of your SIMKL app (simkl.com/settings/developer), then run"
                + " 'crosswatch connect simkl' (PIN: open the URL, enter the code).");
        m.put("mdblist", "Disabled example. Run 'crosswatch connect mdblist --token-stdin' with your API key.");
        m.put("anilist", "Disabled example. Run 'crosswatch connect anilist --token-stdin' with your access token.");
        m.put("tmdb", "Disabled example. Run 'crosswatch connect tmdb --token-stdin' with your API key; also used for"
                + " 'crosswatch metadata'.");
        return m;
    }

    /**
     * The starter config: the local tracker next to the config file plus a disabled example block
     * for every known provider; no pairs.
     */
    static CrossWatchConfig starter(Path configFile) {
        Path dir = configFile.toAbsolutePath().getParent();
        CrossWatchConfig cfg = CrossWatchConfig.empty(configFile);
        Map<String, Object> local = new LinkedHashMap<>();
        local.put("_comment", "The local tracker: every feature in one SQLite file on this machine, no account."
                + " Add named instances under \"instances\" for more files, e.g. local:letterboxd.");
        local.put("path", dir.resolve(LocalTrackerConnector.DEFAULT_FILE).toString());
        cfg = cfg.withProviderValues(LocalTrackerConnector.NAME, null, local);
        for (Map.Entry<String, String> e : EXAMPLES.entrySet()) {
            cfg = cfg.withProviderValues(e.getKey(), null, Map.of("_comment", e.getValue()));
        }
        return cfg.withPairs(List.of());
    }

    /** Name of the quickstart pair. */
    static final String QUICKSTART_PAIR = "letterboxd-local";
    /** The quickstart's second local instance. */
    static final String QUICKSTART_INSTANCE = "letterboxd";

    /** Two local tracker files and one two-way pair between them. */
    static CrossWatchConfig quickstart(Path configFile) {
        Path dir = configFile.toAbsolutePath().getParent();
        CrossWatchConfig cfg = CrossWatchConfig.empty(configFile);
        Map<String, Object> local = new LinkedHashMap<>();
        local.put("_comment", "Quickstart: 'local' holds the IMDb sample, 'local:letterboxd' the Letterboxd sample.");
        local.put("path", dir.resolve("local-tracker.db").toString());
        cfg = cfg.withProviderValues(LocalTrackerConnector.NAME, null, local);
        cfg = cfg.withProviderValues(LocalTrackerConnector.NAME, QUICKSTART_INSTANCE,
                Map.of("path", dir.resolve("letterboxd-tracker.db").toString()));
        PairSpec pair = PairSpec.builder(new Endpoint(LocalTrackerConnector.NAME, QUICKSTART_INSTANCE),
                        new Endpoint(LocalTrackerConnector.NAME, "default"), SyncMode.TWO_WAY)
                .name(QUICKSTART_PAIR).feature(Feature.WATCHLIST, io.crosswatch.api.sync.FeatureOptions.ALL)
                .feature(Feature.RATINGS, io.crosswatch.api.sync.FeatureOptions.ALL)
                .feature(Feature.HISTORY, io.crosswatch.api.sync.FeatureOptions.ALL)
                .build();
        return cfg.withPairs(List.of(pair));
    }

    /** Writes the config (atomically, 0600) and its companion README. */
    static void write(Path configFile, CrossWatchConfig cfg) {
        ConfigStore.open(configFile).save(cfg);
        Path readme = configFile.resolveSibling(configFile.getFileName() + ".README.md");
        try {
            Files.writeString(readme, readme(configFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + readme + ": " + e.getMessage(), e);
        }
    }

    static String readme(Path configFile) {
        StringBuilder sb = new StringBuilder();
        sb.append("# CrossWatch config (").append(configFile.getFileName()).append(")\n\n")
          .append("This file explains `").append(configFile.getFileName()).append("`; CrossWatch never reads it.\n")
          .append("JSON has no comments, so the config carries `_comment` keys inside provider blocks instead.\n\n")
          .append("## Sections\n\n")
          .append("- `providers`: one block per provider; named accounts go under `instances` (`trakt:work`).\n")
          .append("  A block with no credentials and no pair naming it is disabled.\n")
          .append("- `pairs`: what to sync, in order. Example:\n\n")
          .append("```json\n")
          .append("{\"name\": \"trakt-local\", \"source\": \"trakt\", \"target\": \"local\", \"mode\": \"two_way\",\n")
          .append(" \"features\": {\"watchlist\": true, \"ratings\": true, \"history\": {\"enabled\": true, \"remove\": false}},\n")
          .append(" \"options\": {\"guard.massDelete.ratio\": \"0.2\"}}\n")
          .append("```\n\n")
          .append("  Modes: `one_way_add`, `one_way_propagate`, `one_way_mirror`, `two_way`. Features: `watchlist`,\n")
          .append("  `ratings`, `history`, `progress`, `playlists`.\n")
          .append("- `sync`: `{\"dryRun\": false, \"guards\": {…}}`, defaults for every pair.\n")
          .append("- `metadata`: `{\"priority\": [\"tmdb\"], \"locale\": \"de-DE\"}`.\n")
          .append("- `stateFile` (default `crosswatch-state.db`) and `pluginsDir` (default `plugins`), relative to this file.\n\n")
          .append("## Providers\n\n")
          .append("- `local`: ").append("the local tracker file (`path`); always available, no account.\n");
        EXAMPLES.forEach((k, v) -> sb.append("- `").append(k).append("`: ").append(v).append('\n'));
        sb.append("\n`crosswatch providers` lists what is installed and connected; secrets are written by `crosswatch")
          .append(" connect`, never shown.\n");
        return sb.toString();
    }
}
