package io.crosswatch.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crosswatch.api.Api;
import io.crosswatch.api.ConfigException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderStore;
import io.crosswatch.core.internal.config.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads, validates and atomically writes the CrossWatch config file.
 *
 * <p>Writes go to a temp file in the same directory that is created with mode {@code 0600}
 * (where the file system has POSIX permissions) before any content is written, forced to disk
 * and renamed over the file, so a crash leaves either the old or the new file, never a torn
 * one. Read-modify-write operations ({@link #update}) are serialized within the process, also
 * across several stores opened on the same file.
 * Cross-process exclusion of whole sync runs is the orchestrator's lock file.
 *
 * <p>Errors are {@link ConfigException}s naming the JSON path, or the file, line and column for
 * malformed JSON. No message ever contains a configuration value that could be a secret.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public final class ConfigStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One lock per file for the whole process, so two stores opened on one file never lose an update. */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final AtomicFiles.Hook hook;
    private final ReentrantLock lock;

    ConfigStore(Path file, AtomicFiles.Hook hook) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.hook = Objects.requireNonNull(hook, "hook");
        this.lock = LOCKS.computeIfAbsent(this.file, k -> new ReentrantLock());
    }

    /**
     * @param file the config file; it need not exist yet (it then reads as empty and is created
     *             on the first write)
     * @return a store bound to the file
     */
    public static ConfigStore open(Path file) {
        return new ConfigStore(file, AtomicFiles.Hook.NONE);
    }

    /** @return the config file (absolute) */
    public Path path() {
        return file;
    }

    /** @return whether the file exists */
    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Reads and validates the file.
     *
     * @return the config; an empty one when the file does not exist
     * @throws ConfigException when the file is unreadable, malformed or invalid
     */
    public CrossWatchConfig load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return CrossWatchConfig.empty(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the config file: " + e.getClass().getSimpleName(), e);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return CrossWatchConfig.empty(file);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the config file: " + e.getClass().getSimpleName(), e);
        }
        return ConfigParser.parse(root, file);
    }

    /**
     * Writes {@code config} atomically with owner-only permissions.
     *
     * @param config the config to write
     * @throws ConfigException when the write fails; the previous file is then intact
     */
    public void save(CrossWatchConfig config) {
        Objects.requireNonNull(config, "config");
        lock.lock();
        try {
            write(config);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies changes to one provider instance's block and persists them before returning. This
     * is what a provider's {@link ProviderStore#update} calls.
     *
     * @param provider the provider name
     * @param instance the instance, {@link ProviderConfig#DEFAULT_INSTANCE} for the block itself
     * @param changes  keys to set; a {@code null} value removes the key
     * @return the instance's effective configuration after the change
     */
    public ProviderConfig update(String provider, String instance, Map<String, ?> changes) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(changes, "changes");
        lock.lock();
        try {
            CrossWatchConfig next = load().withProviderValues(provider, instance, changes);
            write(next);
            return next.providerConfig(provider, instance);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param provider the provider name
     * @param instance the instance name
     * @return a store whose updates are written to this file atomically
     */
    public ProviderStore providerStore(String provider, String instance) {
        Objects.requireNonNull(provider, "provider");
        String inst = instance == null || instance.isBlank() ? ProviderConfig.DEFAULT_INSTANCE : instance;
        return new ProviderStore() {
            @Override
            public ProviderConfig update(Map<String, ?> changes) {
                return ConfigStore.this.update(provider, inst, changes);
            }

            @Override
            public ProviderConfig current() {
                return load().providerConfig(provider, inst);
            }

            @Override
            public String toString() {
                return "ProviderStore[" + provider + ":" + inst + " in " + file + "]";
            }
        };
    }

    private void write(CrossWatchConfig config) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(config.document());
            byte[] withNewline = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
            withNewline[bytes.length] = '\n';
            AtomicFiles.write(file, withNewline, hook);
        } catch (IOException e) {
            // The exception text of a file-system failure names paths, never content.
            throw new ConfigException(file.toString(), "cannot write the config file (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); the previous file is unchanged", e);
        }
    }

    private ConfigException malformed(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
        String why = e instanceof JsonEOFException ? "unexpected end of file" : sanitize(e.getOriginalMessage());
        // No cause: Jackson's own message quotes the offending token, which may be a secret.
        return new ConfigException(file.toString(), where + "malformed JSON: " + why);
    }

    /** Keeps Jackson's explanation but drops quoted tokens longer than a character. */
    private static String sanitize(String message) {
        if (message == null) {
            return "syntax error";
        }
        String first = message.lines().findFirst().orElse("syntax error");
        return first.replaceAll("'[^']{2,}'", "'…'").replaceAll("\"[^\"]{2,}\"", "\"…\"");
    }

    /** Shows the file only. */
    @Override
    public String toString() {
        return "ConfigStore[" + file + "]";
    }
}
