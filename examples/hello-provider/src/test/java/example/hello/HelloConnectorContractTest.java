package example.hello;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.testkit.ConnectorContract;
import io.crosswatch.testkit.ProviderTestKit;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every rule of the testkit's connector contract, against the stateful fake service. */
class HelloConnectorContractTest extends ConnectorContract {

    static final HelloFake FAKE = new HelloFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    static final MediaItem MATRIX = MediaItem.builder(MediaType.MOVIE).title("The Matrix").year(1999)
            .ids(MediaIds.of(MediaIds.IMDB, "tt0133093", MediaIds.TMDB, "603")).build();
    static final MediaItem SEVERANCE = MediaItem.builder(MediaType.SHOW).title("Severance").year(2022)
            .ids(MediaIds.of(MediaIds.TVDB, "371980")).build();

    @Override
    protected Connector connector() {
        return ProviderTestKit.forName("hello").connector(); // loaded as core loads it
    }

    @Override
    protected ProviderContext context() {
        return contextAt(wm.baseUrl());
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        return List.of(MATRIX, SEVERANCE);
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(HelloFake.NAME)));
        FAKE.seed("movie", "Dune: Part Two", 2024, "imdb", "tt15239678"); // reads are never trivially empty
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        return Optional.of(contextAt(wm.baseUrl() + "/down"));
    }

    static ProviderContext contextAt(String baseUrl) {
        return TestContext.of(ProviderConfig.of("hello", "default",
                Map.of("baseUrl", baseUrl, "apiKey", HelloFake.API_KEY)), VirtualTime.create());
    }
}
