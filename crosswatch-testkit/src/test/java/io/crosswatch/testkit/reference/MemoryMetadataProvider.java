package io.crosswatch.testkit.reference;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.ProviderException;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataManifest;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A correct metadata provider knowing one film (The Matrix: imdb tt0133093, tmdb 603); with
 * {@link Fault}s it breaks one rule at a time.
 */
public class MemoryMetadataProvider implements MetadataProvider {

    /** Deliberate faults. */
    public enum Fault {
        /** An unknown id throws a ProviderException (a raw 404) instead of returning empty. */
        UNKNOWN_THROWS,
        /** Image languages come as {@code EN-us}. */
        BAD_IMAGE_LANG,
        /** The API key ends up in the image URLs. */
        LEAKS_API_KEY,
        /** A failing backend surfaces as a NullPointerException. */
        UNTYPED_ERRORS
    }

    private final Set<Fault> faults;

    /** The correct provider. */
    public MemoryMetadataProvider() {
        this(Set.of());
    }

    /** @param faults the faults to commit */
    public MemoryMetadataProvider(Set<Fault> faults) {
        this.faults = faults.isEmpty() ? Set.of() : EnumSet.copyOf(faults);
    }

    @Override
    public MetadataManifest manifest() {
        return MetadataManifest.builder("memory", ApiVersion.CURRENT).label("Memory")
                .entities(MediaType.MOVIE, MediaType.SHOW).assets(ImageKind.POSTER, ImageKind.BACKDROP)
                .needsApiKey(true).build();
    }

    @Override
    public Optional<Metadata> fetch(ProviderContext context, MetadataRequest request) {
        ProviderConfig c = context.config();
        String key = c.require("apiKey");
        MemoryBackend b = MemoryBackend.of(c).orElse(null);
        if (b == null || b.isDown()) {
            if (faults.contains(Fault.UNTYPED_ERRORS)) {
                throw new NullPointerException("response body");
            }
            throw new ProviderException("memory", 503, true, "the memory metadata service is unavailable", null);
        }
        boolean known = request.entity() == MediaType.MOVIE
                && ("603".equals(request.ids().tmdb().orElse(null)) || "tt0133093".equals(request.ids().imdb().orElse(null)));
        if (!known) {
            if (faults.contains(Fault.UNKNOWN_THROWS)) {
                throw new ProviderException("memory", 404, false, "no item " + request.ids(), null);
            }
            return Optional.empty();
        }
        String suffix = faults.contains(Fault.LEAKS_API_KEY) ? "?api_key=" + key : "";
        String lang = faults.contains(Fault.BAD_IMAGE_LANG) ? "EN-us" : "en";
        return Optional.of(Metadata.builder(MediaType.MOVIE)
                .ids(MediaIds.of(MediaIds.IMDB, "tt0133093", MediaIds.TMDB, "603"))
                .title("The Matrix").year(1999).locale("en-US").overview("A hacker learns what the world is.")
                .image(ImageKind.POSTER, new Image("https://img.memory.example/p/603.jpg" + suffix, 500, 750, lang))
                .image(ImageKind.BACKDROP, new Image("https://img.memory.example/b/603.jpg" + suffix, 1280, 720, null))
                .source("memory").build());
    }
}
