package io.crosswatch.testkit.reference;

import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake service behind the reference providers: an account with device codes and tokens,
 * a library per feature and a metadata catalogue. Providers hold no state (the SPI forbids it),
 * so they find their backend by the {@code backend} key of their config, as a real provider
 * finds its server by {@code baseUrl}.
 */
public final class MemoryBackend {

    private static final Map<String, MemoryBackend> BACKENDS = new ConcurrentHashMap<>();

    private final Map<String, Boolean> deviceCodes = new HashMap<>();
    private final Set<String> accessTokens = new HashSet<>();
    private final Map<String, String> refreshTokens = new HashMap<>();
    private final Map<Feature, List<MediaItem>> library = new EnumMap<>(Feature.class);
    private int counter;
    private volatile boolean down;

    private MemoryBackend() {
    }

    /**
     * @param name a backend name
     * @return a fresh, healthy, empty backend under that name (replacing any earlier one)
     */
    public static MemoryBackend reset(String name) {
        MemoryBackend b = new MemoryBackend();
        BACKENDS.put(name, b);
        return b;
    }

    /** @return the backend a config points at, if any */
    static Optional<MemoryBackend> of(ProviderConfig config) {
        return config.string("backend").map(BACKENDS::get);
    }

    /** Makes every later call fail, as a service answering 500. */
    public void breakDown() {
        down = true;
    }

    boolean isDown() {
        return down;
    }

    synchronized String newDeviceCode() {
        String code = "dc-" + (++counter) + "-7f3a9c";
        deviceCodes.put(code, false);
        return code;
    }

    /** The user approves a device code on the service's site. */
    public synchronized void approve(String deviceCode) {
        deviceCodes.replace(deviceCode, true);
    }

    synchronized Optional<Boolean> deviceCodeApproved(String deviceCode) {
        return Optional.ofNullable(deviceCodes.get(deviceCode));
    }

    /** @return {accessToken, refreshToken} */
    synchronized String[] issueTokens(String deviceCode) {
        deviceCodes.remove(deviceCode);
        return newTokens();
    }

    synchronized Optional<String[]> refresh(String refreshToken) {
        String access = refreshTokens.remove(refreshToken);
        if (access == null) {
            return Optional.empty();
        }
        accessTokens.remove(access);
        return Optional.of(newTokens());
    }

    private String[] newTokens() {
        int n = ++counter;
        String access = "at-" + n + "-4b1d0e8f2a";
        String refresh = "rt-" + n + "-9c2e7a61d3";
        accessTokens.add(access);
        refreshTokens.put(refresh, access);
        return new String[] {access, refresh};
    }

    synchronized boolean isValid(String accessToken) {
        return accessTokens.contains(accessToken);
    }

    synchronized void revoke(String accessToken) {
        accessTokens.remove(accessToken);
        refreshTokens.values().remove(accessToken);
    }

    synchronized List<MediaItem> items(Feature feature) {
        return List.copyOf(library.getOrDefault(feature, List.of()));
    }

    synchronized void put(Feature feature, MediaItem item) {
        library.computeIfAbsent(feature, f -> new ArrayList<>()).add(item);
    }

    synchronized boolean delete(Feature feature, MediaItem item) {
        return library.getOrDefault(feature, new ArrayList<>()).removeIf(i -> MemoryConnector.same(feature, i, item));
    }
}
