package io.crosswatch.providers.sync.tmdb;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.HostileBackend;
import io.crosswatch.testkit.ConnectorContract;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;


class TmdbConnectorContractTest extends ConnectorContract {

    static final FakeTmdbAccount FAKE = new FakeTmdbAccount();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @RegisterExtension
    static WireMockExtension broken = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();

    @Override
    protected void resetBackend() {
        FAKE.reset();
        wm.resetAll();
        wm.stubFor(any(urlPathMatching("/3/.*")).willReturn(aResponse().withTransformers(FakeTmdbAccount.NAME)));
        broken.resetAll();
        broken.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    @Override
    protected Connector connector() {
        return new TmdbConnector(HttpToolkit.builder().build());
    }

    @Override
    protected ProviderContext context() {
        return TestContext.of(FakeTmdbAccount.config(wm.baseUrl()), time);
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        MediaItem.Builder matrix = MediaItem.builder(MediaType.MOVIE).id("tmdb", 603).title("The Matrix").year(1999);
        MediaItem.Builder got = MediaItem.builder(MediaType.SHOW).id("tmdb", 1399).id("imdb", "tt0944947").title("Game of Thrones").year(2011);
        if (feature == Feature.RATINGS) {
            MediaItem pilot = MediaItem.builder(MediaType.EPISODE).showIds(io.crosswatch.api.media.MediaIds.of("tmdb", "1399"))
                    .season(1).episode(1).rating(8).build();
            return List.of(matrix.rating(9).build(), got.rating(7).build(), pilot);
        }
        return List.of(matrix.build(), got.build());
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        return Optional.of(TestContext.of(FakeTmdbAccount.config(broken.baseUrl()), time));
    }

    @RegisterExtension
    static WireMockExtension hostile = HostileBackend.server();

    @Override
    protected Optional<ProviderContext> hostileContext(io.crosswatch.testkit.BackendFailure failure) {
        return Optional.of(TestContext.of(FakeTmdbAccount.config(HostileBackend.stage(hostile, failure)), VirtualTime.create()));
    }
}
