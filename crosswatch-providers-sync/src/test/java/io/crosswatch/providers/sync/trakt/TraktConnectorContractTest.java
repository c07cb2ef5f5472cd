package io.crosswatch.providers.sync.trakt;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaItem;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.providers.sync.HostileBackend;
import io.crosswatch.testkit.ConnectorContract;
import io.crosswatch.testkit.RecordingProviderStore;
import io.crosswatch.testkit.TestContext;
import io.crosswatch.testkit.VirtualTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;


import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** The testkit's connector contract against the stateful {@link FakeTrakt}. */
class TraktConnectorContractTest extends ConnectorContract {

    static final FakeTrakt FAKE = new FakeTrakt();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE)).build();

    private final VirtualTime time = VirtualTime.create();
    private final HttpToolkit toolkit = HttpToolkit.builder().build();
    private final RecordingProviderStore store = RecordingProviderStore.of(TraktFixtures.config(wm.baseUrl(), Map.of()));

    @Override
    protected Connector connector() {
        return new TraktConnector(toolkit);
    }

    @Override
    protected ProviderContext context() {
        return TestContext.of(store, time);
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        return switch (feature) {
            case WATCHLIST -> List.of(TraktFixtures.tron(), TraktFixtures.breakingBad());
            case RATINGS -> List.of(TraktFixtures.tron().toBuilder().rating(9).ratedAt(Instant.parse("2026-01-10T21:00:00Z")).build(),
                    TraktFixtures.breakingBad().toBuilder().rating(8).build(),
                    TraktFixtures.season(1).toBuilder().rating(7).build(),
                    TraktFixtures.episode(1, 1).toBuilder().rating(10).build());
            case HISTORY -> List.of(TraktFixtures.tron().toBuilder().watchedAt(Instant.parse("2026-03-01T20:15:00Z")).build(),
                    TraktFixtures.episode(1, 1).toBuilder().watchedAt(Instant.parse("2026-02-27T22:00:00Z")).build());
            case PROGRESS -> List.of(TraktFixtures.tron().toBuilder().playback(TraktFixtures.resume(30, 120)).build(),
                    TraktFixtures.episode(1, 2).toBuilder().playback(TraktFixtures.resume(45, 60)).build());
            case PLAYLISTS -> List.of(TraktFixtures.tron().toBuilder().list("Favourites").build(),
                    TraktFixtures.episode(1, 1).toBuilder().list("Favourites").build(),
                    TraktFixtures.breakingBad().toBuilder().list("Shows to finish").build());
        };
    }

    @Override
    protected void resetBackend() {
        FAKE.reset();
        wm.resetAll();
        TraktFixtures.routeToFake(wm);
        wm.stubFor(any(urlPathMatching("/broken/.*")).atPriority(1).willReturn(aResponse().withStatus(503)));
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        return Optional.of(TestContext.of(TraktFixtures.config(wm.baseUrl() + "/broken", Map.of()), time));
    }

    @RegisterExtension
    static WireMockExtension hostile = HostileBackend.server();

    @Override
    protected Optional<ProviderContext> hostileContext(io.crosswatch.testkit.BackendFailure failure) {
        return Optional.of(TestContext.of(TraktFixtures.config(HostileBackend.stage(hostile, failure), Map.of()), VirtualTime.create()));
    }
}
