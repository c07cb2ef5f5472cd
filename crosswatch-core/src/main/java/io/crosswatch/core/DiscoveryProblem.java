package io.crosswatch.core;

import io.crosswatch.api.Api;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider or plugin jar {@link PlatformManager} could not load, with the reason. Discovery
 * goes on past every problem: the other providers still load.
 *
 * @param family  the family involved, {@code null} for a jar that could not be loaded at all
 * @param source  what failed: a provider class with its location, or a jar file
 * @param message what went wrong and what to do
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record DiscoveryProblem(ProviderFamily family, String source, String message) {

    /** Validates. */
    public DiscoveryProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** @return the family, when the problem concerns one provider */
    public Optional<ProviderFamily> familyValue() {
        return Optional.ofNullable(family);
    }

    @Override
    public String toString() {
        return (family == null ? "" : family.label() + " ") + source + ": " + message;
    }
}
