package io.crosswatch.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosswatch.api.Api;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.sync.FeatureOptions;
import io.crosswatch.api.sync.PairSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, validated view of the config file.
 *
 * <p>Provider blocks are keyed by provider name; a block may hold named {@code instances} for
 * several accounts of the same service, each inheriting the block's top-level values and
 * overriding them (an explicit {@code null} in an instance hides an inherited value). {@link
 * #toString()} never shows a configuration value, so a config cannot leak secrets into logs.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class CrossWatchConfig {

    /** One provider's block: shared values and per-instance overrides. */
    record ProviderBlock(Map<String, Object> top, Map<String, Map<String, Object>> instances) {
        ProviderBlock {
            top = Collections.unmodifiableMap(new LinkedHashMap<>(top));
            Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
            instances.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            instances = Collections.unmodifiableMap(copy);
        }
    }

    private final Path file;
    private final ObjectNode root;
    private final Map<String, ProviderBlock> providers;
    private final List<PairSpec> pairs;
    private final SyncDefaults sync;
    private final MetadataSettings metadata;
    private final Path stateFile;
    private final Path pluginsDir;
    private final List<ConfigWarning> warnings;

    CrossWatchConfig(Path file, ObjectNode root, Map<String, ProviderBlock> providers, List<PairSpec> pairs,
                     SyncDefaults sync, MetadataSettings metadata, Path stateFile, Path pluginsDir,
                     List<ConfigWarning> warnings) {
        this.file = file;
        this.root = root;
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        this.pairs = List.copyOf(pairs);
        this.sync = sync;
        this.metadata = metadata;
        this.stateFile = stateFile;
        this.pluginsDir = pluginsDir;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * @param file where the config would live (relative paths resolve against its directory)
     * @return a config with no providers and no pairs
     */
    public static CrossWatchConfig empty(Path file) {
        return ConfigParser.parse(JsonNodeFactory.instance.objectNode(), Objects.requireNonNull(file, "file"));
    }

    /** @return the config file this view belongs to */
    public Path file() {
        return file;
    }

    /** @return the names of the configured providers, in file order */
    public Set<String> providers() {
        return providers.keySet();
    }

    /** @return whether {@code provider} has a block */
    public boolean hasProvider(String provider) {
        return providers.containsKey(provider);
    }

    /** @return the named instances of {@code provider} (the default instance is not listed) */
    public Set<String> instances(String provider) {
        ProviderBlock b = providers.get(provider);
        return b == null ? Set.of() : b.instances().keySet();
    }

    /**
     * The effective configuration of one provider instance: the block's top-level values with
     * the instance's values laid over them. An unconfigured provider or instance gives an empty
     * (or only inherited) view, never an error.
     *
     * @param provider the provider name
     * @param instance the instance, {@link ProviderConfig#DEFAULT_INSTANCE} for the block itself
     * @return the view
     */
    public ProviderConfig providerConfig(String provider, String instance) {
        String inst = instance == null || instance.isBlank() ? ProviderConfig.DEFAULT_INSTANCE : instance;
        ProviderBlock b = providers.get(provider);
        if (b == null) {
            return ProviderConfig.of(provider, inst, Map.of());
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        b.top().forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        if (!ProviderConfig.DEFAULT_INSTANCE.equals(inst)) {
            Map<String, Object> own = b.instances().getOrDefault(inst, Map.of());
            own.forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
        }
        return ProviderConfig.of(provider, inst, merged);
    }

    /** @return the configured pairs, in file order */
    public List<PairSpec> pairs() {
        return pairs;
    }

    /** @return the pair named {@code name} */
    public Optional<PairSpec> pair(String name) {
        return pairs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** @return the {@code sync} defaults */
    public SyncDefaults sync() {
        return sync;
    }

    /** @return the {@code metadata} settings */
    public MetadataSettings metadata() {
        return metadata;
    }

    /** @return the state database file, resolved against the config file's directory */
    public Path stateFile() {
        return stateFile;
    }

    /** @return the plugins directory, resolved against the config file's directory */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** @return problems that did not stop loading, such as unknown keys */
    public List<ConfigWarning> warnings() {
        return warnings;
    }

    /**
     * @param provider the provider name
     * @param instance the instance
     * @param changes  keys to set in the instance's own block; a {@code null} value removes the
     *                 key (and hides a value the instance would inherit)
     * @return a validated copy with the changes applied
     * @throws IllegalArgumentException when a change targets the reserved {@code instances} key
     */
    public CrossWatchConfig withProviderValues(String provider, String instance, Map<String, ?> changes) {
        String inst = instance == null || instance.isBlank() ? ProviderConfig.DEFAULT_INSTANCE : instance;
        ObjectNode copy = root.deepCopy();
        ObjectNode providersNode = child(copy, "providers");
        ObjectNode block = child(providersNode, provider);
        boolean isDefault = ProviderConfig.DEFAULT_INSTANCE.equals(inst);
        ObjectNode target = isDefault ? block : child(child(block, "instances"), inst);
        changes.forEach((k, v) -> {
            if ("instances".equals(k)) {
                throw new IllegalArgumentException("'instances' is reserved; it cannot be set as a provider value");
            }
            if (v == null) {
                if (!isDefault && block.hasNonNull(k)) {
                    target.putNull(k);
                } else {
                    target.remove(k);
                }
            } else {
                target.set(k, JsonValues.toJson(v));
            }
        });
        return ConfigParser.parse(copy, file);
    }

    /**
     * @param newPairs the pairs to keep, in order
     * @return a validated copy whose {@code pairs} section is replaced
     */
    public CrossWatchConfig withPairs(List<PairSpec> newPairs) {
        ObjectNode copy = root.deepCopy();
        ArrayNode arr = copy.putArray("pairs");
        for (PairSpec p : newPairs) {
            ObjectNode o = arr.addObject();
            o.put("name", p.name());
            o.put("source", p.source().toString());
            o.put("target", p.target().toString());
            o.put("mode", p.mode().name().toLowerCase(Locale.ROOT));
            ObjectNode f = o.putObject("features");
            for (Feature feature : Feature.values()) {
                FeatureOptions fo = p.feature(feature);
                ObjectNode fn = f.putObject(feature.key());
                fn.put("enabled", fo.enabled());
                fn.put("add", fo.add());
                fn.put("remove", fo.remove());
            }
            if (!p.options().isEmpty()) {
                ObjectNode opts = o.putObject("options");
                p.options().forEach(opts::put);
            }
        }
        return ConfigParser.parse(copy, file);
    }

    /** @return a copy of the document, secrets included; for the store's writer only */
    JsonNode document() {
        return root.deepCopy();
    }

    private static ObjectNode child(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(key);
    }

    /** Lists names only; values (and so secrets) never appear. */
    @Override
    public String toString() {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        providers.forEach((k, v) -> names.put(k, v.instances().keySet()));
        return "CrossWatchConfig[" + file + " providers=" + names + " pairs="
                + pairs.stream().map(PairSpec::name).toList() + " warnings=" + warnings.size() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossWatchConfig c && Objects.equals(file, c.file) && root.equals(c.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
