package io.crosswatch.providers.metadata.tmdb;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.metadata.MetadataProvider;
import io.crosswatch.api.metadata.MetadataRequest;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.metadata.HostileBackend;
import io.crosswatch.testkit.MetadataProviderContract;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;


class TmdbMetadataContractTest extends MetadataProviderContract {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension broken = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();

    @Override
    protected void resetBackend() {
        wm.resetAll();
        TmdbFixtures.stubCatalog(wm);
        broken.resetAll();
        broken.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    @Override
    protected MetadataProvider provider() {
        return new TmdbMetadataProvider(HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build());
    }

    @Override
    protected ProviderContext context() {
        return TestContext.of(TmdbFixtures.config(wm), time);
    }

    @Override
    protected MetadataRequest knownRequest() {
        return MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "550"), "de-DE");
    }

    @Override
    protected MetadataRequest unknownRequest() {
        return MetadataRequest.of(MediaType.MOVIE, MediaIds.of("tmdb", "999999999"), "en-US");
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        return Optional.of(TestContext.of(ProviderConfig.of("tmdb", "default", Map.of("apiKey", TmdbFixtures.API_KEY,
                "baseUrl", broken.baseUrl() + "/3")), time));
    }

    @RegisterExtension
    static WireMockExtension hostile = HostileBackend.server();

    @Override
    protected Optional<ProviderContext> hostileContext(io.crosswatch.testkit.BackendFailure failure) {
        String url = HostileBackend.stage(hostile, failure);
        return Optional.of(TestContext.of(ProviderConfig.of("tmdb", "default", Map.of("apiKey", TmdbFixtures.API_KEY,
                "baseUrl", url + "/3")), VirtualTime.create()));
    }
}
