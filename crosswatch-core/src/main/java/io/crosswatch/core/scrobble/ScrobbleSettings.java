package io.crosswatch.core.scrobble;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosswatch.api.Api;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.core.internal.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code scrobble} section of the config: where scrobbles go and which events count.
 *
 * <pre>{@code
 * "scrobble": {
 *   "targets": ["trakt", "simkl:work"],
 *   "watchedThreshold": 80,
 *   "users": ["alice"], "servers": [], "libraries": ["Movies", "TV Shows"],
 *   "dedupWindow": "PT1M", "playWindow": "PT10M",
 *   "retryBase": "PT30S", "retryMax": "PT1H", "lateAfter": "PT10M", "playRetention": "P30D"
 * }
 * }</pre>
 * An empty filter list admits everything; a non-empty one admits only events that name one of
 * its values (case-insensitive), so a server's other users are never scrobbled by accident.
 * The one exception: an event whose library is unknown (a source that cannot name it, or a
 * failed lookup) passes {@code libraries}, and the manager warns once per source, rather than
 * losing the play.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ScrobbleSettings {

    private final List<Endpoint> targets;
    private final double watchedThreshold;
    private final Set<String> users;
    private final Set<String> servers;
    private final Set<String> libraries;
    private final Duration dedupWindow;
    private final Duration playWindow;
    private final Duration retryBase;
    private final Duration retryMax;
    private final Duration lateAfter;
    private final Duration playRetention;

    private ScrobbleSettings(Builder b) {
        this.targets = List.copyOf(b.targets);
        if (b.watchedThreshold <= 0 || b.watchedThreshold > 100) {
            throw new ConfigException("scrobble", "scrobble.watchedThreshold must be in (0, 100], got " + b.watchedThreshold);
        }
        this.watchedThreshold = b.watchedThreshold;
        this.users = lower(b.users);
        this.servers = lower(b.servers);
        this.libraries = lower(b.libraries);
        this.dedupWindow = positive("dedupWindow", b.dedupWindow);
        this.playWindow = positive("playWindow", b.playWindow);
        this.retryBase = positive("retryBase", b.retryBase);
        this.retryMax = positive("retryMax", b.retryMax);
        this.lateAfter = positive("lateAfter", b.lateAfter);
        this.playRetention = positive("playRetention", b.playRetention);
    }

    private static Duration positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException("scrobble", "scrobble." + key + " must be a positive duration, got " + d);
        }
        return d;
    }

    private static Set<String> lower(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        in.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults: no targets, 80 % threshold, no filters */
    public static ScrobbleSettings defaults() {
        return builder().build();
    }

    /**
     * Reads the {@code scrobble} section of a config file.
     *
     * @param section the section, {@code null} or missing for the defaults
     * @return the settings
     * @throws ConfigException naming the key at fault
     */
    public static ScrobbleSettings fromJson(JsonNode section) {
        Builder b = builder();
        if (section == null || section.isMissingNode() || section.isNull()) {
            return b.build();
        }
        if (!section.isObject()) {
            throw new ConfigException("scrobble", "scrobble must be an object");
        }
        for (String t : strings(section, "targets")) {
            b.target(Endpoint.parse(t));
        }
        if (section.has("watchedThreshold")) {
            JsonNode n = section.get("watchedThreshold");
            if (!n.isNumber()) {
                throw new ConfigException("scrobble", "scrobble.watchedThreshold must be a number (percent)");
            }
            b.watchedThreshold(n.asDouble());
        }
        b.users(Set.copyOf(strings(section, "users")));
        b.servers(Set.copyOf(strings(section, "servers")));
        b.libraries(Set.copyOf(strings(section, "libraries")));
        b.dedupWindow(duration(section, "dedupWindow", b.dedupWindow));
        b.playWindow(duration(section, "playWindow", b.playWindow));
        b.retryBase(duration(section, "retryBase", b.retryBase));
        b.retryMax(duration(section, "retryMax", b.retryMax));
        b.lateAfter(duration(section, "lateAfter", b.lateAfter));
        b.playRetention(duration(section, "playRetention", b.playRetention));
        return b.build();
    }

    static List<String> strings(JsonNode section, String key) {
        JsonNode n = section.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new ConfigException("scrobble", "scrobble." + key + " must be a list of strings");
        }
        n.forEach(v -> {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new ConfigException("scrobble", "scrobble." + key + " must be a list of non-empty strings");
            }
            out.add(v.asText().trim());
        });
        return out;
    }

    /** @return the duration at {@code scrobble.<key>}, or {@code fallback} when the key is absent */
    private static Duration duration(JsonNode section, String key, Duration fallback) {
        JsonNode n = section.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        return Durations.parse("scrobble." + key, n.asText(), Durations.Bound.POSITIVE);
    }

    /** @return the targets every admitted event goes to */
    public List<Endpoint> targets() {
        return targets;
    }

    /** @return the percent at or past which a stop marks the item watched */
    public double watchedThreshold() {
        return watchedThreshold;
    }

    /** @return admitted users, lower case; empty admits all */
    public Set<String> users() {
        return users;
    }

    /** @return admitted servers, lower case; empty admits all */
    public Set<String> servers() {
        return servers;
    }

    /** @return admitted libraries, lower case; empty admits all */
    public Set<String> libraries() {
        return libraries;
    }

    /** @return a repeat of the same event (item, kind, user) within this window is dropped */
    public Duration dedupWindow() {
        return dedupWindow;
    }

    /** @return a play already on the target within this distance of the event counts as the same play */
    public Duration playWindow() {
        return playWindow;
    }

    /** @return the first retry delay of a queued scrobble; it doubles per failure */
    public Duration retryBase() {
        return retryBase;
    }

    /** @return the longest retry delay */
    public Duration retryMax() {
        return retryMax;
    }

    /** @return a watched stop delivered later than this after the event is sent as a dated history entry */
    public Duration lateAfter() {
        return lateAfter;
    }

    /** @return how long recorded plays are kept for the sync engine to see */
    public Duration playRetention() {
        return playRetention;
    }

    @Override
    public String toString() {
        return "ScrobbleSettings[targets=" + targets + ", threshold=" + watchedThreshold + ", users=" + users.size()
                + ", servers=" + servers.size() + ", libraries=" + libraries.size() + "]";
    }

    /** Builds {@link ScrobbleSettings}. */
    public static final class Builder {
        private final List<Endpoint> targets = new ArrayList<>();
        private double watchedThreshold = 80;
        private Set<String> users = Set.of();
        private Set<String> servers = Set.of();
        private Set<String> libraries = Set.of();
        private Duration dedupWindow = Duration.ofMinutes(1);
        private Duration playWindow = Duration.ofMinutes(10);
        private Duration retryBase = Duration.ofSeconds(30);
        private Duration retryMax = Duration.ofHours(1);
        private Duration lateAfter = Duration.ofMinutes(10);
        private Duration playRetention = Duration.ofDays(30);

        private Builder() {
        }

        /** @return this */
        public Builder target(Endpoint value) {
            targets.add(Objects.requireNonNull(value, "target"));
            return this;
        }

        /** @return this */
        public Builder watchedThreshold(double percent) {
            this.watchedThreshold = percent;
            return this;
        }

        /** @return this */
        public Builder users(Set<String> value) {
            this.users = Set.copyOf(value);
            return this;
        }

        /** @return this */
        public Builder servers(Set<String> value) {
            this.servers = Set.copyOf(value);
            return this;
        }

        /** @return this */
        public Builder libraries(Set<String> value) {
            this.libraries = Set.copyOf(value);
            return this;
        }

        /** @return this */
        public Builder dedupWindow(Duration value) {
            this.dedupWindow = value;
            return this;
        }

        /** @return this */
        public Builder playWindow(Duration value) {
            this.playWindow = value;
            return this;
        }

        /** @return this */
        public Builder retryBase(Duration value) {
            this.retryBase = value;
            return this;
        }

        /** @return this */
        public Builder retryMax(Duration value) {
            this.retryMax = value;
            return this;
        }

        /** @return this */
        public Builder lateAfter(Duration value) {
            this.lateAfter = value;
            return this;
        }

        /** @return this */
        public Builder playRetention(Duration value) {
            this.playRetention = value;
            return this;
        }

        /** @return the settings */
        public ScrobbleSettings build() {
            return new ScrobbleSettings(this);
        }
    }
}
