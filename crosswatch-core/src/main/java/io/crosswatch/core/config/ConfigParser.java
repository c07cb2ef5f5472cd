package io.crosswatch.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.Endpoint;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import io.crosswatch.api.sync.SyncMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a parsed config document and builds the typed view. Collects every error (each
 * naming its JSON path) before failing, so a user fixes them in one go. Never echoes a value
 * that could be a secret.
 */
final class ConfigParser {

    static final String DEFAULT_STATE_FILE = "crosswatch-state.db";
    static final String DEFAULT_PLUGINS_DIR = "plugins";

    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> TOP_KEYS = Set.of("providers", "pairs", "sync", "metadata", "stateFile", "scrobble", "daemon",
            "pluginsDir", "$schema", "version");
    private static final Set<String> PAIR_KEYS = Set.of("name", "source", "target", "mode", "features", "options");
    private static final Set<String> FEATURE_KEYS = Set.of("enabled", "add", "remove");
    private static final Set<String> SYNC_KEYS = Set.of("dryRun", "guards");
    private static final Set<String> METADATA_KEYS = Set.of("priority", "locale");
    private static final String MODES = Arrays.stream(SyncMode.values()).map(m -> m.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    private static final String FEATURES = Arrays.stream(Feature.values()).map(Feature::key)
            .collect(Collectors.joining(", "));

    private final Path file;
    private final List<ConfigWarning> errors = new ArrayList<>();
    private final List<ConfigWarning> warnings = new ArrayList<>();

    private ConfigParser(Path file) {
        this.file = file;
    }

    /**
     * @param root the document (not modified; the result keeps its own copy)
     * @param file the config file, for resolving relative paths
     * @return the validated config
     * @throws ConfigException naming the first offending path and listing the others
     */
    static CrossWatchConfig parse(JsonNode root, Path file) {
        return new ConfigParser(file).run(root);
    }

    private CrossWatchConfig run(JsonNode root) {
        if (!root.isObject()) {
            throw new ConfigException("$", "the config file must hold a JSON object, got " + JsonValues.typeName(root));
        }
        unknownKeys(root, "$", TOP_KEYS);
        Map<String, CrossWatchConfig.ProviderBlock> providers = providers(root.get("providers"));
        List<PairSpec> pairs = pairs(root.get("pairs"), providers);
        SyncDefaults sync = sync(root.get("sync"));
        MetadataSettings metadata = metadata(root.get("metadata"));
        Path dir = directory();
        Path stateFile = dir.resolve(text(root.get("stateFile"), "$.stateFile", DEFAULT_STATE_FILE)).normalize();
        Path pluginsDir = dir.resolve(text(root.get("pluginsDir"), "$.pluginsDir", DEFAULT_PLUGINS_DIR)).normalize();
        if (!errors.isEmpty()) {
            ConfigWarning first = errors.get(0);
            StringBuilder msg = new StringBuilder(first.message());
            if (errors.size() > 1) {
                msg.append(" (").append(errors.size() - 1).append(" more problem").append(errors.size() > 2 ? "s" : "")
                        .append(" in ").append(file).append(':');
                errors.subList(1, errors.size()).forEach(e -> msg.append("\n  ").append(e));
                msg.append(')');
            }
            throw new ConfigException(first.path(), msg.toString());
        }
        return new CrossWatchConfig(file, ((ObjectNode) root).deepCopy(), providers, pairs, sync, metadata, stateFile,
                pluginsDir, warnings);
    }

    private Path directory() {
        Path abs = file.toAbsolutePath();
        return abs.getParent() == null ? abs : abs.getParent();
    }

    private void error(String path, String message) {
        errors.add(new ConfigWarning(path, message));
    }

    private void unknownKeys(JsonNode node, String path, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!known.contains(k)) {
                warnings.add(new ConfigWarning(path + "." + k, "unknown key, ignored; expected one of "
                        + known.stream().filter(s -> !s.startsWith("$")).sorted().collect(Collectors.joining(", "))));
            }
        }
    }

    private boolean expectObject(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            error(path, "expected an object, got " + JsonValues.typeName(node));
            return false;
        }
        return true;
    }

    private String text(JsonNode node, String path, String fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            error(path, "expected non-empty text, got " + JsonValues.typeName(node));
            return fallback;
        }
        return node.textValue();
    }

    private boolean bool(JsonNode node, String path, boolean fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            error(path, "expected true or false, got " + JsonValues.typeName(node));
            return fallback;
        }
        return node.booleanValue();
    }

    // ---- providers -------------------------------------------------------------------------

    private Map<String, CrossWatchConfig.ProviderBlock> providers(JsonNode node) {
        Map<String, CrossWatchConfig.ProviderBlock> out = new LinkedHashMap<>();
        if (!expectObject(node, "$.providers")) {
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String path = "$.providers." + name;
            if (!PROVIDER_NAME.matcher(name).matches()) {
                error(path, "provider names are lower case letters, digits, '-' or '_' (at most 40)");
                return;
            }
            if (!expectObject(e.getValue(), path)) {
                return;
            }
            Map<String, Object> top = new LinkedHashMap<>();
            Map<String, Map<String, Object>> instances = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(f -> {
                if ("instances".equals(f.getKey())) {
                    instances(f.getValue(), path + ".instances", instances);
                } else {
                    checkProviderValue(f.getKey(), f.getValue(), path);
                    top.put(f.getKey(), JsonValues.toJava(f.getValue()));
                }
            });
            out.put(name, new CrossWatchConfig.ProviderBlock(top, instances));
        });
        return out;
    }

    private void instances(JsonNode node, String path, Map<String, Map<String, Object>> out) {
        if (!expectObject(node, path)) {
            return;
        }
        node.fields().forEachRemaining(i -> {
            String ipath = path + "." + i.getKey();
            if (!INSTANCE_NAME.matcher(i.getKey()).matches() || "default".equals(i.getKey())) {
                error(ipath, "instance names are letters, digits, '.', '-' or '_' and not 'default'");
                return;
            }
            if (!expectObject(i.getValue(), ipath)) {
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            i.getValue().fields().forEachRemaining(f -> {
                if ("instances".equals(f.getKey())) {
                    error(ipath + ".instances", "instances cannot be nested");
                    return;
                }
                checkProviderValue(f.getKey(), f.getValue(), ipath);
                values.put(f.getKey(), JsonValues.toJava(f.getValue()));
            });
            out.put(i.getKey(), values);
        });
    }

    /** Providers own their keys; only the ones core itself interprets are checked. */
    private void checkProviderValue(String key, JsonNode value, String blockPath) {
        if (!"baseUrl".equals(key) || value.isNull()) {
            return;
        }
        String path = blockPath + "." + key;
        if (!value.isTextual()) {
            error(path, "expected an http(s) URL as text, got " + JsonValues.typeName(value));
            return;
        }
        try {
            URI u = URI.create(value.textValue().trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                error(path, "expected an absolute http(s) URL such as https://api.example.com");
            }
        } catch (IllegalArgumentException ex) {
            error(path, "is not a valid URL");
        }
    }

    // ---- pairs -----------------------------------------------------------------------------

    private List<PairSpec> pairs(JsonNode node, Map<String, CrossWatchConfig.ProviderBlock> providers) {
        List<PairSpec> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            error("$.pairs", "expected a list of pairs, got " + JsonValues.typeName(node));
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "$.pairs[" + i + "]";
            JsonNode p = node.get(i);
            if (!expectObject(p, path)) {
                if (p == null || p.isNull()) {
                    error(path, "expected an object, got null");
                }
                continue;
            }
            unknownKeys(p, path, PAIR_KEYS);
            Endpoint source = endpoint(p.get("source"), path + ".source", providers);
            Endpoint target = endpoint(p.get("target"), path + ".target", providers);
            SyncMode mode = mode(p.get("mode"), path + ".mode");
            String name = text(p.get("name"), path + ".name", null);
            Map<Feature, FeatureOptions> features = features(p.get("features"), path + ".features");
            Map<String, String> options = scalars(p.get("options"), path + ".options");
            if (source == null || target == null || mode == null) {
                continue;
            }
            PairSpec.Builder b = PairSpec.builder(source, target, mode).name(name);
            if (features == null) {
                b.allFeatures();
            } else {
                features.forEach(b::feature);
            }
            options.forEach(b::option);
            PairSpec spec = b.build();
            if (!names.add(spec.name())) {
                error(path + ".name", "duplicate pair name '" + spec.name() + "'; pair names must be unique");
                continue;
            }
            out.add(spec);
        }
        return out;
    }

    private Endpoint endpoint(JsonNode node, String path, Map<String, CrossWatchConfig.ProviderBlock> providers) {
        if (node == null || node.isNull()) {
            error(path, "is required: a provider name such as 'plex' or 'trakt:work'");
            return null;
        }
        if (!node.isTextual()) {
            error(path, "expected text such as 'plex' or 'trakt:work', got " + JsonValues.typeName(node));
            return null;
        }
        Endpoint e;
        try {
            e = Endpoint.parse(node.textValue());
        } catch (IllegalArgumentException ex) {
            error(path, ex.getMessage());
            return null;
        }
        if (!PROVIDER_NAME.matcher(e.provider()).matches()) {
            error(path, "'" + e.provider() + "' is not a provider name (lower case letters, digits, '-' or '_')");
            return null;
        }
        CrossWatchConfig.ProviderBlock block = providers.get(e.provider());
        if (!"default".equals(e.instance()) && (block == null || !block.instances().containsKey(e.instance()))) {
            warnings.add(new ConfigWarning(path, "instance '" + e.instance() + "' is not defined under $.providers."
                    + e.provider() + ".instances"));
        }
        return e;
    }

    private SyncMode mode(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            error(path, "is required; expected one of " + MODES);
            return null;
        }
        if (!node.isTextual()) {
            error(path, "expected one of " + MODES + ", got " + JsonValues.typeName(node));
            return null;
        }
        String raw = node.textValue().trim();
        String key = raw.replace('-', '_').toUpperCase(Locale.ROOT);
        for (SyncMode m : SyncMode.values()) {
            if (m.name().equals(key)) {
                return m;
            }
        }
        error(path, "unknown mode '" + raw + "'; expected one of " + MODES);
        return null;
    }

    /** @return {@code null} when the section is absent (every feature on) */
    private Map<Feature, FeatureOptions> features(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<Feature, FeatureOptions> out = new LinkedHashMap<>();
        if (!expectObject(node, path)) {
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String fpath = path + "." + e.getKey();
            Feature feature;
            try {
                feature = Feature.fromKey(e.getKey());
            } catch (IllegalArgumentException ex) {
                error(fpath, "unknown feature '" + e.getKey() + "'; expected one of " + FEATURES);
                return;
            }
            JsonNode v = e.getValue();
            if (v.isBoolean()) {
                out.put(feature, v.booleanValue() ? FeatureOptions.ALL : FeatureOptions.OFF);
            } else if (v.isObject()) {
                unknownKeys(v, fpath, FEATURE_KEYS);
                out.put(feature, new FeatureOptions(bool(v.get("enabled"), fpath + ".enabled", true),
                        bool(v.get("add"), fpath + ".add", true), bool(v.get("remove"), fpath + ".remove", true)));
            } else {
                error(fpath, "expected true/false or an object {enabled, add, remove}, got " + JsonValues.typeName(v));
            }
        });
        return out;
    }

    private Map<String, String> scalars(JsonNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!expectObject(node, path)) {
            return out;
        }
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                out.put(e.getKey(), v.asText());
            } else if (!v.isNull()) {
                error(path + "." + e.getKey(), "expected text, a number or true/false, got " + JsonValues.typeName(v));
            }
        });
        return out;
    }

    // ---- sync and metadata -----------------------------------------------------------------

    private SyncDefaults sync(JsonNode node) {
        if (!expectObject(node, "$.sync")) {
            return SyncDefaults.DEFAULT;
        }
        unknownKeys(node, "$.sync", SYNC_KEYS);
        return new SyncDefaults(bool(node.get("dryRun"), "$.sync.dryRun", false), scalars(node.get("guards"), "$.sync.guards"));
    }

    private MetadataSettings metadata(JsonNode node) {
        if (!expectObject(node, "$.metadata")) {
            return MetadataSettings.DEFAULT;
        }
        unknownKeys(node, "$.metadata", METADATA_KEYS);
        List<String> priority = new ArrayList<>();
        JsonNode p = node.get("priority");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) {
                error("$.metadata.priority", "expected a list of provider names, got " + JsonValues.typeName(p));
            } else {
                for (int i = 0; i < p.size(); i++) {
                    String name = text(p.get(i), "$.metadata.priority[" + i + "]", null);
                    if (name != null) {
                        priority.add(name);
                    }
                }
            }
        }
        return new MetadataSettings(priority, text(node.get("locale"), "$.metadata.locale", null));
    }
}
