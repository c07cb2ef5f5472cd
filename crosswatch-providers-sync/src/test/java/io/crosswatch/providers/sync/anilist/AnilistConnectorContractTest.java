package io.crosswatch.providers.sync.anilist;

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
import org.junit.jupiter.api.extension.RegisterExtension;


import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** The testkit's connector contract against the stateful AniList GraphQL fake. */
class AnilistConnectorContractTest extends ConnectorContract {

    private static final AnilistFake FAKE = new AnilistFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    private final VirtualTime time = VirtualTime.create();
    private final HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();

    @Override
    protected Connector connector() {
        return new AnilistConnector(toolkit);
    }

    @Override
    protected ProviderContext context() {
        return TestContext.of(config(wm.baseUrl()), time);
    }

    private static ProviderConfig config(String baseUrl) {
        return ProviderConfig.of("anilist", "default", Map.of("accessToken", AnilistFake.TOKEN, "baseUrl", baseUrl));
    }

    @Override
    protected void resetBackend() {
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.put(21, "CURRENT", 0);
        FAKE.put(1535, "COMPLETED", 9);
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        MediaItem aot = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("anilist", "16498", "mal", "16498"))
                .title("Attack on Titan").build();
        // Only a MyAnimeList id: the connector maps it to AniList's media id first.
        MediaItem spirited = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("mal", "199")).title("Spirited Away").build();
        Instant at = Instant.parse("2025-01-05T00:00:00Z");
        return switch (feature) {
            case WATCHLIST -> List.of(aot, spirited);
            case HISTORY -> List.of(aot.toBuilder().watchedAt(at).build(), spirited.toBuilder().watchedAt(at).build());
            case RATINGS -> List.of(aot.toBuilder().rating(8).ratedAt(at).build(), spirited.toBuilder().rating(10).ratedAt(at).build());
            default -> throw new IllegalArgumentException(feature.toString());
        };
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        return Optional.of(TestContext.of(config("http://127.0.0.1:1"), time));
    }

    @RegisterExtension
    static WireMockExtension hostile = HostileBackend.server();

    @Override
    protected Optional<ProviderContext> hostileContext(io.crosswatch.testkit.BackendFailure failure) {
        return Optional.of(TestContext.of(config(HostileBackend.stage(hostile, failure)), VirtualTime.create()));
    }
}
