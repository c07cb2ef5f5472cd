package io.crosswatch.api.metadata;

import io.crosswatch.api.Api;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One image: an absolute URL, its size and its language.
 *
 * @param url  absolute http(s) URL
 * @param w    width in pixels, positive
 * @param h    height in pixels, positive
 * @param lang ISO 639-1 language of text in the image, {@code null} when it has none
 * @since 0.1
 */
@Api(status = Api.Status.STABLE)
public record Image(String url, int w, int h, String lang) {

    /** Validates. */
    public Image {
        Objects.requireNonNull(url, "url");
        URI u = URI.create(url);
        if (!u.isAbsolute() || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
            throw new IllegalArgumentException("image url must be absolute http(s): " + url);
        }
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + w + "x" + h);
        }
        lang = lang == null || lang.isBlank() ? null : lang;
    }

    /** @return the language, if the image has text */
    public Optional<String> language() {
        return Optional.ofNullable(lang);
    }
}
