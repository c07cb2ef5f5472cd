package io.crosswatch.testkit.reference;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connector contract against the correct reference connector, loaded as core loads it. */
public class MemoryConnectorContractTest extends ConnectorContract {

    static final MediaItem MATRIX = MediaItem.builder(MediaType.MOVIE)
            .ids(MediaIds.of(MediaIds.IMDB, "tt0133093", MediaIds.TMDB, "603")).title("The Matrix").year(1999).build();
    static final MediaItem BREAKING_BAD = MediaItem.builder(MediaType.SHOW)
            .ids(MediaIds.of(MediaIds.TVDB, "81189")).title("Breaking Bad").year(2008).build();
    static final MediaItem PILOT = MediaItem.builder(MediaType.EPISODE).ids(MediaIds.of(MediaIds.TVDB, "349232"))
            .showIds(MediaIds.of(MediaIds.TVDB, "81189")).showTitle("Breaking Bad").season(1).episode(1).build();

    @Override
    protected Connector connector() {
        return ProviderTestKit.forName("memory").connector();
    }

    @Override
    protected ProviderContext context() {
        return contextFor(getClass().getName());
    }

    @Override
    protected List<MediaItem> sampleItems(Feature feature) {
        Instant at = Instant.parse("2025-12-24T20:15:00Z");
        return switch (feature) {
            case WATCHLIST -> List.of(MATRIX, BREAKING_BAD);
            case RATINGS -> List.of(MATRIX.toBuilder().rating(9).ratedAt(at).build());
            case HISTORY -> List.of(MATRIX.toBuilder().watchedAt(at).build(), PILOT.toBuilder().watchedAt(at).build());
            default -> List.of();
        };
    }

    @Override
    protected void resetBackend() {
        MemoryBackend.reset(getClass().getName());
        MemoryBackend.reset(getClass().getName() + "-down").breakDown();
    }

    @Override
    protected Optional<ProviderContext> brokenContext() {
        return Optional.of(contextFor(getClass().getName() + "-down"));
    }

    private static ProviderContext contextFor(String backend) {
        return TestContext.of(ProviderConfig.of("memory", "default",
                Map.of("backend", backend, "accessToken", "at-connector-5d2f")), VirtualTime.create());
    }
}
