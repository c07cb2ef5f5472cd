package io.crosswatch.providers.sync.tmdb;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.core.http.HttpToolkit;
import java.util.Objects;

/**
 * A TMDB account's watchlist (movies and shows) and ratings (movies, shows and episodes). Needs {@code apiKey} (or
 * {@code readAccessToken}) and {@code sessionId} from the {@code tmdb} auth provider;
 * {@code accountId} is read from {@code /account} when absent. Optional: {@code baseUrl},
 * {@code language} (titles of read items).
 *
 * <p>Ratings: TMDB takes 0.5–10 in half steps; items carry whole points 1–10, which are
 * written as they are and read back rounded half up, so the scale is {@link RatingScale#TEN}.
 */
public final class TmdbConnector implements Connector {

    private static final ConnectorManifest MANIFEST = ConnectorManifest.builder(TmdbSyncApi.NAME, ApiVersion.CURRENT)
            .label("TMDB")
            .features(Feature.WATCHLIST, Feature.RATINGS)
            .authProvider(TmdbSyncApi.NAME)
            .capabilities(ConnectorCapabilities.builder()
                    .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
                    .mediaTypes(Feature.RATINGS, MediaType.MOVIE, MediaType.SHOW, MediaType.EPISODE)
                    // TMDB writes one item per request; batches only bound a dry run's report.
                    .batchSize(Feature.WATCHLIST, 50)
                    .batchSize(Feature.RATINGS, 50)
                    .ratingScale(RatingScale.TEN)
                    .supportsRemoval(true)
                    .build())
            .build();

    private final HttpToolkit toolkit;

    /** For {@link java.util.ServiceLoader}; does no work. */
    public TmdbConnector() {
        this(null);
    }

    /** @param toolkit the HTTP toolkit to use instead of the shared one (tests) */
    TmdbConnector(HttpToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public ConnectorManifest manifest() {
        return MANIFEST;
    }

    @Override
    public boolean isConfigured(ProviderConfig config) {
        return TmdbSyncApi.hasAppCredentials(config) && config.string(TmdbSyncApi.SESSION_ID).filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return new TmdbSession(new TmdbSyncApi(toolkit != null ? toolkit : HttpToolkit.shared(), context));
    }

    @Override
    public String toString() {
        return "TmdbConnector[" + TmdbSyncApi.NAME + "]";
    }
}
