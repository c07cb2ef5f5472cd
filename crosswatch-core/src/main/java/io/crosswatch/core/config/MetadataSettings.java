package io.crosswatch.core.config;

import io.crosswatch.api.Api;
import java.util.List;
import java.util.Optional;

/**
 * The {@code metadata} section.
 *
 * @param priority metadata provider names, most trusted first; empty means discovery order
 * @param locale   the preferred locale such as {@code de-DE}, {@code null} for English
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record MetadataSettings(List<String> priority, String locale) {

    /** No priority, English. */
    public static final MetadataSettings DEFAULT = new MetadataSettings(List.of(), null);

    /** Copies. */
    public MetadataSettings {
        priority = List.copyOf(priority);
        locale = locale == null || locale.isBlank() ? null : locale;
    }

    /** @return the preferred locale, if set */
    public Optional<String> preferredLocale() {
        return Optional.ofNullable(locale);
    }
}
