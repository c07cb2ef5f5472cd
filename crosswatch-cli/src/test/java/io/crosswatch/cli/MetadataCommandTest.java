package io.crosswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.Image;
import io.crosswatch.api.metadata.ImageKind;
import io.crosswatch.api.metadata.Metadata;
import io.crosswatch.api.metadata.MetadataManifest;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCommandTest {

    @TempDir
    Path dir;
    CliHarness cli;

    /** Knows one film by IMDb id and TMDB id; records the requests. */
    static final class OneFilm implements MetadataProvider {
        final List<MetadataRequest> requests = new ArrayList<>();

        boolean needsKey;

        @Override
        public MetadataManifest manifest() {
            return MetadataManifest.builder("fakemeta", ApiVersion.CURRENT).label("Fake Meta").needsApiKey(needsKey)
                    .entities(MediaType.MOVIE, MediaType.SHOW).assets(ImageKind.POSTER).build();
        }

        @Override
        public Optional<Metadata> fetch(ProviderContext context, MetadataRequest request) {
            requests.add(request);
            boolean known = request.ids().imdb().filter("tt0111161"::equals).isPresent()
                    || request.ids().tmdb().filter("278"::equals).isPresent();
            if (!known || request.entity() != MediaType.MOVIE) {
                return Optional.empty();
            }
            boolean de = request.language().equals("de");
            return Optional.of(Metadata.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt0111161", "tmdb", "278"))
                    .title(de ? "Die Verurteilten" : "The Shawshank Redemption").year(1994).locale(request.locale())
                    .overview("Two imprisoned men bond.")
                    .image(ImageKind.POSTER, new Image("https://img.example.test/p.jpg", 500, 750, null))
                    .source("fakemeta").build());
        }
    }

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
        // Only the test's providers: first-party ones (such as TMDB) are on the test class path too.
        cli.extra = b -> b.autoDiscovery(false);
        assertEquals(0, cli.run("init").code());
    }

    @Test
    void noMetadataProviderIsAClearMessage() {
        cli.extra = b -> b.autoDiscovery(false);
        CliHarness.Result r = cli.run("metadata", "tt0111161");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("error: no metadata provider is installed"), r::toString);
        assertTrue(r.err().contains("hint: "), r::toString);
    }

    @Test
    void printsNormalizedMetadataByImdbOrTmdbIdInALocale() {
        OneFilm p = new OneFilm();
        cli.providers.add(p);
        CliHarness.Result r = cli.run("metadata", "tt0111161");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("The Shawshank Redemption (1994)"), r::toString);
        assertTrue(r.out().contains("imdb tt0111161") && r.out().contains("tmdb 278"), r::toString);
        assertTrue(r.out().contains("poster:   https://img.example.test/p.jpg (500x750)"), r::toString);

        CliHarness.Result de = cli.run("metadata", "278", "--locale", "de-DE");
        assertEquals(0, de.code(), de::toString);
        assertTrue(de.out().startsWith("Die Verurteilten (1994)"), de::toString);
        assertEquals("de-DE", p.requests.get(p.requests.size() - 1).locale());
    }

    @Test
    void unknownIdAndBadInputs() {
        cli.providers.add(new OneFilm());
        CliHarness.Result none = cli.run("metadata", "tt0000001");
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().startsWith("error: no metadata found for tt0000001 (movie) from fakemeta"), none::toString);
        CliHarness.Result show = cli.run("metadata", "tt0111161", "--type", "show");
        assertEquals(2, show.code(), show::toString);
        CliHarness.Result bad = cli.run("metadata", "shawshank");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("neither an IMDb id"), bad::toString);
        CliHarness.Result type = cli.run("metadata", "278", "--type", "book");
        assertTrue(type.err().startsWith("error: unknown type 'book'"), type::toString);
    }

    @Test
    void installedButUnconfiguredSaysWhatToSet() {
        OneFilm p = new OneFilm();
        p.needsKey = true;
        cli.providers.add(p);
        CliHarness.Result r = cli.run("metadata", "tt0111161");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("error: no metadata provider is configured: fakemeta needs an API key"), r::toString);
        assertTrue(r.err().contains("hint: set it under $.providers.fakemeta"), r::toString);
        io.crosswatch.core.config.ConfigStore.open(cli.config).update("fakemeta", null, java.util.Map.of("apiKey", "k"));
        assertEquals(0, cli.run("metadata", "tt0111161").code());
    }
}
