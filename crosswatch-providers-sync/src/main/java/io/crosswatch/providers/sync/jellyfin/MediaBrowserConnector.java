package io.crosswatch.providers.sync.jellyfin;

import io.crosswatch.api.ApiVersion;
import io.crosswatch.api.AuthException;
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
import io.crosswatch.core.http.ServiceClient;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The watch state of a Jellyfin or Emby user: played items as history (with their date),
 * favorites as the watchlist (or a playlist, {@code watchlist: "playlist:<name>"}), the user
 * data's 0–10 {@code Rating} as ratings, {@code PlaybackPositionTicks} as progress, and the
 * user's playlists. Credentials come from the auth provider of the same name.
 *
 * <p>Config keys: {@code baseUrl}, {@code accessToken} or {@code apiKey}, {@code userId},
 * {@code deviceId}, {@code deviceName}, {@code watchlist}, {@code libraries}, {@code pageSize}.
 */
abstract class MediaBrowserConnector implements Connector {

    /** Shared by both servers: the same user-data model and endpoints. */
    static final ConnectorCapabilities CAPABILITIES = ConnectorCapabilities.builder()
            .mediaTypes(Feature.WATCHLIST, MediaType.MOVIE, MediaType.SHOW)
            .mediaTypes(Feature.HISTORY, MediaType.MOVIE, MediaType.EPISODE)
            .mediaTypes(Feature.RATINGS, MediaType.MOVIE, MediaType.SHOW, MediaType.EPISODE)
            .mediaTypes(Feature.PROGRESS, MediaType.MOVIE, MediaType.EPISODE)
            .mediaTypes(Feature.PLAYLISTS, MediaType.MOVIE, MediaType.EPISODE)
            .ratingScale(RatingScale.TEN)
            .setsWatchedDate(true)
            .keepsPlayEvents(false)
            .hasActivities(false)
            .supportsRemoval(true)
            .build();

    private final ServerFlavor flavor;
    private final HttpToolkit toolkit;

    /** @param toolkit the HTTP toolkit (tests: virtual time, short timeouts), or {@code null} for the shared one */
    MediaBrowserConnector(ServerFlavor flavor, HttpToolkit toolkit) {
        this.flavor = flavor;
        this.toolkit = toolkit;
    }

    @Override
    public ConnectorManifest manifest() {
        return ConnectorManifest.builder(flavor.provider(), ApiVersion.CURRENT)
                .label(flavor.label())
                .features(Feature.WATCHLIST, Feature.RATINGS, Feature.HISTORY, Feature.PROGRESS, Feature.PLAYLISTS)
                .capabilities(CAPABILITIES)
                .authProvider(flavor.provider())
                .version(ServerFlavor.CLIENT_VERSION)
                .build();
    }

    @Override
    public boolean isConfigured(ProviderConfig config) {
        return config.has("baseUrl") && (config.has("accessToken") || config.has("apiKey")) && config.has("userId");
    }

    @Override
    public ConnectorSession open(ProviderContext context) {
        ConnectorSettings settings = ConnectorSettings.parse(context.config());
        return new MediaBrowserSession(flavor, context, client(flavor, toolkit, context), settings);
    }

    /**
     * The client of one server, as the connector and the session watcher both talk to it: the
     * flavour's API root and its {@code MediaBrowser} auth headers with the config's token.
     *
     * @param toolkit the HTTP toolkit, or {@code null} for the shared one
     */
    static ServiceClient client(ServerFlavor flavor, HttpToolkit toolkit, ProviderContext context) {
        ProviderConfig cfg = context.config();
        String fallbackDevice = UUID.nameUUIDFromBytes((flavor.provider() + ":" + cfg.instance())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return (toolkit != null ? toolkit : HttpToolkit.shared()).client(flavor.provider())
                .baseUrl(flavor.apiRoot(cfg.url("baseUrl", null)))
                .auth(c -> flavor.headers(c.string("deviceName").orElse(ServerFlavor.CLIENT),
                        c.string("deviceId").orElse(fallbackDevice),
                        c.string("accessToken").or(() -> c.string("apiKey")).orElseThrow(() -> new AuthException(
                                flavor.provider(), "not signed in; run 'crosswatch connect " + flavor.provider() + "'"))))
                .context(context)
                .build();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
