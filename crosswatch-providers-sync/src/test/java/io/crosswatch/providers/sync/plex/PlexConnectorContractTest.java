package io.crosswatch.providers.sync.plex;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.media.Playback;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.providers.sync.HostileBackend;
import io.crosswatch.testkit.ConnectorContract;
import io.crosswatch.testkit.ProviderTestKit;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;


/** The testkit's connector contract against the stateful WireMock Plex. */
class PlexConnectorContractTest extends ConnectorContract {

    static final FakePlex FAKE = new FakePlex();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    @Override
    protected Connector connector() {
        return ProviderTestKit.forName("plex").connector();
    }

    @Override
    protected ProviderContext context() {
        return PlexFixtures.context(wm, Map.of());
    }

    @Override
    protected void resetBackend() {
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(ok()));
        FAKE.reset();
        PlexFixtures.library(FAKE);
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        String dead = PlexFixtures.deadUrl();
        return Optional.of(TestContext.of(RecordingProviderStore.of(PlexFixtures.config(dead, Map.of())),
                VirtualTime.create()));
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        MediaItem.Builder inception = MediaItem.builder(MediaType.MOVIE).id("tmdb", "27205").id("imdb", "tt1375666")
                .title("Inception").year(2010);
        Instant at = Instant.parse("2025-06-01T20:00:00Z");
        return switch (feature) {
            case HISTORY -> List.of(inception.watchedAt(at).build());
            case RATINGS -> List.of(inception.rating(7).ratedAt(at).build());
            case PROGRESS -> List.of(inception.playback(new Playback(Duration.ofMinutes(10), Duration.ofMinutes(148), at))
                    .build());
            case PLAYLISTS -> List.of(inception.list("Weekend").build());
            case WATCHLIST -> List.of(MediaItem.builder(MediaType.MOVIE).id("tmdb", "949").title("Heat").year(1995).build());
        };
    }

    @RegisterExtension
    static WireMockExtension hostile = HostileBackend.server();

    @Override
    protected Optional<ProviderContext> hostileContext(io.crosswatch.testkit.BackendFailure failure) {
        return Optional.of(TestContext.of(RecordingProviderStore.of(PlexFixtures.config(HostileBackend.stage(hostile, failure), Map.of())),
                VirtualTime.create()));
    }
}
