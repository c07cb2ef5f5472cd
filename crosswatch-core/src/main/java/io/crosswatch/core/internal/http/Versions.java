package io.crosswatch.core.internal.http;

/** Finds the version of the core module for the {@code User-Agent}. */
public final class Versions {

    private Versions() {
    }

    /**
     * @return the module descriptor's version (set by the compiler on the module path), else
     *         the jar manifest's {@code Implementation-Version}, else {@code "dev"}
     */
    public static String coreVersion() {
        Module module = Versions.class.getModule();
        if (module.isNamed() && module.getDescriptor() != null) {
            var raw = module.getDescriptor().rawVersion();
            if (raw.isPresent() && !raw.get().isBlank()) {
                return raw.get();
            }
        }
        Package pkg = Versions.class.getPackage();
        String v = pkg == null ? null : pkg.getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }
}
