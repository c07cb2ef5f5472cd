package io.crosswatch.providers.sync.mdblist;

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

/** The testkit's connector contract against the stateful MDBList fake, paging two rows at a time. */
class MdblistConnectorContractTest extends ConnectorContract {

    private static final MdblistFake FAKE = new MdblistFake();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    private final VirtualTime time = VirtualTime.create();
    private final HttpToolkit toolkit = HttpToolkit.builder().clock(time.clock()).sleeper(time.sleeper()).build();

    @Override
    protected Connector connector() {
        return new MdblistConnector(toolkit);
    }

    @Override
    protected ProviderContext context() {
        return TestContext.of(config(wm.baseUrl()), time);
    }

    private static ProviderConfig config(String baseUrl) {
        return ProviderConfig.of("mdblist", "default", Map.of("apiKey", MdblistFake.KEY, "baseUrl", baseUrl, "pageSize", 2));
    }

    @Override
    protected void resetBackend() {
        FAKE.reset();
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        // Three rows already there, so every read pages (two rows per page).
        FAKE.preload("movie", 603, "tt0133093", "The Matrix");
        FAKE.preload("show", 1396, "tt0903747", "Breaking Bad");
        FAKE.preload("movie", 27205, "tt1375666", "Inception");
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        Instant at = Instant.parse("2025-01-05T20:00:00Z");
        MediaItem dune = MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt15239678", "tmdb", "693134"))
                .title("Dune: Part Two").year(2024).build();
        MediaItem got = MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("imdb", "tt0944947", "tmdb", "1399"))
                .title("Game of Thrones").year(2011).build();
        return switch (feature) {
            case WATCHLIST -> List.of(dune, got);
            case RATINGS -> List.of(dune.toBuilder().rating(9).ratedAt(at).build(), got.toBuilder().rating(8).ratedAt(at).build());
            case PLAYLISTS -> List.of(dune.toBuilder().list(MdblistFake.LIST_NAME).build());
            default -> throw new IllegalArgumentException(feature.toString());
        };
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        // Nothing listens on port 1: every call fails to connect.
        return Optional.of(TestContext.of(config("http://127.0.0.1:1"), time));
    }

    @RegisterExtension
    static WireMockExtension hostile = HostileBackend.server();

    @Override
    protected Optional<ProviderContext> hostileContext(io.crosswatch.testkit.BackendFailure failure) {
        return Optional.of(TestContext.of(config(HostileBackend.stage(hostile, failure)), VirtualTime.create()));
    }
}
