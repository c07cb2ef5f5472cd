package io.crosswatch.providers.sync.jellyfin;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaIds;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.providers.sync.HostileBackend;
import io.crosswatch.testkit.ConnectorContract;
import io.crosswatch.testkit.ProviderTestKit;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;


/**
 * The testkit's connector contract for one server flavour, against {@link FakeMediaServer}. A
 * subclass names its flavour and fake and registers the server the fake answers on as its own
 * static extension ({@link #serving}): each flavour needs its own fake.
 */
abstract class MediaBrowserConnectorContract extends ConnectorContract {

    static final Instant WATCHED = Instant.parse("2024-11-02T20:15:31Z");

    /**
     * Serves only failures, for the broken and hostile contexts; it holds no fake, so both
     * flavours share it. WireMock starts it afresh (no stubs) for each test class, as test
     * classes run one after another.
     */
    @RegisterExtension
    static final WireMockExtension broken = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ServerFlavor flavor;
    private final FakeMediaServer fake;
    private final WireMockExtension server;

    /** @param server the WireMock that {@code fake} answers on, registered by the subclass */
    MediaBrowserConnectorContract(ServerFlavor flavor, FakeMediaServer fake, WireMockExtension server) {
        this.flavor = flavor;
        this.fake = fake;
        this.server = server;
    }

    /** @return a WireMock on a free port where {@code fake} answers every request */
    static WireMockExtension serving(FakeMediaServer fake) {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().extensions(fake)).build();
    }

    @Override
    protected Connector connector() {
        return ProviderTestKit.forName(flavor.provider()).assertRegistered().connector();
    }

    /** A small library: two movies, one series with two episodes, nothing watched or rated. */
    static void seed(FakeMediaServer fake) {
        fake.reset();
        fake.movie("a1b2c3d4e5f60718293a4b5c6d7e8f90", "The Matrix", 1999, "Imdb", "tt0133093", "Tmdb", "603");
        fake.movie("b1b2c3d4e5f60718293a4b5c6d7e8f90", "Inception", 2010, "Imdb", "tt1375666", "Tmdb", "27205");
        fake.series("9a8b7c6d5e4f30211203f4e5d6c7b8a9", "Breaking Bad", "Tvdb", "81189", "Tmdb", "1396");
        fake.episode("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "9a8b7c6d5e4f30211203f4e5d6c7b8a9", 1, 1, "Tvdb", "349232");
        fake.episode("1f1e2d3c4b5a69788796a5b4c3d2e1f0", "9a8b7c6d5e4f30211203f4e5d6c7b8a9", 1, 2, "Tvdb", "349233");
    }

    static MediaItem matrix() {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("tmdb", "603")).title("The Matrix").year(1999).build();
    }

    static MediaItem inception() {
        return MediaItem.builder(MediaType.MOVIE).ids(MediaIds.of("imdb", "tt1375666")).title("Inception").year(2010).build();
    }

    static MediaItem breakingBad() {
        return MediaItem.builder(MediaType.SHOW).ids(MediaIds.of("tvdb", "81189")).title("Breaking Bad").build();
    }

    static MediaItem pilot() {
        return MediaItem.builder(MediaType.EPISODE).showIds(MediaIds.of("tmdb", "1396")).showTitle("Breaking Bad")
                .season(1).episode(1).build();
    }

    @Override
    protected ProviderContext context() {
        return TestContext.of(config(server.baseUrl()), VirtualTime.create());
    }

    ProviderConfig config(String baseUrl) {
        return ProviderConfig.of(flavor.provider(), ProviderConfig.DEFAULT_INSTANCE, Map.of("baseUrl", baseUrl,
                "accessToken", FakeMediaServer.TOKEN, "userId", FakeMediaServer.USER_ID,
                "deviceId", "c1f0a5d2-0000-4000-8000-000000000001"));
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        broken.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
        return Optional.of(TestContext.of(config(broken.baseUrl()), VirtualTime.create()));
    }

    @Override
    protected void resetBackend() {
        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        seed(fake);
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        return switch (feature) {
            case WATCHLIST -> List.of(matrix(), breakingBad());
            case HISTORY -> List.of(inception().toBuilder().watchedAt(WATCHED).build(),
                    pilot().toBuilder().watchedAt(WATCHED.plusSeconds(3600)).build());
            case RATINGS -> List.of(matrix().toBuilder().rating(8).build(), breakingBad().toBuilder().rating(9).build());
            case PROGRESS -> List.of(inception().toBuilder().playback(new Playback(Duration.ofMinutes(30),
                    Duration.ofMinutes(100), WATCHED)).build());
            case PLAYLISTS -> List.of(matrix().toBuilder().list("Sci-Fi").build(), pilot().toBuilder().list("Sci-Fi").build());
        };
    }

    @Override
    protected Optional<ProviderContext> hostileContext(io.crosswatch.testkit.BackendFailure failure) {
        // broken serves only failures; staging replaces what brokenContext() stubbed there
        return Optional.of(TestContext.of(config(HostileBackend.stage(broken, failure)),
                VirtualTime.create()));
    }
}
