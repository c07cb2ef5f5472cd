package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What metadata to fetch: the seed's {@code fetch(entity, ids, locale, need)}.
 *
 * @param entity the entity type
 * @param ids    what is known of the item
 * @param locale the preferred locale, e.g. {@code de-DE}; {@code null} means English
 * @param need   which image kinds are wanted (texts and ids always come)
 * @param title  a title for search when no id resolves, may be {@code null}
 * @param year   a year to confirm a title search, may be {@code null}
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record MetadataRequest(MediaType entity, MediaIds ids, String locale, Set<ImageKind> need, String title,
                              Integer year) {

    /** Validates and copies. */
    public MetadataRequest {
        Objects.requireNonNull(entity, "entity");
        ids = ids == null ? MediaIds.empty() : ids;
        locale = locale == null || locale.isBlank() ? "en-US" : locale;
        need = need == null ? Set.of() : Set.copyOf(need);
        if (ids.isEmpty() && (title == null || title.isBlank())) {
            throw new IllegalArgumentException("a metadata request needs an id or a title");
        }
    }

    /** @return a request for everything about {@code ids} in {@code locale} */
    public static MetadataRequest of(MediaType entity, MediaIds ids, String locale) {
        return new MetadataRequest(entity, ids, locale, EnumSet.allOf(ImageKind.class), null, null);
    }

    /** @return the language part of the locale, e.g. {@code de} */
    public String language() {
        int i = locale.indexOf('-');
        return (i < 0 ? locale : locale.substring(0, i)).toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the same request with other ids */
    public MetadataRequest withIds(MediaIds value) {
        return new MetadataRequest(entity, value, locale, need, title, year);
    }

    /** @return the same request in another locale */
    public MetadataRequest withLocale(String value) {
        return new MetadataRequest(entity, ids, value, need, title, year);
    }
}
