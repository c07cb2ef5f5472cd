package io.crosswatch.providers.sync.plex;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.ProviderConfig;
import io.crosswatch.api.ProviderContext;
import io.crosswatch.api.media.Feature;
import io.crosswatch.api.media.MediaType;
import io.crosswatch.api.sync.Connector;
import io.crosswatch.api.sync.ConnectorCapabilities;
import io.crosswatch.api.sync.ConnectorManifest;
import io.crosswatch.api.sync.ConnectorSession;
import io.crosswatch.core.http.HttpToolkit;
import io.crosswatch.api.sync.RatingScale;

/**
 * Plex as a sync side: watched state, ratings and resume points of the library on a Plex Media
 * Server (config {@code serverUrl}, {@code serverToken}, optionally limited to
 * {@code libraries}), the user's video playlists there, and the account's watchlist on Plex
 * Discover ({@code discoverUrl}). Credentials come from the {@code plex} auth provider's block.
 *
 * <p>Plex keeps one watched flag per item and always stamps "now" when marking watched, so the
 * connector declares {@code setsWatchedDate(false)} and {@code keepsPlayEvents(false)}. Writes
 * go one item per call (the API has no batches), at most four at a time.
 *
 * @since 0.1
 */
public final class PlexConnector implements Connector {

    /** The connector name, also the auth provider and config block it uses. */
    public static final String NAME = "plex";

    static final ConnectorCapabilities CAPABILITIES = ConnectorCapabilities.builder()
            .mediaTypes(Feature.HISTORY, MediaType.MOVIE, MediaType.EPISODE)
            .mediaTypes(Feature.RATINGS, MediaType.MOVIE, MediaType.SHOW, MediaType.EPISODE)
            .mediaTypes(Feature.PROGRESS, MediaType.MOVIE, MediaType.EPISODE)
            .mediaTypes(Feature.PLAYLISTS, MediaType.MOVIE, MediaType.EPISODE)
            .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
            .ratingScale(RatingScale.TEN)
            .setsWatchedDate(false)
            .keepsPlayEvents(false)
            .hasActivities(false)
            .supportsRemoval(true)
            .build();

    private static final ConnectorManifest MANIFEST = ConnectorManifest.builder(NAME, ApiVersion.CURRENT)
            .label("Plex")
            .features(Feature.HISTORY, Feature.RATINGS, Feature.PROGRESS, Feature.PLAYLISTS, Feature.WATCHLIST)
            .capabilities(CAPABILITIES)
            .authProvider(NAME)
            .version("0.1")
            .build();

    private final HttpToolkit toolkit;

    /** Does no work; {@link #open} receives the context. Uses the shared HTTP toolkit. */
    public PlexConnector() {
        this(null);
    }

    /** Tests pass their own toolkit (virtual time, short timeouts); {@code null} means the shared one. */
    PlexConnector(HttpToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public ConnectorManifest manifest() {
        return MANIFEST;
    }

    /** @return whether a plex.tv token or a server URL with its token is configured */
    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has(PlexKeys.TOKEN) || config.has(PlexKeys.SERVER_URL) && config.has(PlexKeys.SERVER_TOKEN);
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        return new PlexSession(context, toolkit);
    }

    @Override
    public String toString() {
        return "PlexConnector";
    }
}
