package io.crosswatch.cli.internal;

import io.crosswatch.api.media.Feature;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code watchlist}, {@code ratings}, {@code history}, {@code progress}, {@code playlists}. */
public final class FeatureConverter implements ITypeConverter<Feature> {

    /** Picocli creates it. */
    public FeatureConverter() {
    }

    @Override
    public Feature convert(String value) {
        try {
            return Feature.fromKey(value.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown feature '" + value + "'; expected one of "
                    + Arrays.stream(Feature.values()).map(Feature::key).collect(Collectors.joining(", ")));
        }
    }
}
