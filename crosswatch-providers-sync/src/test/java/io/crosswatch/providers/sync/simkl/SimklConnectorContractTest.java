package io.crosswatch.providers.sync.simkl;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.HostileBackend;
import io.crosswatch.testkit.ConnectorContract;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;


/** The testkit's connector contract against the stateful SIMKL fake on WireMock. */
class SimklConnectorContractTest extends ConnectorContract {

    static final OkHttpClient OK_HTTP = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    static final SimklFake FAKE = new SimklFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    static final MediaItem INCEPTION = MediaItem.builder(MediaType.MOVIE).title("Inception").year(2010)
            .ids(MediaIds.of(MediaIds.IMDB, "tt1375666", MediaIds.TMDB, "27205")).build();
    static final MediaItem GAME_OF_THRONES = MediaItem.builder(MediaType.SHOW).title("Game of Thrones").year(2011)
            .ids(MediaIds.of(MediaIds.TVDB, "121361", MediaIds.IMDB, "tt0944947")).build();
    static final MediaItem LAST_OF_US_1X1 = MediaItem.builder(MediaType.EPISODE)
            .showIds(MediaIds.of(MediaIds.TVDB, "392256")).showTitle("The Last of Us").season(1).episode(1).build();

    @Override
    protected Connector connector() {
        return new SimklConnector(HttpToolkit.builder().okHttpClient(OK_HTTP).build());
    }

    static ProviderConfig config(String baseUrl) {
        return ProviderConfig.of("simkl", "default", Map.of("clientId", SimklFake.CLIENT, "accessToken", SimklFake.TOKEN,
                "baseUrl", baseUrl));
    }

    @Override
    protected ProviderContext context() {
        return TestContext.of(config(wm.baseUrl()), VirtualTime.create());
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        Instant at = Instant.parse("2026-05-13T19:00:00Z");
        return switch (feature) {
            case WATCHLIST -> List.of(INCEPTION, GAME_OF_THRONES);
            case RATINGS -> List.of(INCEPTION.toBuilder().rating(8).ratedAt(at).build(),
                    GAME_OF_THRONES.toBuilder().rating(10).ratedAt(at).build());
            case HISTORY -> List.of(INCEPTION.toBuilder().watchedAt(at).build(), LAST_OF_US_1X1.toBuilder().watchedAt(at).build());
            default -> List.of();
        };
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(SimklFake.NAME)));
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        return Optional.of(TestContext.of(config("http://127.0.0.1:1"), VirtualTime.create()));
    }

    @RegisterExtension
    static WireMockExtension hostile = HostileBackend.server();

    @Override
    protected Optional<ProviderContext> hostileContext(io.crosswatch.testkit.BackendFailure failure) {
        return Optional.of(TestContext.of(config(HostileBackend.stage(hostile, failure)), VirtualTime.create()));
    }
}
