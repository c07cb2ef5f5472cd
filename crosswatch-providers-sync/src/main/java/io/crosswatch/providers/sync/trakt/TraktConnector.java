package io.crosswatch.providers.sync.trakt;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.CancelledException;
import io.crosswatch.api.CrossWatchException;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.api.sync.RatingScale;
import io.crosswatch.core.http.AuthScheme;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.core.http.RateLimit;
import io.crosswatch.core.http.RateLimitPolicy;
import io.crosswatch.core.http.RateLimitScope;
import io.crosswatch.core.http.ServiceClient;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Trakt as a sync connector: watchlist (movies, shows), ratings (1–10 on movies, shows, seasons,
 * episodes), history (every play, with its date), playback progress and personal lists, with
 * {@code /sync/last_activities} as its change probe. Credentials come from the {@code trakt}
 * auth provider's block: {@code clientId}, {@code accessToken} (refreshed through {@link
 * ProviderContext#refreshCredentials()} shortly before {@code expiresAt} and after a 401), and
 * optional {@code baseUrl} (default {@value #DEFAULT_API}).
 *
 * @since 0.1
 */
public final class TraktConnector implements Connector {

    /** The production API host. */
    static final String DEFAULT_API = "https://api.trakt.tv";
    /** Refresh this long before the access token expires (or a tenth of its lifetime, if shorter). */
    static final Duration REFRESH_MARGIN = Duration.ofHours(1);

    // Trakt's published limits: 1000 GETs per 5 minutes and 1 POST/PUT/DELETE per second per user.
    static final RateLimitPolicy LIMITS = RateLimitPolicy.split(RateLimit.of(1000, Duration.ofMinutes(5)),
            RateLimit.perSecond(1));

    private static final System.Logger LOG = System.getLogger(TraktConnector.class.getName());
    private static final ConnectorManifest MANIFEST = ConnectorManifest.builder("trakt", ApiVersion.CURRENT)
            .label("Trakt")
            .features(Feature.WATCHLIST, Feature.RATINGS, Feature.HISTORY, Feature.PROGRESS, Feature.PLAYLISTS)
            .authProvider("trakt")
            .capabilities(ConnectorCapabilities.builder()
                    .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
                    .mediaTypes(Feature.RATINGS, MediaType.MOVIE, MediaType.SHOW, MediaType.SEASON, MediaType.EPISODE)
                    .mediaTypes(Feature.HISTORY, MediaType.MOVIE, MediaType.EPISODE)
                    .mediaTypes(Feature.PROGRESS, MediaType.MOVIE, MediaType.EPISODE)
                    .mediaTypes(Feature.PLAYLISTS, MediaType.MOVIE, MediaType.SHOW, MediaType.SEASON, MediaType.EPISODE)
                    .batchSize(Feature.WATCHLIST, TraktBulkWriter.BATCH)
                    .batchSize(Feature.RATINGS, TraktBulkWriter.BATCH)
                    .batchSize(Feature.HISTORY, TraktBulkWriter.BATCH)
                    .batchSize(Feature.PLAYLISTS, TraktBulkWriter.BATCH)
                    // one scrobble per resume point, one write per second: keep chunks short for progress reports
                    .batchSize(Feature.PROGRESS, 20)
                    .ratingScale(RatingScale.TEN)
                    .setsWatchedDate(true)
                    .keepsPlayEvents(true)
                    .hasActivities(true)
                    .supportsRemoval(true)
                    .build())
            .build();

    private final HttpToolkit toolkit;

    /** Uses the JVM-wide HTTP toolkit. Does no work. */
    public TraktConnector() {
        this(HttpToolkit.shared());
    }

    /**
     * @param toolkit the HTTP toolkit to talk through (tests pass one of their own)
     */
    public TraktConnector(HttpToolkit toolkit) {
        this.toolkit = Objects.requireNonNull(toolkit, "toolkit");
    }

    @Override
    public ConnectorManifest manifest() {
        return MANIFEST;
    }

    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has("clientId") && config.has("accessToken");
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        refreshIfExpiring(context);
        ServiceClient client = toolkit.client("trakt")
                .baseUrl(context.config().baseUrl(DEFAULT_API))
                .header("trakt-api-version", "2")
                .header("trakt-api-key", c -> c.require("clientId"))
                .header("Content-Type", "application/json")
                .auth(AuthScheme.bearer("accessToken"))
                // Trakt counts authenticated calls per user token.
                .rateLimit(LIMITS, RateLimitScope.ACCOUNT)
                .errorMapper(new TraktErrors())
                .context(context)
                .build();
        return new TraktSession(client);
    }

    @Override
    public String toString() {
        return "TraktConnector";
    }

    /** Refreshes ahead of expiry, so a long run does not start on a token about to lapse. */
    private static void refreshIfExpiring(ProviderContext context) {
        ProviderConfig cfg = context.config();
        Instant expiresAt;
        try {
            expiresAt = cfg.string("expiresAt").map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            expiresAt = null;
        }
        if (expiresAt == null || !cfg.has("refreshToken")) {
            return;
        }
        long lifetime = cfg.number("expiresIn", REFRESH_MARGIN.toSeconds() * 10);
        Duration margin = Duration.ofSeconds(Math.min(REFRESH_MARGIN.toSeconds(), Math.max(1, lifetime / 10)));
        if (context.clock().instant().plus(margin).isBefore(expiresAt)) {
            return;
        }
        try {
            context.refreshCredentials();
        } catch (CancelledException e) {
            throw e;
        } catch (CrossWatchException e) {
            // The token may still work, and a 401 triggers one more refresh through the toolkit.
            LOG.log(System.Logger.Level.WARNING, "trakt: refreshing the access token before it expires at {0} failed: {1}",
                    expiresAt, e.getMessage());
        }
    }
}
