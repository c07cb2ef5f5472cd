package io.crosswatch.core;

import io.crosswatch.api.Api;
import java.util.Objects;

/**
 * A provider {@link PlatformManager} accepted.
 *
 * @param family         its family
 * @param name           its unique name within the family
 * @param version        the implementation's version, {@code "?"} when it does not say
 * @param apiVersion     the API version it was built against
 * @param implementation its class name
 * @param location       where it came from: {@code registered}, a module and jar, or a classpath entry
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record DiscoveredProvider(ProviderFamily family, String name, String version, int apiVersion,
                                 String implementation, String location) {

    /** Validates. */
    public DiscoveredProvider {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        version = version == null ? "?" : version;
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return family.label() + " '" + name + "' " + version + " (api " + apiVersion + ", " + implementation + " from "
                + location + ")";
    }
}
