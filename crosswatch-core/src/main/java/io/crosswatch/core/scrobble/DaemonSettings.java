package io.crosswatch.core.scrobble;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.Api;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.Secret;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code daemon} section of the config.
 *
 * <pre>{@code
 * "daemon": {
 *   "bind": "127.0.0.1", "port": 8787, "secret": "long-random-string",
 *   "maxBodyBytes": 1048576,
 *   "schedules": {"plex-trakt": "PT30M", "trakt-local": "0 3 * * *", "plex-simkl": "@hourly"},
 *   "timeZone": "Europe/Amsterdam",
 *   "listen": ["plex", "jellyfin", "emby:living-room"]
 * }
 * }</pre>
 * Each {@code listen} entry is a scrobble source with an optional config instance ({@code
 * source[:instance]}); the daemon opens that source's live connection (Plex's notification
 * websocket, Jellyfin's and Emby's session websocket) with the server named in that instance's
 * provider block, and keeps it open, reconnecting with backoff.
 *
 * <p>A schedule is an ISO-8601 interval (the pair runs at start, then that long after each run)
 * or a 5-field cron expression read in {@code timeZone} (default: the system zone); see {@link
 * CronSchedule}.
 *
 * @param bind         the address the webhook endpoint binds to; loopback by default
 * @param port         the port, {@code 0} for any free one
 * @param secret       the shared secret webhooks must present
 * @param maxBodyBytes larger webhook bodies are refused with 413
 * @param schedules    pair name → when it runs
 * @param listen       scrobble sources ({@code source[:instance]}) whose live connection the daemon opens
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public record DaemonSettings(String bind, int port, Secret secret, int maxBodyBytes, Map<String, Schedule> schedules,
                             java.util.List<String> listen) {

    /** The default port. */
    public static final int DEFAULT_PORT = 8787;
    /** The default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY = 1 << 20;

    /** Validates. */
    public DaemonSettings {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        if (port < 0 || port > 65535) {
            throw new ConfigException("daemon.port", "must be 0–65535, got " + port);
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.reveal().length() < 16) {
            throw new ConfigException("daemon.secret", "must be at least 16 characters (it guards the webhook endpoint)");
        }
        if (maxBodyBytes <= 0) {
            throw new ConfigException("daemon.maxBodyBytes", "must be positive");
        }
        schedules.forEach((pair, schedule) -> Objects.requireNonNull(schedule, "daemon.schedules." + pair));
        schedules = Map.copyOf(schedules);
        listen = java.util.List.copyOf(listen);
    }

    /**
     * Reads the {@code daemon} section.
     *
     * @param section the section
     * @return the settings
     * @throws ConfigException naming the key at fault (a missing secret is one)
     */
    public static DaemonSettings fromJson(JsonNode section) {
        if (section == null || !section.isObject()) {
            throw new ConfigException("daemon", "the daemon needs a 'daemon' section with at least a 'secret'");
        }
        String secret = Optional.ofNullable(section.get("secret")).filter(JsonNode::isTextual).map(JsonNode::asText)
                .orElseThrow(() -> new ConfigException("daemon.secret", "is required: webhooks must present it"));
        ZoneId zone = zone(section.get("timeZone"));
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        JsonNode s = section.path("schedules");
        if (!s.isMissingNode() && !s.isObject()) {
            throw new ConfigException("daemon.schedules", "must map pair names to intervals such as PT30M or cron expressions");
        }
        s.properties().forEach(e -> schedules.put(e.getKey(), schedule(e.getKey(), e.getValue(), zone)));
        return new DaemonSettings(section.path("bind").asText(null), section.path("port").asInt(DEFAULT_PORT), new Secret(secret),
                section.path("maxBodyBytes").asInt(DEFAULT_MAX_BODY), schedules,
                section.has("listen") ? ScrobbleSettings.strings(section, "listen") : java.util.List.of());
    }

    private static ZoneId zone(JsonNode n) {
        if (n == null || n.isNull()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(n.asText());
        } catch (DateTimeException e) {
            throw new ConfigException("daemon.timeZone", "'" + n.asText() + "' is not a time zone such as Europe/Amsterdam or UTC");
        }
    }

    private static Schedule schedule(String pair, JsonNode n, ZoneId zone) {
        String key = "daemon.schedules." + pair;
        if (!n.isTextual()) {
            throw new ConfigException(key, "must be an interval such as \"PT30M\" or a cron expression such as \"*/15 * * * *\"");
        }
        try {
            return Schedule.parse(n.asText(), zone);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "\"" + n.asText() + "\": " + e.getMessage());
        }
    }
}
