package io.crosswatch.core.internal.platform;

import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/** Describes where a provider class came from, for logs and problem reports. */
public final class ProviderLocations {

    private ProviderLocations() {
    }

    /**
     * @param type a provider class
     * @return {@code module m (file.jar)} or {@code classpath (dir)}
     */
    public static String describe(Class<?> type) {
        Module m = type.getModule();
        if (m.isNamed()) {
            Optional<URI> loc = m.getLayer() == null ? Optional.empty()
                    : m.getLayer().configuration().findModule(m.getName()).map(ResolvedModule::reference)
                            .flatMap(r -> r.location());
            return "module " + m.getName() + loc.map(u -> " (" + shortName(u) + ")").orElse("");
        }
        return "classpath (" + codeSource(type) + ")";
    }

    private static String codeSource(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            return cs == null || cs.getLocation() == null ? "unknown location" : shortName(cs.getLocation().toURI());
        } catch (Exception e) {
            return "unknown location";
        }
    }

    private static String shortName(URI uri) {
        if ("file".equals(uri.getScheme())) {
            try {
                return Path.of(uri).toString();
            } catch (IllegalArgumentException e) {
                return uri.toString();
            }
        }
        return uri.toString();
    }
}
